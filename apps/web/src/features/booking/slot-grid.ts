// The keyboard moves of the booking card's slot widget (issue 17): one Tab stop, arrows between
// the times of a day and between days, Home / End. Pure, so it is tested without a browser too.

/**
 * Where a key moves in the week's columns of slot starts (days with at least one slot, in order),
 * from column `day`, row `row`; null when the key is not the widget's.
 */
export function moveInSlotGrid(
  columns: readonly (readonly string[])[],
  day: number,
  row: number,
  key: string,
  ctrl: boolean,
): { day: number; row: number } | null {
  const last = columns.length - 1;
  const clampRow = (d: number, r: number) => Math.min(r, columns[d]!.length - 1);
  switch (key) {
    case 'ArrowDown':
      return row < columns[day]!.length - 1
        ? { day, row: row + 1 }
        : day < last
          ? { day: day + 1, row: 0 }
          : { day, row };
    case 'ArrowUp':
      return row > 0
        ? { day, row: row - 1 }
        : day > 0
          ? { day: day - 1, row: columns[day - 1]!.length - 1 }
          : { day, row };
    case 'ArrowRight':
      return day < last ? { day: day + 1, row: clampRow(day + 1, row) } : { day, row };
    case 'ArrowLeft':
      return day > 0 ? { day: day - 1, row: clampRow(day - 1, row) } : { day, row };
    case 'Home':
      return ctrl ? { day: 0, row: 0 } : { day, row: 0 };
    case 'End':
      return ctrl ? { day: last, row: columns[last]!.length - 1 } : { day, row: columns[day]!.length - 1 };
    default:
      return null;
  }
}
