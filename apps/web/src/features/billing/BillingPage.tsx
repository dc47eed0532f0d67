// `/app/billing` (SUPER_ADMIN, ADMIN_HUNTZEN): the month's billable consultations — completed
// sessions, absent employees, late cancellations by the employee — by billing status, with the
// month's totals. Validate one bill, a selection, or every pending bill of the month (with the
// company and practitioner filters); mark validated bills billed; dispute one with a reason. No
// health content on this page: who, when, how long, where the bill stands.
import type { BillingItem, BillingStatus, BillingSummary } from '@huntzen/contracts';
import { Alert, Button, Card, Group, Modal, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { IconAlert } from '../../components/icons';
import { MonthField } from '../../components/MonthField';
import { Loading } from '../../components/QueryState';
import { formatLocale } from '../../i18n';
import { errorMessage } from '../../lib/form';
import { usePageTitle } from '../../lib/use-page-title';
import { BillingTable } from './BillingTable';
import {
  type BillingChange,
  type BillingFilters,
  filtersFromUrl,
  filtersToUrl,
  useBillingChange,
  useBillingSummary,
  useBills,
} from './billing.api';
import { billingError, minutesLabel } from './billing-labels';
import { DisputeDialog, type DisputeTarget } from './DisputeDialog';

const STATUSES: BillingStatus[] = ['PENDING', 'VALIDATED', 'BILLED', 'DISPUTED'];

/** "mars 2026" / "March 2026" for a UTC month. */
function monthLabel(month: string, language: string): string {
  return new Intl.DateTimeFormat(formatLocale(language), {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T00:00:00Z`));
}

/** The billing page. */
export function BillingPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('billing.title'));
  const [params, setParams] = useSearchParams();
  const filters = filtersFromUrl(params);
  const setFilters = (next: Partial<BillingFilters>) => setParams(filtersToUrl({ ...filters, ...next }));
  const summary = useBillingSummary(filters.month);
  const bills = useBills(filters);
  const items: BillingItem[] = bills.data?.pages.flatMap((page) => page.items) ?? [];
  const change = useBillingChange();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirmMonth, setConfirmMonth] = useState(false);
  const [dispute, setDispute] = useState<DisputeTarget | null>(null);
  const month = monthLabel(filters.month, i18n.language);
  // Only rows still on screen can be acted on.
  const chosen = items.filter((item) => selected.has(item.id)).map((item) => item.id);

  const apply = (request: BillingChange, done: (count: number) => string) =>
    change.mutate(request, {
      onSuccess: ({ count }) => {
        setSelected(new Set());
        notifications.show({
          color: 'zen',
          message: done(count),
          closeButtonProps: { 'aria-label': t('common.close') },
        });
      },
      onError: (error) =>
        notifications.show({
          color: 'red',
          message: billingError(error, t),
          closeButtonProps: { 'aria-label': t('common.close') },
        }),
    });

  const pending = summary.data?.totals.PENDING.count ?? 0;
  const scope = [
    filters.companyId ? summary.data?.companies.find((c) => c.id === filters.companyId)?.name : null,
    filters.practitionerId
      ? (() => {
          const p = summary.data?.practitioners.find((x) => x.id === filters.practitionerId);
          return p ? `${p.title} ${p.firstName} ${p.lastName}` : null;
        })()
      : null,
  ].filter(Boolean);

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t('billing.title')}</Title>
        <Text c="dimmed">{t('billing.subtitle')}</Text>
      </Stack>

      <Card withBorder component="section" aria-label={t('billing.filters')}>
        <Group align="flex-end" gap="md" wrap="wrap">
          <MonthField
            label={t('billing.month')}
            value={filters.month}
            onChange={(picked) => picked && setFilters({ month: picked })}
            w={200}
          />
          <Select
            label={t('billing.company')}
            placeholder={t('billing.allCompanies')}
            data={(summary.data?.companies ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={filters.companyId || null}
            onChange={(value) => setFilters({ companyId: value ?? '' })}
            clearable
            searchable
            w={220}
          />
          <Select
            label={t('billing.practitioner')}
            placeholder={t('billing.allPractitioners')}
            data={(summary.data?.practitioners ?? []).map((p) => ({
              value: p.id,
              label: `${p.title} ${p.firstName} ${p.lastName}`,
            }))}
            value={filters.practitionerId || null}
            onChange={(value) => setFilters({ practitionerId: value ?? '' })}
            clearable
            searchable
            w={240}
          />
        </Group>
      </Card>

      <Totals summary={summary.data} active={filters.status} onPick={(status) => setFilters({ status })} />

      <Group justify="space-between" gap="sm">
        <Text fw={600}>
          {t('billing.listTitle', { status: t(`billing.status.${filters.status}`), month })}
        </Text>
        <Group gap="sm">
          {filters.status === 'PENDING' || filters.status === 'DISPUTED' ? (
            <Button
              variant="light"
              disabled={chosen.length === 0}
              loading={change.isPending}
              onClick={() =>
                apply({ kind: 'validate', ids: chosen }, (count) => t('billing.validated', { count }))
              }
            >
              {t('billing.validateSelection', { count: chosen.length })}
            </Button>
          ) : null}
          {filters.status === 'VALIDATED' ? (
            <Button
              variant="light"
              disabled={chosen.length === 0}
              loading={change.isPending}
              onClick={() => apply({ kind: 'bill', ids: chosen }, (count) => t('billing.billed', { count }))}
            >
              {t('billing.billSelection', { count: chosen.length })}
            </Button>
          ) : null}
          <Button disabled={pending === 0} onClick={() => setConfirmMonth(true)}>
            {t('billing.validateMonth', { month })}
          </Button>
        </Group>
      </Group>

      <Card withBorder padding={0} component="section" aria-label={t('billing.listLabel')}>
        {bills.isPending ? (
          <Loading />
        ) : bills.isError ? (
          <Alert color="red" icon={<IconAlert />} m="md" role="alert">
            {errorMessage(bills.error, t)}
          </Alert>
        ) : items.length === 0 ? (
          <Text p="xl" ta="center">
            {t('billing.empty')}
          </Text>
        ) : (
          <BillingTable
            items={items}
            selected={selected}
            onSelect={setSelected}
            busy={change.isPending}
            onValidate={(item) =>
              apply({ kind: 'validate', ids: [item.id] }, (count) => t('billing.validated', { count }))
            }
            onBill={(item) =>
              apply({ kind: 'bill', ids: [item.id] }, (count) => t('billing.billed', { count }))
            }
            onDispute={setDispute}
          />
        )}
      </Card>
      {bills.hasNextPage ? (
        <Button variant="default" onClick={() => bills.fetchNextPage()} loading={bills.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      ) : null}

      <Modal
        opened={confirmMonth}
        onClose={() => setConfirmMonth(false)}
        title={t('billing.confirmMonth.title', { month })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        centered
      >
        <Stack gap="md">
          <Text>
            {scope.length > 0
              ? t('billing.confirmMonth.scoped', { month, scope: scope.join(', ') })
              : t('billing.confirmMonth.text', { count: pending, month })}
          </Text>
          <Text fz="sm" c="dimmed">
            {t('billing.confirmMonth.hint')}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmMonth(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              loading={change.isPending}
              onClick={() => {
                setConfirmMonth(false);
                apply(
                  {
                    kind: 'validate-month',
                    month: filters.month,
                    ...(filters.companyId ? { companyId: filters.companyId } : {}),
                    ...(filters.practitionerId ? { practitionerId: filters.practitionerId } : {}),
                  },
                  (count) => t('billing.validated', { count }),
                );
              }}
            >
              {t('billing.confirmMonth.submit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <DisputeDialog target={dispute} onClose={() => setDispute(null)} />
    </Stack>
  );
}

/** The month's four statuses, each a button that shows its bills. */
function Totals({
  summary,
  active,
  onPick,
}: {
  summary: BillingSummary | undefined;
  active: BillingStatus;
  onPick: (status: BillingStatus) => void;
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
      {STATUSES.map((status) => {
        const totals = summary?.totals[status];
        return (
          <Card
            key={status}
            withBorder
            p={{ base: 'sm', sm: 'md' }}
            component="button"
            type="button"
            onClick={() => onPick(status)}
            aria-pressed={active === status}
            style={{
              textAlign: 'left',
              cursor: 'pointer',
              borderColor: active === status ? 'var(--mantine-color-zen-6)' : undefined,
              borderWidth: active === status ? 2 : undefined,
            }}
          >
            <Text fz="sm" c="dimmed">
              {t(`billing.status.${status}`)}
            </Text>
            {/* Smaller on a phone: "12 consultations" fits half its width. */}
            <Text fz={{ base: 'md', sm: 'xl' }} fw={700}>
              {totals ? t('billing.count', { count: totals.count }) : '…'}
            </Text>
            <Text fz="sm">{totals ? minutesLabel(totals.minutes, t) : ''}</Text>
          </Card>
        );
      })}
    </SimpleGrid>
  );
}
