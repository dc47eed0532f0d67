// One tap for a mood: five labelled cards in a radio group (arrow keys move and choose, as in any
// radio group). A mood is optional: a small button clears the choice.
import { type JournalMood, MOODS } from '@huntzen/contracts';
import { Button, Group, Radio, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MOOD_EMOJI } from './moods';

/** The mood radio group. */
export function MoodPicker({
  value,
  onChange,
}: {
  value: JournalMood | null;
  onChange: (mood: JournalMood | null) => void;
}) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <Radio.Group
      name={name}
      label={t('journal.mood.legend')}
      value={value ?? ''}
      onChange={(next) => onChange((next || null) as JournalMood | null)}
    >
      <Group gap="xs" mt={6} wrap="wrap">
        {MOODS.map((mood) => (
          <Radio.Card key={mood} value={mood} radius="md" p={6} w={92} data-testid={`mood-${mood}`}>
            <Stack gap={0} align="center">
              <Text fz={28} lh={1.2} aria-hidden>
                {MOOD_EMOJI[mood]}
              </Text>
              <Text fz="xs" ta="center" fw={value === mood ? 700 : 400}>
                {t(`journal.mood.${mood}`)}
              </Text>
            </Stack>
          </Radio.Card>
        ))}
        {value ? (
          <Button variant="subtle" size="compact-sm" onClick={() => onChange(null)}>
            {t('journal.mood.clear')}
          </Button>
        ) : null}
      </Group>
    </Radio.Group>
  );
}
