// The bills of the billing page: a checkbox per row (and one for the page), who and when, what kind
// of session, the minutes billed, the status (with the dispute's reason), and the row's actions.
import type { BillingItem } from '@huntzen/contracts';
import { Button, Checkbox, Group, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatLocale } from '../../i18n';
import { BillingStatusBadge, kindLabel, minutesLabel } from './billing-labels';
import type { DisputeTarget } from './DisputeDialog';

interface Props {
  items: BillingItem[];
  selected: ReadonlySet<string>;
  onSelect: (next: ReadonlySet<string>) => void;
  busy: boolean;
  onValidate: (item: BillingItem) => void;
  onBill: (item: BillingItem) => void;
  onDispute: (target: DisputeTarget) => void;
}

/** The table of bills. */
export function BillingTable({ items, selected, onSelect, busy, onValidate, onBill, onDispute }: Props) {
  const { t } = useTranslation();
  const when = new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'medium', timeStyle: 'short' });
  const all = items.length > 0 && items.every((item) => selected.has(item.id));
  const some = items.some((item) => selected.has(item.id));
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (!next.delete(id)) next.add(id);
    onSelect(next);
  };
  const practitioner = (item: BillingItem) =>
    `${item.practitioner.title} ${item.practitioner.firstName} ${item.practitioner.lastName}`;
  const employee = (item: BillingItem) => `${item.employee.firstName} ${item.employee.lastName}`;

  return (
    <ScrollArea>
      <Table striped highlightOnHover verticalSpacing="sm" miw={900}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>
              <Checkbox
                aria-label={t('billing.selectAll')}
                checked={all}
                indeterminate={some && !all}
                onChange={() => onSelect(all ? new Set() : new Set(items.map((item) => item.id)))}
              />
            </Table.Th>
            <Table.Th>{t('billing.columns.date')}</Table.Th>
            <Table.Th>{t('billing.columns.company')}</Table.Th>
            <Table.Th>{t('billing.columns.practitioner')}</Table.Th>
            <Table.Th>{t('billing.columns.employee')}</Table.Th>
            <Table.Th>{t('billing.columns.kind')}</Table.Th>
            <Table.Th>{t('billing.columns.minutes')}</Table.Th>
            <Table.Th>{t('billing.columns.status')}</Table.Th>
            <Table.Th>{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => {
            const date = when.format(new Date(item.scheduledAt));
            const label = t('billing.rowLabel', {
              date,
              employee: employee(item),
              practitioner: practitioner(item),
            });
            return (
              <Table.Tr key={item.id} data-id={item.id}>
                <Table.Td>
                  <Checkbox
                    aria-label={t('billing.select', { label })}
                    checked={selected.has(item.id)}
                    onChange={() => toggle(item.id)}
                  />
                </Table.Td>
                <Table.Td>{date}</Table.Td>
                <Table.Td>{item.company.name}</Table.Td>
                <Table.Td>{practitioner(item)}</Table.Td>
                <Table.Td>{employee(item)}</Table.Td>
                <Table.Td>{kindLabel(item, t)}</Table.Td>
                <Table.Td>{minutesLabel(item.billableMinutes, t)}</Table.Td>
                <Table.Td>
                  <Stack gap={4}>
                    <BillingStatusBadge status={item.billingStatus} />
                    {item.dispute ? (
                      <Text fz="xs" c="dimmed" maw={260}>
                        {t('billing.disputedBecause', { reason: item.dispute.reason })}
                      </Text>
                    ) : null}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    {item.billingStatus === 'PENDING' || item.billingStatus === 'DISPUTED' ? (
                      <Button
                        size="xs"
                        disabled={busy}
                        onClick={() => onValidate(item)}
                        aria-label={t('billing.validateOne', { label })}
                      >
                        {t('billing.validate')}
                      </Button>
                    ) : null}
                    {item.billingStatus === 'VALIDATED' ? (
                      <Button
                        size="xs"
                        variant="light"
                        disabled={busy}
                        onClick={() => onBill(item)}
                        aria-label={t('billing.billOne', { label })}
                      >
                        {t('billing.bill')}
                      </Button>
                    ) : null}
                    {item.billingStatus !== 'DISPUTED' ? (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        disabled={busy}
                        onClick={() => onDispute({ id: item.id, label })}
                        aria-label={t('billing.disputeOne', { label })}
                      >
                        {t('billing.dispute.action')}
                      </Button>
                    ) : null}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
