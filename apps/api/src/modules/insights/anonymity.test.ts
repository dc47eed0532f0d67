// Property test of the dashboard's anonymity: random companies (departments of 1–40 people, join
// months, a few employees sharing their counters), random minimum group sizes and random
// filter/period combinations. The figures each answer would release are modelled by the cells
// (employee, month) they sum, exactly as insights_usage (migration 0021) sums them; no answer, and
// no difference of two answers, may cover fewer than k protected people.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { choosePartition, type DepartmentSize, largeEnough, reportableFrom } from './anonymity';

interface Member {
  id: number;
  dept: string;
  joined: number;
  shares: boolean;
}
interface Query {
  from: number;
  to: number;
  groupBy: 'month' | 'department';
}
/** A released figure: the set of cells "member:month" it sums. */
type Cover = Set<string>;

const MONTHS = 12;

function sizes(members: readonly Member[]): DepartmentSize[] {
  const byDept = new Map<string, DepartmentSize>();
  for (const m of members) {
    const d = byDept.get(m.dept) ?? { key: m.dept, members: 0, protected: 0 };
    d.members += 1;
    if (!m.shares) d.protected += 1;
    byDept.set(m.dept, d);
  }
  return [...byDept.values()];
}

/** The covers of every non-suppressed figure of one answer: its groups, then its total (last). */
function answer(members: readonly Member[], k: number, q: Query): { groups: Cover[]; total: Cover | null } {
  const partition = choosePartition(sizes(members), k);
  if (partition.totalSuppressed) return { groups: [], total: null };
  // The partition's groups: each visible department, and the rest (suppressed ones together).
  const groupOf = (m: Member) => (partition.hidden.has(m.dept) ? '\u0000rest' : m.dept);
  const starts = new Map<string, number | null>();
  for (const g of new Set(members.map(groupOf))) {
    starts.set(
      g,
      reportableFrom(
        members.filter((m) => groupOf(m) === g),
        k,
      ),
    );
  }
  const counted = (m: Member, month: number) => {
    const start = starts.get(groupOf(m));
    return start !== null && start !== undefined && month >= start && m.joined <= month;
  };
  const cells = (filter: (m: Member) => boolean, months: number[]) => {
    const cover: Cover = new Set();
    for (const m of members) {
      if (!filter(m)) continue;
      for (const month of months) if (counted(m, month)) cover.add(`${m.id}:${month}`);
    }
    return cover;
  };
  const period = Array.from({ length: q.to - q.from + 1 }, (_, i) => q.from + i);
  const groups: Cover[] = [];
  if (q.groupBy === 'month') {
    for (const month of period) {
      const cover = cells(() => true, [month]);
      if (cover.size > 0) groups.push(cover);
    }
  } else {
    for (const dept of new Set(members.map((m) => m.dept))) {
      if (partition.hidden.has(dept)) continue;
      const start = starts.get(dept);
      if (start === null || start === undefined || start > q.to) continue;
      groups.push(cells((m) => m.dept === dept, period));
    }
  }
  return { groups, total: cells(() => true, period) };
}

function protectedPeople(cover: Iterable<string>, byId: Map<number, Member>): number {
  const people = new Set<number>();
  for (const cell of cover) {
    const id = Number(cell.split(':')[0]);
    if (!byId.get(id)!.shares) people.add(id);
  }
  return people.size;
}

const minus = (a: Cover, b: Iterable<string>) => {
  const out = new Set(a);
  for (const c of b) out.delete(c);
  return out;
};
const within = (a: Cover, b: Cover) => [...a].every((c) => b.has(c));

const companyArb = fc
  .array(
    fc.record({
      size: fc.integer({ min: 1, max: 40 }),
      joins: fc.array(fc.integer({ min: 0, max: MONTHS - 1 }), { minLength: 40, maxLength: 40 }),
      sharers: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
      shareRate: fc.constantFrom(0, 0, 0.1, 0.3),
    }),
    { minLength: 1, maxLength: 7 },
  )
  .map((depts) => {
    const members: Member[] = [];
    depts.forEach((d, i) => {
      for (let j = 0; j < d.size; j++) {
        members.push({
          id: members.length,
          dept: i === 0 ? '' : `D${i}`,
          joined: d.joins[j]!,
          shares: d.shareRate > 0 && d.sharers[j]! && j % Math.round(1 / d.shareRate) === 0,
        });
      }
    });
    return members;
  });
