// `/app/billing` for HR (ADMIN_RH): the month's consultations billed to the company, by employee —
// whose, how many minutes, where the bill stands — and a "Dispute" per line with a reason. Never
// the practitioner, the kind of session nor the day: HR sees usage, not care.
import type { CompanyBillingItem } from '@huntzen/contracts';
import { Alert, Button, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { IconAlert } from '../../components/icons';
import { MonthField } from '../../components/MonthField';
import { Loading } from '../../components/QueryState';
import { errorMessage } from '../../lib/form';
import { usePageTitle } from '../../lib/use-page-title';
import { RequireValidatedCompany } from '../companies/CompanyPendingNotice';
import { filtersFromUrl, useCompanyBills } from './billing.api';
import { BillingStatusBadge, minutesLabel } from './billing-labels';
import { DisputeDialog, type DisputeTarget } from './DisputeDialog';

/** HR's billing page; a notice instead until HuntZen validated the company. */
export function CompanyBillingPage() {
  const { t } = useTranslation();
  return (
    <RequireValidatedCompany title={t('billing.hr.title')}>
      <CompanyBillingContent />
    </RequireValidatedCompany>
  );
}

function CompanyBillingContent() {
  const { t } = useTranslation();
  usePageTitle(t('billing.hr.title'));
  const [params, setParams] = useSearchParams();
  const { month } = filtersFromUrl(params);
  const bills = useCompanyBills(month);
  const items: CompanyBillingItem[] = bills.data?.pages.flatMap((page) => page.items) ?? [];
  const [dispute, setDispute] = useState<DisputeTarget | null>(null);

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t('billing.hr.title')}</Title>
        <Text c="dimmed">{t('billing.hr.subtitle')}</Text>
      </Stack>
      <MonthField
        label={t('billing.month')}
        value={month}
        onChange={(picked) => picked && setParams({ month: picked })}
        w={200}
      />
      <Card withBorder padding={0} component="section" aria-label={t('billing.hr.listLabel')}>
        {bills.isPending ? (
          <Loading />
        ) : bills.isError ? (
          <Alert color="red" icon={<IconAlert />} m="md" role="alert">
            {errorMessage(bills.error, t)}
          </Alert>
        ) : items.length === 0 ? (
          <Text p="xl" ta="center">
            {t('billing.hr.empty')}
          </Text>
        ) : (
          <Table striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('billing.hr.columns.employee')}</Table.Th>
                <Table.Th>{t('billing.hr.columns.minutes')}</Table.Th>
                <Table.Th>{t('billing.hr.columns.status')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => {
                const employee = `${item.employee.firstName} ${item.employee.lastName}`;
                const minutes = minutesLabel(item.billableMinutes, t);
                const label = t('billing.hr.rowLabel', { employee, minutes });
                return (
                  <Table.Tr key={item.id}>
                    <Table.Td>{employee}</Table.Td>
                    <Table.Td>{minutes}</Table.Td>
                    <Table.Td>
                      <Stack gap={4}>
                        <BillingStatusBadge status={item.billingStatus} />
                        {item.dispute ? (
                          <Text fz="xs" c="dimmed">
                            {t('billing.disputedBecause', { reason: item.dispute.reason })}
                          </Text>
                        ) : null}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      {item.billingStatus !== 'DISPUTED' ? (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => setDispute({ id: item.id, label })}
                          aria-label={t('billing.disputeOne', { label })}
                        >
                          {t('billing.dispute.action')}
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      {bills.hasNextPage ? (
        <Button variant="default" onClick={() => bills.fetchNextPage()} loading={bills.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      ) : null}
      <DisputeDialog target={dispute} onClose={() => setDispute(null)} />
    </Stack>
  );
}
