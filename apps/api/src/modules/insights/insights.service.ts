// HR's usage dashboard: thresholded figures of its company by month or by department (complementary
// suppression chosen by the pure rules of anonymity.ts, enforced again by the database), the CSV
// export (audited EXPORT), the minimum group size; the employee's choice to share their own
// counters with HR, and "what my HR sees". Never a practitioner, specialty, format, reason or content.
import {
  type HrSharing,
  type HrVisibility,
  type SharedUsage,
  type UsageGroup,
  type UsageGroupBy,
  type UsageInsights,
  type UsageMonth,
  type UsageSettings,
  type UsageTotal,
  usageMonthSpan,
} from '@huntzen/contracts';
import { type Database, type Tx, withActor } from '@huntzen/db';
import { recordAudit } from '../../platform/audit';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { choosePartition } from './anonymity';
import { insightsCompanyOf, sharingOwnerOf } from './insights.policy';
import * as repo from './insights.repository';
import { usageCsv } from './usage.csv';

export interface InsightsDeps {
  db: Database;
  now?: () => Date;
}

export interface UsageQueryInput {
  from?: string | undefined;
  to?: string | undefined;
  groupBy: UsageGroupBy;
}

const SUPPRESSED = {
  suppressed: true,
  employees: null,
  activeEmployees: null,
  consultations: null,
  minutes: null,
  adoptionRate: null,
  medianDaysToFirstConsultation: null,
} as const;

function monthOf(date: Date, offset = 0): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset, 1));
  return d.toISOString().slice(0, 7);
}

function figures(row: repo.UsageRow) {
  const employees = row.employees ?? 0;
  const active = row.active_employees ?? 0;
  return {
    suppressed: false,
    employees,
    activeEmployees: active,
    consultations: Number(row.consultations ?? 0),
    minutes: Number(row.minutes ?? 0),
    adoptionRate: employees > 0 ? Math.round((active / employees) * 1000) / 1000 : null,
    medianDaysToFirstConsultation: row.median_days === null ? null : Number(row.median_days),
  };
}

