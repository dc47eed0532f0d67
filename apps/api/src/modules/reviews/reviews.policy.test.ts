// The review rules as pure functions: the 30-day window, the three states and the moderation moves.
import { describe, expect, it } from 'vitest';
import {
  canModerate,
  consultationEnd,
  formatInitials,
  oldestReviewableEnd,
  reviewableUntil,
  reviewRefusal,
  reviewStatus,
} from './reviews.policy';

const DAY = 86_400_000;
const end = new Date('2025-03-01T10:50:00Z');
const completed = {
  status: 'COMPLETED' as const,
  endedAt: end,
  scheduledEndAt: new Date('2025-03-01T11:00:00Z'),
};

describe('review window', () => {
  it('counts 30 days of 24 hours from the recorded end, else the planned end', () => {
    expect(consultationEnd(completed)).toEqual(end);
    expect(reviewableUntil(completed)).toEqual(new Date(end.getTime() + 30 * DAY));
    const unrecorded = { ...completed, endedAt: null };
    expect(reviewableUntil(unrecorded)).toEqual(new Date(completed.scheduledEndAt.getTime() + 30 * DAY));
  });

  it('accepts a completed consultation up to the last millisecond of the window', () => {
    expect(reviewRefusal(completed, new Date(end.getTime() + 1000))).toBeNull();
    expect(reviewRefusal(completed, new Date(end.getTime() + 30 * DAY))).toBeNull();
    expect(reviewRefusal(completed, new Date(end.getTime() + 30 * DAY + 1))).toBe('WINDOW_CLOSED');
  });

  it('refuses any other state first', () => {
    for (const status of ['SCHEDULED', 'CONFIRMED', 'IN_PROGRESS', 'CANCELLED', 'NO_SHOW'] as const) {
      expect(reviewRefusal({ ...completed, status }, new Date(end.getTime() + DAY))).toBe('NOT_COMPLETED');
      expect(reviewRefusal({ ...completed, status }, new Date(end.getTime() + 90 * DAY))).toBe(
        'NOT_COMPLETED',
      );
    }
  });

  it('gives the oldest end still open at a time', () => {
    const now = new Date('2025-04-10T00:00:00Z');
    expect(oldestReviewableEnd(now)).toEqual(new Date(now.getTime() - 30 * DAY));
  });
});

describe('review states', () => {
  it('is pending until moderated, then published or rejected', () => {
    expect(reviewStatus({ isPublished: false, moderatedAt: null })).toBe('pending');
    expect(reviewStatus({ isPublished: true, moderatedAt: end })).toBe('published');
    expect(reviewStatus({ isPublished: false, moderatedAt: end })).toBe('rejected');
  });

  it('publishes pending or rejected reviews and rejects pending or published ones', () => {
    expect(canModerate('pending', 'publish')).toBe(true);
    expect(canModerate('rejected', 'publish')).toBe(true);
    expect(canModerate('published', 'publish')).toBe(false);
    expect(canModerate('pending', 'reject')).toBe(true);
    expect(canModerate('published', 'reject')).toBe(true);
    expect(canModerate('rejected', 'reject')).toBe(false);
  });
});

describe('formatInitials', () => {
  it('shows the author as capital initials only', () => {
    expect(formatInitials(['m', 'D'])).toBe('M. D.');
    expect(formatInitials(['é', 'l'])).toBe('É. L.');
    expect(formatInitials([' ', 'D'])).toBe('D.');
    expect(formatInitials(null)).toBe('—');
  });
});
