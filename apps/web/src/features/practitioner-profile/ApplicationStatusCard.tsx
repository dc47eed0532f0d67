// Where the application stands: its state, the checklist and the "send for review" button while it
// is a draft or refused (with the reason), and the listing switches once validated.
import type { ApplicationStatus, PractitionerApplication } from '@huntzen/contracts';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  Stack,
  Switch,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert';
import { IconAlert, IconCheck, IconHourglass, IconInfo } from '../../components/icons';
import { formatLocale } from '../../i18n';
import { applicationErrorMessage } from './application-errors';
import { useSubmitApplication, useUpdateListing } from './practitioner-profile.api';

const BADGE_COLOR: Record<ApplicationStatus, string> = {
  DRAFT: 'gray',
  SUBMITTED: 'blue',
  REJECTED: 'orange',
  VALIDATED: 'zen',
};

/** The status card of the practitioner's profile page. */
export function ApplicationStatusCard({ application }: { application: PractitionerApplication }) {
  const { t } = useTranslation();
  const { status } = application;
  const date = (iso: string | null) =>
    iso ? new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'long' }).format(new Date(iso)) : '';

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="application-status-title">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Title order={2} fz="xl" id="application-status-title">
            {t(`practitionerProfile.status.${status}.title`)}
          </Title>
          <Badge color={BADGE_COLOR[status]} variant="light" size="lg">
            {t(`practitionerProfile.status.${status}.badge`)}
          </Badge>
        </Group>
        {status === 'SUBMITTED' ? (
          <Alert color="blue" icon={<IconHourglass />}>
            {t('practitionerProfile.status.SUBMITTED.body', { date: date(application.submittedAt) })}
          </Alert>
        ) : status === 'VALIDATED' ? (
          <>
            <Text>
              {t('practitionerProfile.status.VALIDATED.body', { date: date(application.validatedAt) })}
            </Text>
            <ListingSwitches application={application} />
          </>
        ) : (
          <>
            {status === 'REJECTED' ? (
              <Alert
                color="orange"
                icon={<IconAlert />}
                title={t('practitionerProfile.status.REJECTED.reasonTitle')}
              >
                <Text style={{ whiteSpace: 'pre-wrap' }}>{application.rejectionReason}</Text>
              </Alert>
            ) : null}
            <Text>{t(`practitionerProfile.status.${status}.body`)}</Text>
            <Checklist application={application} />
            <SubmitButton application={application} />
          </>
        )}
      </Stack>
    </Card>
  );
}

function Checklist({ application }: { application: PractitionerApplication }) {
  const { t } = useTranslation();
  return (
    <List spacing="xs" aria-label={t('practitionerProfile.checklist.label')} listStyleType="none" p={0}>
      {application.requirements.map(({ key, met }) => (
        <List.Item
          key={key}
          icon={
            <ThemeIcon size={22} radius="xl" color={met ? 'zen' : 'gray'} variant={met ? 'filled' : 'light'}>
              {met ? <IconCheck size={14} /> : <IconInfo size={14} />}
            </ThemeIcon>
          }
        >
          <Text span>{t(`practitionerProfile.checklist.${key}`)}</Text>{' '}
          <Text span size="sm" c="dimmed">
            ({met ? t('practitionerProfile.checklist.done') : t('practitionerProfile.checklist.todo')})
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

function SubmitButton({ application }: { application: PractitionerApplication }) {
  const { t } = useTranslation();
  const submit = useSubmitApplication();
  const [problem, setProblem] = useState<string | null>(null);
  const complete = application.requirements.every((r) => r.met);
  return (
    <Stack gap="xs" align="flex-start">
      <Button
        disabled={!complete}
        loading={submit.isPending}
        onClick={() => {
          setProblem(null);
          submit.mutate(undefined, {
            onSuccess: () =>
              notifications.show({ color: 'zen', message: t('practitionerProfile.submitted') }),
            onError: (error) => setProblem(applicationErrorMessage(error, t)),
          });
        }}
      >
        {application.status === 'REJECTED'
          ? t('practitionerProfile.actions.resubmit')
          : t('practitionerProfile.actions.submit')}
      </Button>
      {!complete ? (
        <Text size="sm" c="dimmed">
          {t('practitionerProfile.checklist.incomplete')}
        </Text>
      ) : null}
      <FormAlert message={problem} />
    </Stack>
  );
}

function ListingSwitches({ application }: { application: PractitionerApplication }) {
  const { t } = useTranslation();
  const listing = useUpdateListing();
  const [problem, setProblem] = useState<string | null>(null);
  const change = (body: { isActive?: boolean; isAcceptingNewClients?: boolean }) => {
    setProblem(null);
    listing.mutate(body, {
      onSuccess: () => notifications.show({ color: 'zen', message: t('practitionerProfile.listing.saved') }),
      onError: (error) => setProblem(applicationErrorMessage(error, t)),
    });
  };
  return (
    <Stack gap="sm">
      <Switch
        checked={application.isActive}
        disabled={listing.isPending}
        onChange={(event) => change({ isActive: event.currentTarget.checked })}
        label={t('practitionerProfile.listing.isActive')}
        description={t('practitionerProfile.listing.isActiveHelp')}
      />
      <Switch
        checked={application.isAcceptingNewClients}
        disabled={listing.isPending}
        onChange={(event) => change({ isAcceptingNewClients: event.currentTarget.checked })}
        label={t('practitionerProfile.listing.isAcceptingNewClients')}
        description={t('practitionerProfile.listing.isAcceptingNewClientsHelp')}
      />
      <FormAlert message={problem} />
    </Stack>
  );
}
