// `/app/patients/:employeeId` (practitioners): the patient file — every note the practitioner wrote
// about one patient, across consultations, newest first, with signatures and addenda. Each note
// shown is a READ row of the audit log.
import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { IconAlert } from '../../components/icons';
import { Loading } from '../../components/QueryState';
import { isApiError } from '../../lib/api-error';
import { usePageTitle } from '../../lib/use-page-title';
import { SharedAssessmentsSection } from '../assessments/SharedAssessmentsSection';
import { noteErrorMessage, usePatientFile } from './clinical-notes.api';
import { NoteView } from './NoteView';

/** The patient file page. */
export function PatientFilePage() {
  const { t } = useTranslation();
  const { employeeId = '' } = useParams();
  const query = usePatientFile(employeeId);
  const patient = query.data?.pages[0]?.patient;
  const name = patient ? `${patient.firstName} ${patient.lastName}`.trim() : '';
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  usePageTitle(patient ? t('clinicalNotes.patient.title', { name }) : t('clinicalNotes.patient.loading'));

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/app/clinical-notes" size="sm">
        ← {t('clinicalNotes.patient.back')}
      </Anchor>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <Alert
          color={isApiError(query.error, 'NOT_FOUND') ? 'gray' : 'red'}
          icon={<IconAlert />}
          role="alert"
        >
          {isApiError(query.error, 'NOT_FOUND')
            ? t('clinicalNotes.patient.notFound')
            : noteErrorMessage(query.error, t)}
        </Alert>
      ) : (
        <>
          <Stack gap={4}>
            <Title order={1}>{t('clinicalNotes.patient.title', { name })}</Title>
            <Text c="dimmed" maw={760}>
              {t('clinicalNotes.patient.intro')}
            </Text>
          </Stack>
          <SharedAssessmentsSection employeeId={employeeId} />
          {items.length === 0 ? <Text c="dimmed">{t('clinicalNotes.patient.empty')}</Text> : null}
          <Stack gap="md">
            {items.map((note) => (
              <NoteView key={note.id} note={note} withConsultation />
            ))}
          </Stack>
          {query.hasNextPage ? (
            <Group>
              <Button
                variant="default"
                onClick={() => void query.fetchNextPage()}
                loading={query.isFetchingNextPage}
              >
                {t('common.loadMore')}
              </Button>
            </Group>
          ) : null}
        </>
      )}
    </Stack>
  );
}
