// Admin analytics (/api/v1/insights/billing): HuntZen's counted consultations per practitioner,
// company and month — from the spec's materialized view, through its security-barrier view — with
// totals, a 12-month trend, the top practitioners and companies, and a page of the detailed rows;
// apart (/platform), the platform's size and every consultation by status per month, read from
// the tables themselves; the CSV export of every row
// (audited as EXPORT, read in batches so a large export holds no transaction open).
import { Readable } from 'node:stream';
import {
  ANALYTICS_TOP,
  type BillingInsights,
  type BillingInsightsFilter,
  type BillingInsightsOptions,
  type BillingInsightsQuerySchema,
  type BillingInsightsRow,
  CONSULTATION_STATUSES,
  type PlatformFigures,
} from '@huntzen/contracts';
import { type Database, withActor } from '@huntzen/db';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { decodeCursor, encodeCursor } from '../../platform/pagination';
import { CSV_BOM, csvHeader, csvLine } from './analytics.csv';
import { assertPlatformAdmin, averageDuration, monthRange, trendMonths } from './analytics.policy';
import * as repo from './analytics.repository';

export interface AnalyticsDeps {
  db: Database;
  /** The clock (tests pass a fixed one). */
  now?: () => Date;
}

/** Rows read per transaction while streaming an export. */
export const EXPORT_BATCH = 1000;
/** At most this many companies and practitioners are offered as filters. */
export const OPTIONS_LIMIT = 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PERIOD = /^\d{4}-\d{2}-01T00:00:00Z$/;

const invalidCursor = () =>
  new AppError('VALIDATION_FAILED', 'Invalid cursor.', {
    errors: [{ path: 'query.cursor', message: 'invalid' }],
  });

/** The detailed rows' sort key from a cursor, checked value by value before it reaches SQL. */
function decodeRowKey(cursor: string): repo.RowKey {
  const { t } = decodeCursor(cursor, 'json');
  const key: unknown = JSON.parse(t);
  if (
    !Array.isArray(key) ||
    key.length !== 6 ||
    !key.every((v) => typeof v === 'string' && v.length <= 1000) ||
    !PERIOD.test(key[0]) ||
    !UUID.test(key[3]) ||
    !UUID.test(key[5])
  ) {
    throw invalidCursor();
  }
  return key as repo.RowKey;
}

const encodeRowKey = (key: repo.RowKey) => encodeCursor({ t: JSON.stringify(key), id: '' });

function counterFilter(f: BillingInsightsFilter): repo.CounterFilter {
  return {
    ...(f.month ? { month: monthRange(f.month) } : {}),
    ...(f.companyId ? { companyId: f.companyId.toLowerCase() } : {}),
    ...(f.practitionerId ? { practitionerId: f.practitionerId.toLowerCase() } : {}),
  };
}

function toRow(row: repo.CounterRow): BillingInsightsRow {
  return {
    month: row.month,
    practitioner: {
      id: row.practitionerId,
      firstName: row.firstName,
      lastName: row.lastName,
      specialty: row.specialty as BillingInsightsRow['practitioner']['specialty'],
    },
    company: { id: row.companyId, name: row.companyName },
    consultations: row.consultations,
    minutes: row.minutes,
    averageDuration: row.average ?? averageDuration(row.consultations, row.minutes),
  };
}

const withAverage = <T extends { consultations: number; minutes: number }>(x: T) => ({
  ...x,
  averageDuration: averageDuration(x.consultations, x.minutes),
});

