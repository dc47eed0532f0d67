// What the HR admin of a company HuntZen has not validated yet sees instead of the pages that make
// no sense before validation (employees, billing): why, and what can be done meanwhile.
import { Alert, Button, List, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { APP_PAGES } from '../../app/navigation';
import { IconHourglass } from '../../components/icons';
import { usePageTitle } from '../../lib/use-page-title';
import { useAuth } from '../auth/auth-context';

/** True when the signed-in HR admin's company is not validated (pending, rejected or switched off). */
export function useCompanyAwaitingValidation(): boolean {
  const { user } = useAuth();
  return user?.role === 'ADMIN_RH' && user.company !== null && user.company.status !== 'ACTIVE';
}

/** The "awaiting validation" notice, with what HR may do meanwhile. */
export function CompanyPendingNotice() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const status = user?.company?.status === 'PENDING' ? 'pending' : 'inactive';
  return (
    <Alert
      color="blue"
      variant="light"
      icon={<IconHourglass aria-hidden />}
      title={t(`companyPending.${status}.title`)}
      role="status"
    >
      <Stack gap="xs">
        <Text size="sm">{t(`companyPending.${status}.body`)}</Text>
        <Text size="sm">{t('companyPending.meanwhile')}</Text>
        <List size="sm">
          <List.Item>{t('companyPending.canBrand')}</List.Item>
          <List.Item>{t('companyPending.canDomains')}</List.Item>
          <List.Item>{t('companyPending.canSettings')}</List.Item>
        </List>
        <div>
          <Button component={Link} to={APP_PAGES.company.path} size="sm" variant="default">
            {t('companyPending.toSettings')}
          </Button>
        </div>
      </Stack>
    </Alert>
  );
}

/** Shows the notice, under the page's title, instead of `children` until the company is validated. */
export function RequireValidatedCompany({ title, children }: { title: string; children: ReactNode }) {
  const awaiting = useCompanyAwaitingValidation();
  if (!awaiting) return children;
  return <PendingPage title={title} />;
}

function PendingPage({ title }: { title: string }) {
  usePageTitle(title);
  return (
    <Stack gap="lg">
      <Title order={1}>{title}</Title>
      <CompanyPendingNotice />
    </Stack>
  );
}
