// The practitioner directory: search, the filters' values, a public profile. Only validated and
// active practitioners exist here; any other id is simply not found.
import type {
  DirectoryFacets,
  DirectoryItem,
  DirectoryPage,
  DirectorySort,
  PractitionerProfile,
} from '@huntzen/contracts';
import { AVAILABLE_WITHIN_MAX_DAYS } from '@huntzen/contracts';
import { type Database, type Tx, withActor } from '@huntzen/db';
import { sql } from 'drizzle-orm';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { nextFreeSlots } from '../availability';
import {
  type CardRow,
  type DirectoryFilters,
  directoryFacets,
  directoryOrder,
  findListedPractitioner,
  ratingDistribution,
  searchPractitioners,
} from './directory.repository';
import { keyCursor, readKeyCursor, type SortKey } from './keyset';

export interface SearchParams extends DirectoryFilters {
  sort?: DirectorySort | undefined;
  availableWithinDays?: number | undefined;
  limit: number;
  cursor?: string | undefined;
}

const DAY_MS = 24 * 3600 * 1000;
/**
 * Sorting by next free slot, or keeping only practitioners free within N days, needs the slot
 * engine: the matching practitioners (at most this many — the directory lists hundreds) are read
 * in one query, their next slots computed in one batch (nextFreeSlots), then sorted and paged here.
 */
const SLOT_CANDIDATES_MAX = 2000;
// Those pages are positions in that computed list: the cursor is an offset.
const OFFSET_KEYS: SortKey[] = [{ expr: sql`0`, dir: 'asc', type: 'int' }];

/** The next free slot of each practitioner of `ids` within `days` days from now. */
async function nextSlotsOf(tx: Tx, ids: string[], days: number) {
  const now = new Date();
  return nextFreeSlots(tx, ids, { from: now, to: new Date(now.getTime() + days * DAY_MS) }, { now });
}

/** The order applied: relevance only means something with a search. */
export function effectiveSort(q: string | undefined, sort: DirectorySort | undefined): DirectorySort {
  if (!q) return sort === 'relevance' || !sort ? 'rating' : sort;
  return sort ?? 'relevance';
}

/** The directory card of a practitioner row. */
export function toDirectoryItem(row: Omit<CardRow, 'key'>, nextSlot?: Date | null): DirectoryItem {
  return {
    id: row.id,
    title: row.title,
    firstName: row.firstName,
    lastName: row.lastName,
    specialty: row.specialty,
    subSpecialties: row.subSpecialties,
    languages: row.languages,
    formats: { video: row.offersVideo, phone: row.offersPhone, inPerson: row.offersInPerson },
    // An address is only meaningful where sessions in person are offered.
    inPersonAddress: row.offersInPerson ? row.inPersonAddress : null,
    avatarUrl: row.avatarUrl,
    averageRating: row.averageRating,
    reviewCount: row.reviewCount,
    isAcceptingNewClients: row.isAcceptingNewClients,
    nextSlot: nextSlot ? nextSlot.toISOString() : null,
  };
}

/** A page of the directory ordered or filtered by next free slot (see SLOT_CANDIDATES_MAX). */
async function searchBySlots(tx: Tx, params: SearchParams, sort: DirectorySort): Promise<DirectoryPage> {
  const cursorTag = `${sort}:${params.availableWithinDays ?? ''}@offset`;
  const offset = params.cursor ? Number(readKeyCursor(params.cursor, cursorTag, OFFSET_KEYS)[0]) : 0;
  // Candidates in the requested order (or by relevance/rating for nextSlot, which breaks ties).
  const baseSort = sort === 'nextSlot' ? effectiveSort(params.q, undefined) : sort;
  const rows = await searchPractitioners(tx, {
    filters: params,
    order: directoryOrder(params.q, baseSort),
    limit: SLOT_CANDIDATES_MAX,
    after: null,
  });
  const slots = await nextSlotsOf(
    tx,
    rows.map((r) => r.id),
    params.availableWithinDays ?? AVAILABLE_WITHIN_MAX_DAYS,
  );
  let found = rows.map((row) => ({ row, next: slots.get(row.id)?.start ?? null }));
  if (params.availableWithinDays) found = found.filter((f) => f.next);
  if (sort === 'nextSlot') {
    // Stable: equal slots keep the relevance/rating order; no slot goes last.
    found.sort((a, b) => (a.next?.getTime() ?? Infinity) - (b.next?.getTime() ?? Infinity));
  }
  const page = found.slice(offset, offset + params.limit);
  const end = offset + page.length;
  return {
    items: page.map((f) => toDirectoryItem(f.row, f.next)),
    nextCursor: end < found.length ? keyCursor(cursorTag, [end]) : null,
    sort,
  };
}

/** Builds the directory service. */
export function createDirectoryService(deps: { db: Database }) {
  return {
    /** One page of validated, active practitioners matching the filters. */
    async search(actor: RequestActor, params: SearchParams): Promise<DirectoryPage> {
      const q = params.q?.trim() || undefined;
      const sort = effectiveSort(q, params.sort);
      if (sort === 'nextSlot' || params.availableWithinDays) {
        return withActor(deps.db, actor, (tx) => searchBySlots(tx, { ...params, q }, sort));
      }
      const order = directoryOrder(q, sort);
      const afterKeys = params.cursor ? readKeyCursor(params.cursor, sort, order.keys) : null;
      return withActor(deps.db, actor, async (tx) => {
        const rows = await searchPractitioners(tx, {
          filters: { ...params, q },
          order,
          limit: params.limit,
          after: afterKeys,
        });
        const items = rows.slice(0, params.limit);
        const last = items.at(-1);
        const slots = await nextSlotsOf(
          tx,
          items.map((r) => r.id),
          AVAILABLE_WITHIN_MAX_DAYS,
        );
        return {
          items: items.map((row) => toDirectoryItem(row, slots.get(row.id)?.start)),
          nextCursor: rows.length > params.limit && last ? keyCursor(sort, last.key) : null,
          sort,
        };
      });
    },

    /** Specialties, sub-specialties and languages present in the directory. */
    async facets(actor: RequestActor): Promise<DirectoryFacets> {
      return withActor(deps.db, actor, (tx) => directoryFacets(tx));
    },

    /** The public profile of a listed practitioner, or 404. */
    async profile(actor: RequestActor, id: string): Promise<PractitionerProfile> {
      return withActor(deps.db, actor, async (tx) => {
        const row = await findListedPractitioner(tx, id);
        if (!row) throw new AppError('NOT_FOUND', 'No such practitioner in the directory.');
        const slots = await nextSlotsOf(tx, [row.id], AVAILABLE_WITHIN_MAX_DAYS);
        return {
          ...toDirectoryItem(row, slots.get(row.id)?.start),
          bio: row.bio,
          experience: row.experience,
          education: row.education,
          diplomas: row.diplomas,
          certifications: row.certifications,
          coverUrl: row.coverUrl,
          videoUrl: row.videoUrl,
          sessionDuration: row.defaultDuration,
          timezone: row.timezone,
          ratingSummary: {
            averageRating: row.averageRating,
            reviewCount: row.reviewCount,
            distribution: await ratingDistribution(tx, row.id),
          },
        };
      });
    },
  };
}

export type DirectoryService = ReturnType<typeof createDirectoryService>;
