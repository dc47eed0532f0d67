// The private calendar feed: one secret URL per user (/calendar/<token>.ics) listing their
// consultations, for calendar applications that subscribe without a session. The token (256 random
// bits) is shown once; only its SHA-256 is stored, so the database alone cannot rebuild a URL.
// Creating again replaces it, revoking deletes it: from the commit on, the old URL answers 404.
// Every event says only "Consultation HuntZen", the time and a link behind sign-in.
import { createHash, randomBytes } from 'node:crypto';
import {
  CALENDAR_FEED_EVENT_TITLE,
  type CalendarFeedCreated,
  type CalendarFeedStatus,
} from '@huntzen/contracts';
import { ANONYMOUS_ACTOR, calendarFeeds, type Database, withActor } from '@huntzen/db';
import { eq, sql } from 'drizzle-orm';
import ical, { ICalCalendarMethod, ICalEventClass, ICalEventStatus } from 'ical-generator';
import { recordAudit } from '../../platform/audit';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { consultationUid } from '../consultations';

export interface CalendarFeedDeps {
  db: Database;
  /** PUBLIC_URL: the feed's URL and the events' links. */
  publicUrl: string;
}

/** The stored digest of a feed token. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const notFound = () => new AppError('NOT_FOUND', 'No such calendar feed.');

function owner(actor: RequestActor): string {
  if (actor.role !== 'EMPLOYEE' && actor.role !== 'PRACTITIONER') {
    throw new AppError('FORBIDDEN', 'Only employees and practitioners have consultations to subscribe to.');
  }
  return actor.userId;
}

interface FeedRow extends Record<string, unknown> {
  id: string;
  scheduled_at: string;
  scheduled_end_at: string;
  status: string;
  format: string;
  updated_at: string;
  owner_language: string | null;
}

/** Builds the calendar feed service. */
export function createCalendarFeedService(deps: CalendarFeedDeps) {
  const origin = deps.publicUrl.replace(/\/+$/, '');
  return {
    /** Whether the caller has a feed (its URL cannot be shown again). */
    async status(actor: RequestActor): Promise<CalendarFeedStatus> {
      const userId = owner(actor);
      const [row] = await withActor(deps.db, actor, (tx) =>
        tx.select().from(calendarFeeds).where(eq(calendarFeeds.userId, userId)),
      );
      return {
        active: row !== undefined,
        createdAt: row?.createdAt.toISOString() ?? null,
        lastFetchedAt: row?.lastFetchedAt?.toISOString() ?? null,
      };
    },

    /** Makes a new secret URL, replacing any earlier one. */
    async create(actor: RequestActor): Promise<CalendarFeedCreated> {
      const userId = owner(actor);
      const token = randomBytes(32).toString('base64url');
      return withActor(deps.db, actor, async (tx) => {
        await tx.delete(calendarFeeds).where(eq(calendarFeeds.userId, userId));
        const [row] = await tx
          .insert(calendarFeeds)
          .values({ userId, tokenHash: tokenDigest(token) })
          .returning({ createdAt: calendarFeeds.createdAt });
        await recordAudit(tx, actor, { action: 'CREATE', resource: 'calendar_feed', resourceId: userId });
        return { url: `${origin}/calendar/${token}.ics`, createdAt: row!.createdAt.toISOString() };
      });
    },

    /** Revokes the caller's feed (nothing to do when there is none). */
    async revoke(actor: RequestActor): Promise<void> {
      const userId = owner(actor);
      await withActor(deps.db, actor, async (tx) => {
        const gone = await tx
          .delete(calendarFeeds)
          .where(eq(calendarFeeds.userId, userId))
          .returning({ userId: calendarFeeds.userId });
        if (gone.length > 0) {
          await recordAudit(tx, actor, { action: 'DELETE', resource: 'calendar_feed', resourceId: userId });
        }
      });
    },

    /** The .ics text of the feed whose file name is `file` (`<token>.ics`), or NOT_FOUND. */
    async feed(file: string): Promise<string> {
      const token = file.endsWith('.ics') ? file.slice(0, -4) : '';
      if (!TOKEN.test(token)) throw notFound();
      const digest = tokenDigest(token);
      const rows = await withActor(deps.db, ANONYMOUS_ACTOR, async (tx) => {
        const known = await tx.execute<{ ok: boolean }>(sql`select calendar_feed_known(${digest}) as ok`);
        if (!known.rows[0]?.ok) return null;
        return (await tx.execute<FeedRow>(sql`select * from calendar_feed_events(${digest})`)).rows;
      });
      if (!rows) throw notFound();
      const fr = (rows[0]?.owner_language ?? 'fr') !== 'en';
      const calendar = ical({
        name: 'HuntZen',
        prodId: { company: 'HuntZen', product: 'Calendar feed', language: fr ? 'FR' : 'EN' },
        method: ICalCalendarMethod.PUBLISH,
        ttl: 60 * 60,
      });
      const host = new URL(origin).hostname;
      for (const row of rows) {
        const url = `${origin}/app/consultations/${row.id}`;
        calendar.createEvent({
          id: consultationUid(row.id, host),
          start: new Date(row.scheduled_at),
          end: new Date(row.scheduled_end_at),
          stamp: new Date(),
          lastModified: new Date(row.updated_at),
          summary: CALENDAR_FEED_EVENT_TITLE,
          description: fr ? `Détails et accès : ${url}` : `Details and access: ${url}`,
          url,
          class: ICalEventClass.PRIVATE,
          status: row.status === 'SCHEDULED' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
        });
      }
      return calendar.toString();
    },
  };
}

export type CalendarFeedService = ReturnType<typeof createCalendarFeedService>;
