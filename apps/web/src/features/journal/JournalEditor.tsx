// The editor of an entry (new or edited): mood, text and tags, with the limits of the contracts.
import { JOURNAL_LIMITS, type JournalEntry, type JournalMood, normaliseTags } from '@huntzen/contracts';
import { Alert, Button, Group, Stack, TagsInput, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconAlert } from '../../components/icons';
import { journalErrorMessage } from './journal.api';
import { MoodPicker } from './MoodPicker';

export interface EditorValues {
  content: string;
  mood: JournalMood | null;
  tags: string[];
}

/** Tags as the API stores them, those too long left out (the input cannot cap each tag). */
function cleanTags(tags: string[]): string[] {
  return normaliseTags(tags)
    .filter((tag) => tag.length <= JOURNAL_LIMITS.tagMaxChars)
    .slice(0, JOURNAL_LIMITS.maxTags);
}

/** The entry editor; `onSave` resolves when saved (the form then resets for a new entry). */
export function JournalEditor({
  entry,
  onSave,
  onCancel,
  saving,
  error,
}: {
  entry?: JournalEntry;
  onSave: (values: EditorValues) => Promise<unknown>;
  onCancel?: () => void;
  saving: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const [content, setContent] = useState(entry?.content ?? '');
  const [mood, setMood] = useState<JournalMood | null>(entry?.mood ?? null);
  const [tags, setTags] = useState<string[]>(entry?.tags ?? []);

  return (
    <Stack
      component="form"
      gap="sm"
      onSubmit={async (event) => {
        event.preventDefault();
        await onSave({ content, mood, tags: cleanTags(tags) });
        if (!entry) {
          setContent('');
          setMood(null);
          setTags([]);
        }
      }}
    >
      <MoodPicker value={mood} onChange={setMood} />
      <Textarea
        label={t('journal.editor.content')}
        placeholder={t('journal.editor.contentPlaceholder')}
        value={content}
        onChange={(event) => setContent(event.currentTarget.value)}
        maxLength={JOURNAL_LIMITS.contentMaxChars}
        autosize
        minRows={4}
        maxRows={14}
        description={t('journal.editor.chars', {
          count: content.length,
          max: JOURNAL_LIMITS.contentMaxChars,
        })}
      />
      <TagsInput
        label={t('journal.editor.tags')}
        description={t('journal.editor.tagsDescription', {
          max: JOURNAL_LIMITS.maxTags,
          chars: JOURNAL_LIMITS.tagMaxChars,
        })}
        value={tags}
        onChange={(next) => setTags(cleanTags(next))}
        maxTags={JOURNAL_LIMITS.maxTags}
        splitChars={[',', ';']}
        clearable
      />
      {error ? (
        <Alert color="red" icon={<IconAlert />} role="alert">
          <Text size="sm">{journalErrorMessage(error, t)}</Text>
        </Alert>
      ) : null}
      <Group justify="flex-end">
        {onCancel ? (
          <Button variant="default" onClick={onCancel}>
            {t('journal.editor.cancel')}
          </Button>
        ) : null}
        <Button type="submit" loading={saving} disabled={content.trim() === '' && mood === null}>
          {t('journal.editor.save')}
        </Button>
      </Group>
    </Stack>
  );
}
