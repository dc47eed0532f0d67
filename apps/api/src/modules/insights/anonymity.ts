// The k-anonymity rules of HR's usage dashboard, as pure functions (property-tested in
// anonymity.test.ts). The database applies the same rules (migration 0021, insights_usage) and
// refuses a partition that would isolate a small group; docs/adr/0002-usage-insights-anonymity.md
// explains why these rules are enough against stacked filters and periods.

/** Head counts of one department: every account, and those who do not share their counters. */
export interface DepartmentSize {
  /** The department as stored, trimmed; '' for none. */
  key: string;
  members: number;
  /** Accounts whose figures anonymity protects (a sharer's counters are known to HR). */
  protected: number;
}

/** Which departments are suppressed, and whether the total is. */
export interface Partition {
  /** Suppressed departments: together they form one "rest" group, visible only inside the total. */
  hidden: ReadonlySet<string>;
  totalSuppressed: boolean;
}

/**
 * True when a group of `members` accounts, `protectedCount` of them not sharing, may be shown on its
 * own: at least k people, and no fewer than k protected ones unless none is.
 */
export function largeEnough(members: number, protectedCount: number, k: number): boolean {
  return members >= k && (protectedCount === 0 || protectedCount >= k);
}

/**
 * Primary and complementary suppression. A department smaller than k (see `largeEnough`) is
 * suppressed; then, while the suppressed departments together are not large enough (so the total
 * minus the visible departments would reveal them), the next-smallest visible department is
 * suppressed too. When the whole company is not large enough, the total is suppressed as well.
 * Depends on head counts only, never on the period: every period gets the same partition.
 */
export function choosePartition(departments: readonly DepartmentSize[], k: number): Partition {
  const sum = (list: readonly DepartmentSize[]) => ({
    members: list.reduce((n, d) => n + d.members, 0),
    protected: list.reduce((n, d) => n + d.protected, 0),
  });
  const all = sum(departments);
  if (!largeEnough(all.members, all.protected, k)) {
    return { hidden: new Set(departments.map((d) => d.key)), totalSuppressed: true };
  }
  const hidden = departments.filter((d) => !largeEnough(d.members, d.protected, k));
  const visible = departments
    .filter((d) => largeEnough(d.members, d.protected, k))
    .sort((a, b) => a.protected - b.protected || a.members - b.members || a.key.localeCompare(b.key));
  const restIsSafe = () => {
    if (hidden.length === 0) return true;
    const rest = sum(hidden);
    return largeEnough(rest.members, rest.protected, k);
  };
  while (!restIsSafe()) {
    const next = visible.shift();
    // Unreachable: with every department suppressed, the rest is the whole company, large enough.
    if (!next) break;
    hidden.push(next);
  }
  return { hidden: new Set(hidden.map((d) => d.key)), totalSuppressed: false };
}

/**
 * The first month (an ordinal) from which a group's figures count anywhere: the month its k-th
 * protected member joined (so each counted month covers at least k protected people even for an
 * HR who knows join dates), or its first member's when none is protected; null: never.
 */
export function reportableFrom(
  members: readonly { joined: number; shares: boolean }[],
  k: number,
): number | null {
  const protectedJoins = members
    .filter((m) => !m.shares)
    .map((m) => m.joined)
    .sort((a, b) => a - b);
  if (protectedJoins.length === 0) {
    return members.length === 0 ? null : Math.min(...members.map((m) => m.joined));
  }
  return protectedJoins.length >= k ? protectedJoins[k - 1]! : null;
}
