// `/app/profile` for a practitioner: the application (state, checklist, sending it for review, the
// refusal's reason), then, once validated, the public profile and the listing switches; the same
// form throughout, with the pictures and the documents.
import { Container, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from '../../components/QueryState';
import { usePageTitle } from '../../lib/use-page-title';
import { ProfileMediaCard } from '../media/ProfileMediaCard';
import { ApplicationStatusCard } from './ApplicationStatusCard';
import { DocumentsCard } from './DocumentsCard';
import { PractitionerProfileForm } from './PractitionerProfileForm';
import { useMyApplication } from './practitioner-profile.api';

/** The practitioner's profile page. */
export function PractitionerProfilePage() {
  const { t } = useTranslation();
  usePageTitle(t('practitionerProfile.title'));
  const application = useMyApplication();

  return (
    <Container size="lg" px={0}>
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1}>{t('practitionerProfile.title')}</Title>
          <Text c="dimmed">{t('practitionerProfile.subtitle')}</Text>
        </Stack>
        {application.isPending ? (
          <Loading />
        ) : application.isError ? (
          <LoadError error={application.error} />
        ) : (
          <>
            <ApplicationStatusCard application={application.data} />
            <PractitionerProfileForm application={application.data} />
            <DocumentsCard application={application.data} />
            <ProfileMediaCard />
          </>
        )}
      </Stack>
    </Container>
  );
}
