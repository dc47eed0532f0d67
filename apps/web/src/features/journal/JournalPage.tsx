// `/app/journal` (employees): the private mood journal — write an entry with a one-tap mood, see
// the mood over time and the streak, list and filter entries, edit or delete them, export or
// import the whole journal, and opt in to the local tone analysis.
import '@mantine/charts/styles.css';
import { type JournalEntry, type JournalMood, MOODS } from '@huntzen/contracts';
import {
  Alert,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconAlert } from '../../components/icons';
import { LoadError, Loading } from '../../components/QueryState';
import { errorMessage } from '../../lib/form';
import { usePageTitle } from '../../lib/use-page-title';
import { EntryItem } from './EntryItem';
import { type EditorValues, JournalEditor } from './JournalEditor';
import {
  downloadJournal,
  type JournalFilters,
  NO_FILTERS,
  useCreateJournalEntry,
  useDeleteJournalEntry,
  useImportJournal,
  useJournalEntries,
  useJournalSettings,
  useJournalStreak,
  useUpdateJournalEntry,
  useUpdateJournalSettings,
} from './journal.api';
import { MoodChart } from './MoodChart';
import { MOOD_EMOJI } from './moods';

/** The journal page. */
export function JournalPage() {
  const { t } = useTranslation();
  usePageTitle(t('journal.title'));
  const streak = useJournalStreak();

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4} maw={760}>
          <Title order={1}>{t('journal.title')}</Title>
          <Text c="dimmed">{t('journal.subtitle')}</Text>
        </Stack>
        {streak.data ? (
          <Card withBorder padding="sm" data-testid="journal-streak">
            <Text size="xs" c="dimmed">
              {t('journal.streak.label')}
            </Text>
            <Text fw={700} size="lg">
              {t('journal.streak.days', { count: streak.data.current })}
            </Text>
            <Text size="xs" c="dimmed">
              {t('journal.streak.longest', { count: streak.data.longest })}
            </Text>
          </Card>
        ) : null}
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <NewEntryCard />
        <MoodChart />
      </SimpleGrid>
      <EntriesSection />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <TransferCard />
        <SentimentCard />
      </SimpleGrid>
    </Stack>
  );
}

function NewEntryCard() {
  const { t } = useTranslation();
  const create = useCreateJournalEntry();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="journal-new-title">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="journal-new-title">
          {t('journal.editor.newTitle')}
        </Title>
        <JournalEditor
          saving={create.isPending}
          error={create.error}
          onSave={async (values: EditorValues) => {
            await create.mutateAsync(values);
            notifications.show({
              color: 'teal',
              closeButtonProps: { 'aria-label': t('common.close') },
              message: t('journal.editor.saved'),
            });
          }}
        />
      </Stack>
    </Card>
  );
}

