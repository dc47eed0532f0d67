// A note as read: its sections under their labels, who signed it and when, and its addenda (with
// the form to add one when the note is signed). Drafts shown here (patient file) are read-only.
import { type ClinicalNote, NOTE_TEMPLATES } from '@huntzen/contracts';
import { Alert, Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconAlert } from '../../components/icons';
import { AddendaList } from './AddendaList';
import { useDateTime } from './format';

interface NoteViewProps {
  note: ClinicalNote;
  /** Patient file: say which consultation and link to it. */
  withConsultation?: boolean;
}

/** One note, read-only. */
export function NoteView({ note, withConsultation = false }: NoteViewProps) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const titleId = `note-${note.id}-title`;
  return (
    <Card withBorder padding="lg" component="article" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group gap="xs" wrap="wrap">
          <Title order={3} fz="md" id={titleId}>
            {t(`clinicalNotes.types.${note.noteType}`)} · {t(`clinicalNotes.templates.${note.template}`)}
          </Title>
          {note.signedAt ? null : <Badge color="gray.8">{t('clinicalNotes.note.draft')}</Badge>}
        </Group>
        {withConsultation ? (
          <Text size="sm" c="dimmed">
            {t('clinicalNotes.note.consultationOf', { date: dateTime(note.consultation.scheduledAt) })}
            {' · '}
            <Anchor
              component={Link}
              to={`/app/consultations/${note.consultation.id}`}
              size="sm"
              underline="always"
            >
              {t('clinicalNotes.note.openConsultation')}
            </Anchor>
          </Text>
        ) : null}
        {note.unreadable ? (
          <Alert color="red" icon={<IconAlert />}>
            {t('clinicalNotes.note.unreadable')}
          </Alert>
        ) : (
          <Stack component="dl" gap="xs" m={0}>
            {NOTE_TEMPLATES[note.template].map((name) => (
              <div key={name}>
                <Text component="dt" size="sm" fw={600}>
                  {t(`clinicalNotes.sections.${name}`)}
                </Text>
                <Text component="dd" m={0} style={{ whiteSpace: 'pre-wrap' }}>
                  {note.sections[name] || '—'}
                </Text>
              </div>
            ))}
          </Stack>
        )}
        {note.signedAt && note.signedBy ? (
          <Text size="sm" fw={500} c="zen.9">
            {t('clinicalNotes.note.signedBy', {
              name: note.signedBy.displayName,
              date: dateTime(note.signedAt),
            })}
          </Text>
        ) : null}
        {note.signedAt ? <AddendaList note={note} /> : null}
      </Stack>
    </Card>
  );
}