/** Builds the insights service. */
export function createInsightsService(deps: InsightsDeps) {
  const now = deps.now ?? (() => new Date());

  function period(query: UsageQueryInput): { from: string; to: string } {
    const to =
      query.to ?? (query.from ? monthOf(new Date(`${query.from}-01T00:00:00Z`), 11) : monthOf(now()));
    const from = query.from ?? monthOf(new Date(`${to}-01T00:00:00Z`), -11);
    const span = usageMonthSpan(from, to);
    if (span < 1 || span > 36) {
      throw new AppError('VALIDATION_FAILED', 'The period is not valid.', {
        errors: [{ path: 'querystring.to', message: 'From 1 to 36 months, `to` not before `from`' }],
      });
    }
    return { from, to };
  }

  async function usage(actor: RequestActor, query: UsageQueryInput): Promise<UsageInsights> {
    const companyId = insightsCompanyOf(actor);
    return withActor(deps.db, actor, (tx) => usageIn(tx, companyId, query));
  }

  async function usageIn(tx: Tx, companyId: string, query: UsageQueryInput): Promise<UsageInsights> {
    const { from, to } = period(query);
    {
      const k = await repo.minGroupSize(tx, companyId);
      const sizes = await repo.departmentSizes(tx);
      const partition = choosePartition(sizes, k);
      const base = { minGroupSize: k, groupBy: query.groupBy, from, to };
      if (partition.totalSuppressed) {
        // Too few people (or too few who do not share) for any figure at all.
        const keys =
          query.groupBy === 'department'
            ? sizes.map((s) => s.key)
            : Array.from({ length: usageMonthSpan(from, to) }, (_, i) =>
                monthOf(new Date(`${from}-01T00:00:00Z`), i),
              );
        return {
          ...base,
          total: { ...SUPPRESSED } satisfies UsageTotal,
          groups: keys.map((key) => ({ key: groupKey(query.groupBy, key), ...SUPPRESSED })),
        };
      }
      const rows = await repo.usageRows(tx, {
        from: `${from}-01`,
        to: `${to}-01`,
        groupBy: query.groupBy,
        hidden: [...partition.hidden],
      });
      const groups: UsageGroup[] = rows
        .filter((r) => r.kind === 'group')
        .map((r) =>
          r.reportable
            ? { key: groupKey(query.groupBy, r.key), ...figures(r) }
            : { key: groupKey(query.groupBy, r.key), ...SUPPRESSED },
        );
      if (query.groupBy === 'month') {
        groups.sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''));
      } else {
        // Visible departments first by name, suppressed ones after; the empty key (none) last.
        groups.sort(
          (a, b) =>
            Number(a.suppressed) - Number(b.suppressed) ||
            Number(a.key === null) - Number(b.key === null) ||
            (a.key ?? '').localeCompare(b.key ?? ''),
        );
      }
      const totalRow = rows.find((r) => r.kind === 'total')!;
      return { ...base, total: figures(totalRow), groups };
    }
  }

  function groupKey(groupBy: UsageGroupBy, key: string | null): string | null {
    return groupBy === 'department' && (key === null || key === '') ? null : key;
  }

  /** The dashboard as CSV (the same thresholded figures), audited as EXPORT. */
  async function usageCsvExport(
    actor: RequestActor,
    query: UsageQueryInput,
  ): Promise<{ filename: string; body: string }> {
    const companyId = insightsCompanyOf(actor);
    const answer = await withActor(deps.db, actor, async (tx) => {
      const answer = await usageIn(tx, companyId, query);
      await recordAudit(tx, actor, {
        action: 'EXPORT',
        resource: 'usage_insights',
        companyId,
        details: {
          format: 'csv',
          groupBy: answer.groupBy,
          from: answer.from,
          to: answer.to,
          groups: answer.groups.length,
        },
      });
      return answer;
    });
    return {
      filename: `usage-${answer.groupBy}-${answer.from}-${answer.to}.csv`,
      body: usageCsv(answer),
    };
  }

  async function settings(actor: RequestActor): Promise<UsageSettings> {
    const companyId = insightsCompanyOf(actor);
    return withActor(deps.db, actor, async (tx) => ({
      minGroupSize: await repo.minGroupSize(tx, companyId),
    }));
  }

  /** Changes the minimum group size (never below 5: the schema and a DB CHECK), audited. */
  async function updateSettings(actor: RequestActor, body: UsageSettings): Promise<UsageSettings> {
    const companyId = insightsCompanyOf(actor);
    return withActor(deps.db, actor, async (tx) => {
      const before = await repo.setMinGroupSize(tx, companyId, body.minGroupSize);
      if (before === null) throw new AppError('NOT_FOUND', 'No company.');
      if (before !== body.minGroupSize) {
        await recordAudit(tx, actor, {
          action: 'UPDATE',
          resource: 'company',
          resourceId: companyId,
          companyId,
          changesBefore: { minGroupSize: before },
          changesAfter: { minGroupSize: body.minGroupSize },
        });
      }
      return { minGroupSize: body.minGroupSize };
    });
  }

  /** The counters employees of HR's company chose to share, months in [from, to] when given. */
  async function sharedUsage(
    actor: RequestActor,
    query: { from?: string; to?: string },
  ): Promise<SharedUsage> {
    const companyId = insightsCompanyOf(actor);
    return withActor(deps.db, actor, async (tx) => {
      const people = await repo.sharingEmployees(tx, companyId);
      const rows = await repo.counters(tx, {
        companyId,
        from: query.from ? `${query.from}-01` : undefined,
        to: query.to ? `${query.to}-01` : undefined,
      });
      const months = new Map<string, UsageMonth[]>();
      for (const r of rows) {
        const list = months.get(r.employee_id) ?? [];
        list.push({ month: r.month, consultations: r.consultations, minutes: r.minutes });
        months.set(r.employee_id, list);
      }
      return {
        items: people.map((p) => ({
          employeeId: p.id,
          firstName: p.firstName,
          lastName: p.lastName,
          department: p.department,
          months: months.get(p.id) ?? [],
        })),
      };
    });
  }

  function sharingOf(row: { shareUsageWithHr: boolean; usageSharingChangedAt: Date | null }): HrSharing {
    return {
      shareUsageWithHr: row.shareUsageWithHr,
      changedAt: row.usageSharingChangedAt?.toISOString() ?? null,
    };
  }

  async function sharing(actor: RequestActor): Promise<HrSharing> {
    const employeeId = sharingOwnerOf(actor);
    return withActor(deps.db, actor, async (tx) => {
      const row = await repo.employeeAccount(tx, employeeId);
      if (!row) throw new AppError('NOT_FOUND', 'No such employee.');
      return sharingOf(row);
    });
  }

  /** Switches sharing on or off; a change is audited (the choice only, no figure). */
  async function updateSharing(actor: RequestActor, body: { shareUsageWithHr: boolean }): Promise<HrSharing> {
    const employeeId = sharingOwnerOf(actor);
    return withActor(deps.db, actor, async (tx) => {
      const row = await repo.employeeAccount(tx, employeeId);
      if (!row) throw new AppError('NOT_FOUND', 'No such employee.');
      if (row.shareUsageWithHr === body.shareUsageWithHr) return sharingOf(row);
      const at = now();
      await repo.setSharing(tx, employeeId, body.shareUsageWithHr, at);
      await recordAudit(tx, actor, {
        action: 'UPDATE',
        resource: 'hr_sharing',
        resourceId: employeeId,
        companyId: row.companyId,
        changesBefore: { shareUsageWithHr: row.shareUsageWithHr },
        changesAfter: { shareUsageWithHr: body.shareUsageWithHr },
      });
      return { shareUsageWithHr: body.shareUsageWithHr, changedAt: at.toISOString() };
    });
  }

  /** Exactly what the employee's company can see about them. */
  async function visibility(actor: RequestActor): Promise<HrVisibility> {
    const employeeId = sharingOwnerOf(actor);
    return withActor(deps.db, actor, async (tx) => {
      const row = await repo.employeeAccount(tx, employeeId);
      if (!row) throw new AppError('NOT_FOUND', 'No such employee.');
      const counters = row.shareUsageWithHr
        ? (await repo.counters(tx, { companyId: row.companyId, employeeId })).map((r) => ({
            month: r.month,
            consultations: r.consultations,
            minutes: r.minutes,
          }))
        : null;
      return {
        account: {
          firstName: row.firstName,
          lastName: row.lastName,
          email: row.email,
          department: row.department,
          position: row.position,
          // As HR's employee list says it (employees.policy: employeeStatus).
          status: row.isActive ? 'ACTIVE' : row.approvedAt ? 'DEACTIVATED' : 'PENDING',
          emailVerified: row.emailVerified,
          createdAt: row.createdAt.toISOString(),
          approvedAt: row.approvedAt?.toISOString() ?? null,
          domainRemoved: row.domainRemoved,
        },
        sharing: sharingOf(row),
        counters,
        minGroupSize: await repo.minGroupSize(tx, row.companyId),
      };
    });
  }

  return {
    usage,
    usageCsv: usageCsvExport,
    settings,
    updateSettings,
    sharedUsage,
    sharing,
    updateSharing,
    visibility,
  };
}

export type InsightsService = ReturnType<typeof createInsightsService>;
