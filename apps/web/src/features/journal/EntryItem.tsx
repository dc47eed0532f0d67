// One entry of the list: date, mood, tags (a tag filters the list), text, the estimated tone when
// the employee opted in, and edit/delete.
import type { JournalEntry } from '@huntzen/contracts';
import { Alert, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatLocale } from '../../i18n';
import { MOOD_COLOR, MOOD_EMOJI } from './moods';

/** An entry card. */
export function EntryItem({
  entry,
  onEdit,
  onDelete,
  onTag,
}: {
  entry: JournalEntry;
  onEdit: () => void;
  onDelete: () => void;
  onTag: (tag: string) => void;
}) {
  const { t } = useTranslation();
  const when = new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'full', timeStyle: 'short' }).format(
    new Date(entry.createdAt),
  );
  return (
    <Card withBorder padding="md" component="li" data-testid="journal-entry">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600} size="sm">
            {when}
            {entry.updatedAt !== entry.createdAt ? (
              <Text span c="dimmed" size="xs">
                {' '}
                ({t('journal.list.edited')})
              </Text>
            ) : null}
          </Text>
          {entry.mood ? (
            <Badge color={MOOD_COLOR[entry.mood]} variant="light" c="dark.7" size="lg" tt="none">
              <span aria-hidden>{MOOD_EMOJI[entry.mood]} </span>
              {t(`journal.mood.${entry.mood}`)}
            </Badge>
          ) : null}
        </Group>
        {entry.contentUnreadable ? (
          <Alert color="orange" p="xs">
            {t('journal.list.unreadable')}
          </Alert>
        ) : (
          <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{entry.content}</Text>
        )}
        {entry.tags.length > 0 ? (
          <Group gap={6}>
            {entry.tags.map((tag) => (
              <Button
                key={tag}
                size="compact-xs"
                variant="light"
                color="gray"
                radius="xl"
                onClick={() => onTag(tag)}
              >
                #{tag}
              </Button>
            ))}
          </Group>
        ) : null}
        {entry.sentimentScore !== null ? (
          <Text size="xs" c="dimmed">
            {t('journal.list.sentiment', {
              value: new Intl.NumberFormat(formatLocale(), { signDisplay: 'exceptZero' }).format(
                entry.sentimentScore,
              ),
            })}
          </Text>
        ) : null}
        <Group justify="flex-end" gap="xs">
          <Button
            size="xs"
            variant="default"
            onClick={onEdit}
            aria-label={`${t('journal.list.edit')} — ${when}`}
          >
            {t('journal.list.edit')}
          </Button>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            onClick={onDelete}
            aria-label={`${t('journal.list.delete')} — ${when}`}
          >
            {t('journal.list.delete')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