const queryArb = fc
  .record({
    a: fc.integer({ min: 0, max: MONTHS - 1 }),
    b: fc.integer({ min: 0, max: MONTHS - 1 }),
    groupBy: fc.constantFrom('month' as const, 'department' as const),
  })
  .map(({ a, b, groupBy }) => ({ from: Math.min(a, b), to: Math.max(a, b), groupBy }));

describe('usage dashboard anonymity', () => {
  it('no answer, nor any difference of two answers, covers fewer than k protected people', () => {
    fc.assert(
      fc.property(
        companyArb,
        fc.integer({ min: 5, max: 8 }),
        fc.array(queryArb, { minLength: 2, maxLength: 6 }),
        (members, k, queries) => {
          const byId = new Map(members.map((m) => [m.id, m]));
          const safe = (cover: Iterable<string>) => {
            const n = protectedPeople(cover, byId);
            return n === 0 || n >= k;
          };
          const answers = queries.map((q) => answer(members, k, q));
          const released = answers.flatMap((a) => (a.total ? [...a.groups, a.total] : a.groups));
          // Every figure on its own.
          for (const cover of released) expect(safe(cover)).toBe(true);
          // Any figure minus any figure it contains (another period, another grouping…).
          for (const big of released) {
            for (const small of released) {
              if (small !== big && within(small, big)) expect(safe(minus(big, small))).toBe(true);
            }
          }
          // Any figure minus every group of one answer inside it (e.g. total − visible departments).
          for (const big of released) {
            for (const other of answers) {
              const inside = other.groups.filter((g) => g !== big && within(g, big));
              expect(
                safe(
                  minus(
                    big,
                    inside.flatMap((g) => [...g]),
                  ),
                ),
              ).toBe(true);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);

  it('suppresses every small department, and the next-smallest when one alone would show', () => {
    const dept = (key: string, members: number, prot = members): DepartmentSize => ({
      key,
      members,
      protected: prot,
    });
    expect(choosePartition([dept('a', 3), dept('b', 6), dept('c', 20)], 5)).toEqual({
      hidden: new Set(['a', 'b']),
      totalSuppressed: false,
    });
    expect(choosePartition([dept('a', 3), dept('b', 2), dept('c', 20)], 5).hidden).toEqual(
      new Set(['a', 'b']),
    );
    expect(choosePartition([dept('a', 6), dept('b', 9)], 5)).toEqual({
      hidden: new Set(),
      totalSuppressed: false,
    });
    expect(choosePartition([dept('a', 2), dept('b', 2)], 5).totalSuppressed).toBe(true);
    // 10 people of whom 8 share: the 2 others would be known by subtraction.
    expect(choosePartition([dept('a', 10, 2), dept('b', 10)], 5).hidden).toEqual(new Set(['a', 'b']));
    expect(largeEnough(5, 0, 5)).toBe(true);
    expect(reportableFrom([{ joined: 3, shares: false }], 5)).toBeNull();
  });

  it('always yields a partition whose rest is large enough, whatever the head counts', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ members: fc.integer({ min: 1, max: 40 }), share: fc.integer({ min: 0, max: 40 }) }),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        fc.integer({ min: 5, max: 50 }),
        (raw, k) => {
          const depts = raw.map((d, i) => ({
            key: `d${i}`,
            members: d.members,
            protected: d.members - Math.min(d.share, d.members),
          }));
          const { hidden, totalSuppressed } = choosePartition(depts, k);
          if (totalSuppressed) return;
          const rest = depts.filter((d) => hidden.has(d.key));
          for (const d of depts)
            if (!hidden.has(d.key)) expect(largeEnough(d.members, d.protected, k)).toBe(true);
          if (rest.length > 0) {
            const members = rest.reduce((n, d) => n + d.members, 0);
            const prot = rest.reduce((n, d) => n + d.protected, 0);
            expect(largeEnough(members, prot, k)).toBe(true);
            // Never exactly one suppressed department: it would show as total − visible.
            expect(rest.length).toBeGreaterThan(1);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
