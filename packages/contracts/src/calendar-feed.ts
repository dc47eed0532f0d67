// The private calendar feed (/api/v1/me/calendar-feed and the public /calendar/{token}.ics): a
// secret, revocable URL a calendar application subscribes to. The URL is shown once, when made;
// the server keeps only a digest of its token.
import { z } from 'zod';

export const CalendarFeedStatusSchema = z
  .object({
    active: z.boolean(),
    createdAt: z.iso.datetime().nullable(),
    lastFetchedAt: z.iso.datetime().nullable().describe('When a calendar last fetched it'),
  })
  .meta({ id: 'CalendarFeedStatus' });
export type CalendarFeedStatus = z.infer<typeof CalendarFeedStatusSchema>;

export const CalendarFeedCreatedSchema = z
  .object({
    url: z.url().describe('The secret feed URL: shown this once, keep it private'),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'CalendarFeedCreated' });
export type CalendarFeedCreated = z.infer<typeof CalendarFeedCreatedSchema>;

/** The title of every event of the feed: nothing of the consultation's content. */
export const CALENDAR_FEED_EVENT_TITLE = 'Consultation HuntZen';
