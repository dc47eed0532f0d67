// What an availability change opened, as the waitlist hears it (pure: no I/O, no clock). The change
// reads its free slots before and after itself; a slot is new when its time was not bookable
// before (not inside the union of the free slots before: a mere change of slot length or a slot
// made of two touching old ones opens nothing). New slots are merged into a few ranges for the job.

/** An interval [start, end). */
export interface TimeRange {
  start: Date;
  end: Date;
}

/** The slots of `after` whose time no slot of `before` (or touching ones) covered. */
export function openedSlots<S extends TimeRange>(before: readonly TimeRange[], after: readonly S[]): S[] {
  // Union of the free time before, sorted and disjoint.
  const free: [number, number][] = [];
  for (const s of [...before].sort((a, b) => a.start.getTime() - b.start.getTime())) {
    const last = free.at(-1);
    if (last && s.start.getTime() <= last[1]) last[1] = Math.max(last[1], s.end.getTime());
    else free.push([s.start.getTime(), s.end.getTime()]);
  }
  return after.filter((s) => {
    const start = s.start.getTime();
    // The last free interval starting at or before this slot: the only one that can cover it.
    let lo = 0;
    let hi = free.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (free[mid]![0] <= start) lo = mid + 1;
      else hi = mid;
    }
    const covering = free[lo - 1];
    return !(covering && s.end.getTime() <= covering[1]);
  });
}

/**
 * The new slots as ranges of the free slots after the change: consecutive new slots form one range,
 * a slot free before breaks it. So no slot free before starts inside a range, and a schedule opened
 * from nothing is one range however many weeks it spans.
 */
export function openingRanges(
  before: readonly TimeRange[],
  after: readonly TimeRange[],
): { opened: number; ranges: TimeRange[] } {
  const unique = new Map(after.map((s) => [`${s.start.getTime()}/${s.end.getTime()}`, s]));
  const sorted = [...unique.values()].sort((x, y) => x.start.getTime() - y.start.getTime());
  const isNew = new Set(openedSlots(before, sorted));
  const ranges: TimeRange[] = [];
  let current: TimeRange | undefined;
  for (const s of sorted) {
    if (!isNew.has(s)) {
      current = undefined;
    } else if (current) {
      if (s.end > current.end) current.end = s.end;
    } else {
      current = { start: s.start, end: s.end };
      ranges.push(current);
    }
  }
  return { opened: isNew.size, ranges };
}
