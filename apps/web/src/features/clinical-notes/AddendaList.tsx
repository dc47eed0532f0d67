// A signed note's addenda, oldest first, and the form to add one (signed and dated by the API).
import { CLINICAL_NOTE_LIMITS, type ClinicalNote } from '@huntzen/contracts';
import { Alert, Button, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconAlert } from '../../components/icons';
import { noteErrorMessage, useAddAddendum } from './clinical-notes.api';
import { useDateTime } from './format';

/** The addenda of `note` and the form to add one. */
export function AddendaList({ note }: { note: ClinicalNote }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const add = useAddAddendum(note.id);
  const [text, setText] = useState('');
  const titleId = `addenda-${note.id}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    add.mutate(text.trim(), {
      onSuccess: () => {
        setText('');
        notifications.show({
          color: 'zen',
          closeButtonProps: { 'aria-label': t('common.close') },
          message: t('clinicalNotes.addenda.added'),
        });
      },
    });
  };

  return (
    <Stack gap="xs" component="section" aria-labelledby={titleId}>
      <Title order={4} fz="sm" id={titleId}>
        {t('clinicalNotes.addenda.title')}
      </Title>
      {note.addenda.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('clinicalNotes.addenda.none')}
        </Text>
      ) : (
        <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
          {note.addenda.map((a) => (
            <li key={a.id}>
              <Text size="xs" c="dimmed">
                {t('clinicalNotes.addenda.by', { name: a.signedBy.displayName, date: dateTime(a.signedAt) })}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {a.content ?? t('clinicalNotes.addenda.unreadable')}
              </Text>
            </li>
          ))}
        </Stack>
      )}
      <form onSubmit={submit}>
        <Stack gap="xs">
          <Textarea
            label={t('clinicalNotes.addenda.label')}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            maxLength={CLINICAL_NOTE_LIMITS.addendumMaxLength}
            autosize
            minRows={2}
          />
          {add.isError ? (
            <Alert color="red" icon={<IconAlert />} role="alert">
              {noteErrorMessage(add.error, t)}
            </Alert>
          ) : null}
          <div>
            <Button type="submit" variant="light" loading={add.isPending} disabled={!text.trim()}>
              {t('clinicalNotes.addenda.submit')}
            </Button>
          </div>
        </Stack>
      </form>
    </Stack>
  );
}
