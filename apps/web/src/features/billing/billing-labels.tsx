// Labels shared by the billing pages: statuses as badges, what kind of session was billed, money-free
// durations, and the messages of the billing refusals.
import type { BillingItem, BillingStatus } from '@huntzen/contracts';
import { Badge } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api-error';
import { errorMessage } from '../../lib/form';

// Filled badges whose text (Mantine's autoContrast) reads at AA, like the other status badges.
const COLORS: Record<BillingStatus, string> = {
  PENDING: 'yellow.5',
  VALIDATED: 'zen',
  BILLED: 'blue.9',
  DISPUTED: 'red.8',
};

/** A billing status as a badge. */
export function BillingStatusBadge({ status }: { status: BillingStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="filled" tt="none" style={{ minWidth: 'max-content' }}>
      {t(`billing.badge.${status}`)}
    </Badge>
  );
}

/** Completed session, employee absent, late cancellation. */
export function kindLabel(item: Pick<BillingItem, 'status'>, t: TFunction): string {
  return t(`billing.kind.${item.status}`);
}

/** "47 min" / "1 h 05". */
export function minutesLabel(minutes: number, t: TFunction): string {
  if (minutes < 60) return t('billing.minutes', { count: minutes });
  return t('billing.hours', {
    hours: Math.floor(minutes / 60),
    minutes: String(minutes % 60).padStart(2, '0'),
  });
}

/** The message of a refused billing change. */
export function billingError(error: unknown, t: TFunction): string {
  if (isApiError(error, 'ILLEGAL_TRANSITION')) return t('billing.errors.illegal');
  if (isApiError(error, 'NOT_BILLABLE')) return t('billing.errors.notBillable');
  if (isApiError(error, 'NOT_FOUND')) return t('billing.errors.notFound');
  return errorMessage(error, t);
}
