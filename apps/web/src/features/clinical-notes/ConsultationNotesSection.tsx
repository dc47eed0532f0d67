// The clinical notes block of a consultation's page, for its practitioner: the notes written on
// it (drafts in the editor, signed ones read-only with their addenda), a button to start one, and
// the way to the patient's file.
import type { Consultation } from '@huntzen/contracts';
import { Alert, Anchor, Button, Card, Center, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconAlert } from '../../components/icons';
import { Spinner } from '../../components/Spinner';
import { noteErrorMessage, useConsultationNotes, useCreateNote } from './clinical-notes.api';
import { NoteEditor } from './NoteEditor';
import { NoteView } from './NoteView';

/** The notes of consultation `consultation` (practitioner's view). */
export function ConsultationNotesSection({ consultation: c }: { consultation: Consultation }) {
  const { t } = useTranslation();
  const notes = useConsultationNotes(c.id);
  const create = useCreateNote(c.id);
  const name = `${c.employee.firstName} ${c.employee.lastName}`.trim();
  const items = notes.data?.items ?? [];
  const hasDraft = items.some((n) => !n.signedAt);

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="clinical-notes-title">
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} fz="lg" id="clinical-notes-title">
            {t('clinicalNotes.section.title')}
          </Title>
          <Anchor component={Link} to={`/app/patients/${c.employee.id}`} size="sm">
            {t('clinicalNotes.section.patientFile', { name })}
          </Anchor>
        </Group>
        <Text size="sm" c="dimmed">
          {t('clinicalNotes.section.private')}
        </Text>
        {notes.isPending ? (
          <Center p="md">
            <Spinner />
          </Center>
        ) : notes.isError ? (
          <Alert color="red" icon={<IconAlert />} role="alert">
            {noteErrorMessage(notes.error, t)}
          </Alert>
        ) : (
          <>
            {items.length === 0 ? <Text c="dimmed">{t('clinicalNotes.section.none')}</Text> : null}
            {items.map((note) =>
              note.signedAt || note.unreadable ? (
                <NoteView key={note.id} note={note} />
              ) : (
                <NoteEditor key={note.id} note={note} />
              ),
            )}
            {c.status === 'CANCELLED' ? (
              <Text size="sm" c="dimmed">
                {t('clinicalNotes.section.cancelled')}
              </Text>
            ) : hasDraft ? null : (
              <Group>
                <Button
                  variant={items.length === 0 ? 'filled' : 'light'}
                  loading={create.isPending}
                  onClick={() => create.mutate({ template: 'SOAP', sections: {} })}
                >
                  {t('clinicalNotes.section.new')}
                </Button>
              </Group>
            )}
            {create.isError ? (
              <Alert color="red" icon={<IconAlert />} role="alert">
                {noteErrorMessage(create.error, t)}
              </Alert>
            ) : null}
          </>
        )}
      </Stack>
    </Card>
  );
}
