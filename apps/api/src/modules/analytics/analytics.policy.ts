// Who reads the admin analytics and the e-mail queue, and the pure rules of months and figures.
// HuntZen's admins only: HR has its own thresholded dashboard (the insights module), practitioners
// and employees none. The database agrees: `practitioner_billing` shows a practitioner their own
// rows only, and `email_queue`'s policy admits the platform admins and the mail worker alone.
import { ANALYTICS_TREND_MONTHS, isHuntzenAdmin } from '@huntzen/contracts';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';

/** Refuses anyone but HuntZen's admins (the routes already do; services check again). */
export function assertPlatformAdmin(actor: RequestActor): void {
  if (!isHuntzenAdmin(actor.role)) {
    throw new AppError('FORBIDDEN', "Only HuntZen's admins read the analytics and the e-mail queue.");
  }
}

/** The UTC calendar month `YYYY-MM` as [from, to). */
export function monthRange(month: string): { from: Date; to: Date } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return { from: new Date(Date.UTC(year, m - 1, 1)), to: new Date(Date.UTC(year, m, 1)) };
}

/** `month` moved by `delta` months. */
export function addMonths(month: string, delta: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(year, m - 1 + delta, 1));
  return d.toISOString().slice(0, 7);
}

/** The months of the trend: ANALYTICS_TREND_MONTHS of them, ending with `last`, oldest first. */
export function trendMonths(last: string): string[] {
  return Array.from({ length: ANALYTICS_TREND_MONTHS }, (_, i) =>
    addMonths(last, i - ANALYTICS_TREND_MONTHS + 1),
  );
}

/** Minutes per consultation with one decimal; null when there is none. */
export function averageDuration(consultations: number, minutes: number): number | null {
  return consultations > 0 ? Math.round((minutes / consultations) * 10) / 10 : null;
}
