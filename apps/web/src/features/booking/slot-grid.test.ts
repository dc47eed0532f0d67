import { describe, expect, it } from 'vitest';
import { moveInSlotGrid } from './slot-grid';

// Three days with slots: 2, 4 and 1 times.
const WEEK = [['mon-09', 'mon-10'], ['tue-09', 'tue-10', 'tue-11', 'tue-12'], ['thu-15']];
const at = (day: number, row: number, key: string, ctrl = false) => {
  const to = moveInSlotGrid(WEEK, day, row, key, ctrl);
  return to ? WEEK[to.day]![to.row] : null;
};

describe('moveInSlotGrid', () => {
  it('moves up and down through a day, then on to the next or previous day', () => {
    expect(at(0, 0, 'ArrowDown')).toBe('mon-10');
    expect(at(0, 1, 'ArrowDown')).toBe('tue-09');
    expect(at(1, 0, 'ArrowUp')).toBe('mon-10');
    expect(at(0, 0, 'ArrowUp')).toBe('mon-09');
    expect(at(2, 0, 'ArrowDown')).toBe('thu-15');
  });

  it('moves left and right between days, to the nearest time of a shorter day', () => {
    expect(at(0, 1, 'ArrowRight')).toBe('tue-10');
    expect(at(1, 3, 'ArrowRight')).toBe('thu-15');
    expect(at(1, 3, 'ArrowLeft')).toBe('mon-10');
    expect(at(0, 0, 'ArrowLeft')).toBe('mon-09');
    expect(at(2, 0, 'ArrowRight')).toBe('thu-15');
  });

  it('goes to the first or last time of the day, or of the week with Ctrl', () => {
    expect(at(1, 2, 'Home')).toBe('tue-09');
    expect(at(1, 0, 'End')).toBe('tue-12');
    expect(at(1, 2, 'Home', true)).toBe('mon-09');
    expect(at(0, 0, 'End', true)).toBe('thu-15');
  });

  it('leaves other keys alone', () => {
    expect(moveInSlotGrid(WEEK, 0, 0, 'Enter', false)).toBeNull();
    expect(moveInSlotGrid(WEEK, 0, 0, 'a', false)).toBeNull();
  });
});