function EntriesSection() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<JournalFilters>(NO_FILTERS);
  const [tagText, setTagText] = useState('');
  const [debouncedTag] = useDebouncedValue(tagText.trim(), 300);
  useEffect(() => setFilters((f) => ({ ...f, tag: debouncedTag || null })), [debouncedTag]);
  const query = useJournalEntries(filters);
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  const [editing, setEditing] = useState<JournalEntry | null>(null);
  const [deleting, setDeleting] = useState<JournalEntry | null>(null);
  const update = useUpdateJournalEntry();
  const remove = useDeleteJournalEntry();
  const filtered = filters.from || filters.to || filters.mood || filters.tag;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="journal-list-title">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="journal-list-title">
          {t('journal.list.title')}
        </Title>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <DatePickerInput
            type="range"
            label={t('journal.list.from')}
            value={[filters.from, filters.to]}
            onChange={([from, to]) => setFilters((f) => ({ ...f, from: from ?? null, to: to ?? null }))}
            clearable
            miw={220}
          />
          <Select
            label={t('journal.list.moodFilter')}
            placeholder={t('journal.list.anyMood')}
            value={filters.mood}
            onChange={(mood) => setFilters((f) => ({ ...f, mood: (mood as JournalMood | null) ?? null }))}
            data={MOODS.map((mood) => ({
              value: mood,
              label: `${MOOD_EMOJI[mood]} ${t(`journal.mood.${mood}`)}`,
            }))}
            clearable
            w={170}
          />
          <TextInput
            label={t('journal.list.tagFilter')}
            placeholder={t('journal.list.tagPlaceholder')}
            value={tagText}
            onChange={(event) => setTagText(event.currentTarget.value)}
            w={170}
          />
          {filtered ? (
            <Button
              variant="subtle"
              onClick={() => {
                setTagText('');
                setFilters(NO_FILTERS);
              }}
            >
              {t('journal.list.clear')}
            </Button>
          ) : null}
        </Group>
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <LoadError error={query.error} />
        ) : items.length === 0 ? (
          <Text c="dimmed">{t('journal.list.empty')}</Text>
        ) : (
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-live="polite">
            {items.map((entry) => (
              <EntryItem
                key={entry.id}
                entry={entry}
                onEdit={() => {
                  update.reset();
                  setEditing(entry);
                }}
                onDelete={() => setDeleting(entry)}
                onTag={(tag) => setTagText(tag)}
              />
            ))}
          </Stack>
        )}
        {query.hasNextPage ? (
          <Button variant="default" onClick={() => query.fetchNextPage()} loading={query.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        ) : null}
      </Stack>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t('journal.editor.editTitle')}
        size="lg"
      >
        {editing ? (
          <JournalEditor
            entry={editing}
            saving={update.isPending}
            error={update.error}
            onCancel={() => setEditing(null)}
            onSave={async (values) => {
              // An unreadable entry shows no text: an empty editor must not be sent as its new text.
              const body =
                editing.contentUnreadable && values.content === ''
                  ? { ...values, content: undefined }
                  : values;
              await update.mutateAsync({ id: editing.id, body });
              setEditing(null);
              notifications.show({
                color: 'teal',
                closeButtonProps: { 'aria-label': t('common.close') },
                message: t('journal.editor.saved'),
              });
            }}
          />
        ) : null}
      </Modal>
      <Modal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('journal.list.delete')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack>
          <Text>{t('journal.list.deleteConfirm')}</Text>
          {remove.error ? (
            <Alert color="red" role="alert">
              {errorMessage(remove.error, t)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              {t('journal.editor.cancel')}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={async () => {
                if (!deleting) return;
                await remove.mutateAsync(deleting.id);
                setDeleting(null);
                notifications.show({
                  color: 'teal',
                  closeButtonProps: { 'aria-label': t('common.close') },
                  message: t('journal.list.deleted'),
                });
              }}
            >
              {t('journal.list.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

function TransferCard() {
  const { t } = useTranslation();
  const importJournal = useImportJournal();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'json' | 'csv' | null>(null);

  async function download(format: 'json' | 'csv') {
    setError(null);
    setBusy(format);
    try {
      await downloadJournal(format);
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(null);
    }
  }

  async function upload(file: File | null) {
    if (!file) return;
    setError(null);
    let document: unknown;
    try {
      document = JSON.parse(await file.text());
    } catch {
      setError(t('journal.transfer.invalidFile'));
      return;
    }
    try {
      const result = await importJournal.mutateAsync(document);
      notifications.show({
        color: 'teal',
        closeButtonProps: { 'aria-label': t('common.close') },
        message: t('journal.transfer.imported', result),
      });
    } catch (e) {
      setError(
        errorMessage(e, t) === t('errors.VALIDATION_FAILED')
          ? t('journal.transfer.invalidFile')
          : errorMessage(e, t),
      );
    }
  }

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="journal-transfer-title">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="journal-transfer-title">
          {t('journal.transfer.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('journal.transfer.description')}
        </Text>
        <Group gap="xs" wrap="wrap">
          <Button variant="default" loading={busy === 'json'} onClick={() => download('json')}>
            {t('journal.transfer.exportJson')}
          </Button>
          <Button variant="default" loading={busy === 'csv'} onClick={() => download('csv')}>
            {t('journal.transfer.exportCsv')}
          </Button>
          <FileButton onChange={upload} accept="application/json,.json">
            {(props) => (
              <Button {...props} variant="light" loading={importJournal.isPending}>
                {t('journal.transfer.import')}
              </Button>
            )}
          </FileButton>
        </Group>
        {error ? (
          <Alert color="red" icon={<IconAlert />} role="alert">
            {error}
          </Alert>
        ) : null}
      </Stack>
    </Card>
  );
}

function SentimentCard() {
  const { t } = useTranslation();
  const settings = useJournalSettings();
  const change = useUpdateJournalSettings();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="journal-sentiment-title">
      <Stack gap="sm">
        <Group gap="xs">
          <Title order={2} fz="lg" id="journal-sentiment-title">
            {t('journal.settings.title')}
          </Title>
          {settings.data?.sentimentEnabled ? <Badge variant="light">✓</Badge> : null}
        </Group>
        <Text size="sm" c="dimmed" id="journal-sentiment-explanation">
          {t('journal.settings.explanation')}
        </Text>
        <Switch
          label={t('journal.settings.switch')}
          checked={settings.data?.sentimentEnabled ?? false}
          disabled={!settings.data || change.isPending}
          onChange={(event) => change.mutate(event.currentTarget.checked)}
          aria-describedby="journal-sentiment-explanation"
        />
        {settings.data && !settings.data.sentimentAvailable ? (
          <Text size="sm" c="orange.8">
            {t('journal.settings.unavailable')}
          </Text>
        ) : null}
        {change.error ? (
          <Alert color="red" role="alert">
            {errorMessage(change.error, t)}
          </Alert>
        ) : null}
      </Stack>
    </Card>
  );
}