/** Builds the analytics service. */
export function createAnalyticsService(deps: AnalyticsDeps) {
  const { db } = deps;
  const clock = deps.now ?? (() => new Date());

  return {
    /** The figures for `query`, with one page of the detailed rows. */
    async billing(
      actor: RequestActor,
      query: z.output<typeof BillingInsightsQuerySchema>,
    ): Promise<BillingInsights> {
      assertPlatformAdmin(actor);
      const filter = counterFilter(query);
      const after = query.cursor ? decodeRowKey(query.cursor) : null;
      const months = trendMonths(query.month ?? clock().toISOString().slice(0, 7));
      const first = months[0]!;
      const last = months.at(-1)!;
      const window = { from: monthRange(first).from, to: monthRange(last).to };
      const { month: _month, ...unbounded } = filter;

      const data = await withActor(db, actor, async (tx) => ({
        rows: await repo.findCounterRows(tx, filter, { limit: query.limit + 1, after }),
        totals: await repo.counterTotals(tx, filter),
        trend: await repo.counterTrend(tx, unbounded, window),
        practitioners: await repo.topPractitioners(tx, filter, ANALYTICS_TOP),
        companies: await repo.topCompanies(tx, filter, ANALYTICS_TOP),
      }));

      const page = data.rows.slice(0, query.limit);
      const lastRow = page.at(-1);
      const trend = new Map(data.trend.map((m) => [m.month, m]));
      return {
        month: query.month ?? null,
        window: { from: first, to: last },
        totals: withAverage(data.totals),
        trend: months.map((month) =>
          withAverage({
            month,
            consultations: trend.get(month)?.consultations ?? 0,
            minutes: trend.get(month)?.minutes ?? 0,
          }),
        ),
        topPractitioners: data.practitioners.map((p) =>
          withAverage({
            ...p,
            practitioner: {
              ...p.practitioner,
              specialty: p.practitioner.specialty as BillingInsightsRow['practitioner']['specialty'],
            },
          }),
        ),
        topCompanies: data.companies.map(withAverage),
        items: page.map(toRow),
        nextCursor: data.rows.length > query.limit && lastRow ? encodeRowKey(lastRow.key) : null,
      };
    },

    /**
     * The platform's size, and every consultation by month and status over the 12 months ending
     * with `filter.month` (or the current month), of the filter's company and practitioner.
     */
    async platform(actor: RequestActor, filter: BillingInsightsFilter): Promise<PlatformFigures> {
      assertPlatformAdmin(actor);
      const { month: _month, ...unbounded } = counterFilter(filter);
      const months = trendMonths(filter.month ?? clock().toISOString().slice(0, 7));
      const first = months[0]!;
      const last = months.at(-1)!;
      const window = { from: monthRange(first).from, to: monthRange(last).to };
      const data = await withActor(db, actor, async (tx) => ({
        size: await repo.platformSize(tx),
        statuses: await repo.consultationsByStatus(tx, unbounded, window),
      }));
      const zero = Object.fromEntries(CONSULTATION_STATUSES.map((s) => [s, 0])) as Record<
        (typeof CONSULTATION_STATUSES)[number],
        number
      >;
      return {
        window: { from: first, to: last },
        ...data.size,
        consultationsByStatus: months.map((month) => {
          const byStatus = { ...zero };
          for (const s of data.statuses) {
            if (s.month === month) byStatus[s.status as keyof typeof zero] = s.count;
          }
          const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
          return { month, total, byStatus };
        }),
      };
    },

    /** The companies and practitioners present in the counters, for the page's filters. */
    async options(actor: RequestActor): Promise<BillingInsightsOptions> {
      assertPlatformAdmin(actor);
      const options = await withActor(db, actor, (tx) => repo.counterOptions(tx, OPTIONS_LIMIT));
      return {
        companies: options.companies,
        practitioners: options.practitioners.map((p) => ({
          ...p,
          specialty: p.specialty as BillingInsightsRow['practitioner']['specialty'],
        })),
      };
    },

    /**
     * Every detailed row matching `filter` as a CSV stream. The first batch and the EXPORT audit
     * row are done before the answer starts: their failures are ordinary errors.
     */
    async exportCsv(actor: RequestActor, filter: BillingInsightsFilter) {
      assertPlatformAdmin(actor);
      const f = counterFilter(filter);
      const first = await withActor(db, actor, async (tx) => {
        const rows = await repo.findCounterRows(tx, f, { limit: EXPORT_BATCH, after: null });
        const totals = await repo.counterTotals(tx, f);
        await recordAudit(tx, actor, {
          action: 'EXPORT',
          resource: 'practitioner_billing_stats',
          details: {
            format: 'csv',
            filters: { ...filter },
            consultations: totals.consultations,
          },
        });
        return rows;
      });
      async function* chunks() {
        yield CSV_BOM + csvHeader();
        let rows = first;
        for (;;) {
          if (rows.length > 0) yield rows.map((row) => csvLine(toRow(row))).join('');
          const last = rows.at(-1);
          if (rows.length < EXPORT_BATCH || !last) return;
          rows = await withActor(db, actor, (tx) =>
            repo.findCounterRows(tx, f, { limit: EXPORT_BATCH, after: last.key }),
          );
        }
      }
      const scope = filter.month ?? 'all';
      const stamp = clock().toISOString().replace(/[-:]/g, '').slice(0, 15);
      return { filename: `huntzen-analytics-${scope}-${stamp}Z.csv`, stream: Readable.from(chunks()) };
    },
  };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
