// A draft note being written: template (free text, SOAP, DAP, BIRP), note type and the template's
// sections. Edits are saved by themselves a moment after typing stops (one PATCH at a time, in
// order), with a "saved at hh:mm" indicator; signing saves what is pending first, asks for
// confirmation, and the note then becomes read-only.
import {
  CLINICAL_NOTE_LIMITS,
  type ClinicalNote,
  NOTE_TEMPLATE_NAMES,
  NOTE_TEMPLATES,
  NOTE_TYPES,
  type NoteTemplate,
  type NoteType,
  type UpdateClinicalNoteRequest,
} from '@huntzen/contracts';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NativeSelect,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconAlert } from '../../components/icons';
import { noteErrorMessage, useSignNote, useUpdateNote } from './clinical-notes.api';
import { useClockTime } from './format';

/** Quiet time after the last keystroke before a draft is saved. */
const AUTOSAVE_DELAY_MS = 1000;

type SaveState =
  | { kind: 'idle' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'error' };

/** The editor of draft `note`. */
export function NoteEditor({ note }: { note: ClinicalNote }) {
  const { t } = useTranslation();
  const clock = useClockTime();
  const [noteType, setNoteType] = useState<NoteType>(note.noteType);
  const [template, setTemplate] = useState<NoteTemplate>(note.template);
  const [sections, setSections] = useState<Record<string, string>>(note.sections);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [asking, setAsking] = useState(false);
  const update = useUpdateNote(note.id);
  const sign = useSignNote(note.id);
  const pending = useRef<UpdateClinicalNoteRequest | null>(null);
  const timer = useRef<number | undefined>(undefined);
  // Saves run one after the other, so an older PATCH never lands after a newer one.
  const chain = useRef<Promise<ClinicalNote | null>>(Promise.resolve(null));
  const { mutateAsync } = update;

  const flush = useCallback((): Promise<ClinicalNote | null> => {
    window.clearTimeout(timer.current);
    chain.current = chain.current
      .catch(() => null)
      .then(async () => {
        const body = pending.current;
        if (!body) return null;
        pending.current = null;
        setSaveState({ kind: 'saving' });
        try {
          const saved = await mutateAsync(body);
          setSaveState(
            pending.current ? { kind: 'dirty' } : { kind: 'saved', at: new Date(saved.updatedAt) },
          );
          return saved;
        } catch (error) {
          // Kept for the next attempt, under what was typed since.
          pending.current = { ...body, ...(pending.current as UpdateClinicalNoteRequest | null) };
          setSaveState({ kind: 'error' });
          throw error;
        }
      });
    return chain.current;
  }, [mutateAsync]);

  const schedule = (body: UpdateClinicalNoteRequest) => {
    pending.current = { ...pending.current, ...body };
    setSaveState({ kind: 'dirty' });
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flush().catch(() => undefined), AUTOSAVE_DELAY_MS);
  };

  // Leaving the page saves what is still pending.
  useEffect(() => () => void flush().catch(() => undefined), [flush]);

  const changeSection = (name: string, value: string) => {
    const next = { ...sections, [name]: value };
    setSections(next);
    schedule({ template, sections: next });
  };

  const changeTemplate = async (value: string) => {
    const next = value as NoteTemplate;
    if (next === template) return;
    await flush().catch(() => undefined);
    // The API carries the sections over (same names kept; to free text, all of them joined).
    pending.current = { ...pending.current, template: next };
    const saved = await flush().catch(() => null);
    if (saved) {
      setTemplate(saved.template);
      setSections(saved.sections);
    }
  };

  const confirmSign = async () => {
    setAsking(false);
    try {
      await flush();
    } catch {
      return;
    }
    sign.mutate(undefined, {
      onSuccess: () =>
        notifications.show({
          color: 'zen',
          closeButtonProps: { 'aria-label': t('common.close') },
          message: t('clinicalNotes.editor.signed'),
        }),
    });
  };

  const titleId = `note-${note.id}-title`;
  const templateLabelId = `note-${note.id}-template`;
  return (
    <Card
      withBorder
      padding="lg"
      component="form"
      aria-labelledby={titleId}
      onSubmit={(e) => e.preventDefault()}
    >
      <Stack gap="md">
        <Group gap="xs" justify="space-between" wrap="wrap">
          <Group gap="xs">
            <Title order={3} fz="md" id={titleId}>
              {t('clinicalNotes.editor.label')}
            </Title>
            <Badge color="gray.8">{t('clinicalNotes.note.draft')}</Badge>
          </Group>
          <Text
            size="sm"
            c={saveState.kind === 'error' ? 'red.9' : 'dimmed'}
            aria-live="polite"
            role="status"
          >
            {saveState.kind === 'saving'
              ? t('clinicalNotes.editor.saving')
              : saveState.kind === 'saved'
                ? t('clinicalNotes.editor.savedAt', { time: clock(saveState.at) })
                : saveState.kind === 'dirty'
                  ? t('clinicalNotes.editor.unsaved')
                  : saveState.kind === 'error'
                    ? t('clinicalNotes.editor.saveFailed')
                    : ''}
          </Text>
        </Group>
        <Group gap="lg" align="flex-end" wrap="wrap">
          <Stack gap={4}>
            <Text size="sm" fw={500} id={templateLabelId}>
              {t('clinicalNotes.editor.template')}
            </Text>
            <SegmentedControl
              aria-labelledby={templateLabelId}
              value={template}
              onChange={(value) => void changeTemplate(value)}
              data={NOTE_TEMPLATE_NAMES.map((name) => ({
                value: name,
                label: t(`clinicalNotes.templates.${name}`),
              }))}
            />
          </Stack>
          <NativeSelect
            label={t('clinicalNotes.editor.type')}
            value={noteType}
            onChange={(event) => {
              const value = event.currentTarget.value as NoteType;
              setNoteType(value);
              schedule({ noteType: value });
            }}
            data={NOTE_TYPES.map((type) => ({ value: type, label: t(`clinicalNotes.types.${type}`) }))}
          />
        </Group>
        {NOTE_TEMPLATES[template].map((name) => (
          <Textarea
            key={`${template}-${name}`}
            label={t(`clinicalNotes.sections.${name}`)}
            value={sections[name] ?? ''}
            onChange={(event) => changeSection(name, event.currentTarget.value)}
            onBlur={() => void flush().catch(() => undefined)}
            maxLength={CLINICAL_NOTE_LIMITS.sectionMaxLength}
            autosize
            minRows={template === 'FREE' ? 8 : 3}
          />
        ))}
        {sign.isError ? (
          <Alert color="red" icon={<IconAlert />} role="alert">
            {noteErrorMessage(sign.error, t)}
          </Alert>
        ) : null}
        <Group>
          <Button onClick={() => setAsking(true)} loading={sign.isPending}>
            {t('clinicalNotes.editor.sign')}
          </Button>
        </Group>
      </Stack>
      <Modal
        opened={asking}
        onClose={() => setAsking(false)}
        title={t('clinicalNotes.editor.signTitle')}
        centered
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="md">
          <Text>{t('clinicalNotes.editor.signConfirm')}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setAsking(false)}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => void confirmSign()} data-autofocus>
              {t('clinicalNotes.editor.sign')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
