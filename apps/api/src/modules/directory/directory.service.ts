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
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import {
  byNextSlot,
  type CardRow,
  type DirectoryFilters,
  directoryFacets,
  directoryOrder,
  findListedPractitioner,
  ratingDistribution,
  searchPractitioners,
} from './directory.repository';
import { keyCursor, readKeyCursor } from './keyset';
import { freshNextSlots, rangeEnd } from './next-slots';

export interface SearchParams extends DirectoryFilters {
  sort?: DirectorySort | undefined;
  availableWithinDays?: number | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** The next free slot of each listed practitioner of `ids` within `days` days from now. */
async function nextSlotsOf(tx: Tx, ids: string[], days: number) {
  return freshNextSlots(tx, { now: new Date(), days }, ids);
}

/** The order applied: relevance only means something with a search. */
export function effectiveSort(q: string | undefined, sort: DirectorySort | undefined): DirectorySort {
  if (!q) return sort === 'relevance' || !sort ? 'rating' : sort;
  return sort ?? 'relevance';
}

/** The directory card of a practitioner row. */
export function toDirectoryItem(
  row: Omit<CardRow, 'key' | 'nextSlot'>,
  nextSlot?: Date | null,
): DirectoryItem {
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

const NONE_COMPUTED: ReadonlyMap<string, Date | null> = new Map();

/**
 * A page of the directory with each practitioner's next free slot, in any order and filter: one
 * query over the stored next slots (practitioner_next_slots, ADR 0003), sent with the check of
 * which stored rows cannot answer; searched again with those few computed, when there are some.
 */
async function searchPage(tx: Tx, params: SearchParams, sort: DirectorySort): Promise<DirectoryPage> {
  // A cursor belongs to its order and its filter (an order without slots: as it always was).
  const bySlots = sort === 'nextSlot' || params.availableWithinDays !== undefined;
  const cursorTag = bySlots ? `${sort}:${params.availableWithinDays ?? ''}` : sort;
  const question = { now: new Date(), days: params.availableWithinDays ?? AVAILABLE_WITHIN_MAX_DAYS };
  // Equal slots (and those without one) keep the relevance/rating order.
  const base = directoryOrder(params.q, sort === 'nextSlot' ? effectiveSort(params.q, undefined) : sort);
  const order = sort === 'nextSlot' ? { ...base, keys: [byNextSlot, ...base.keys] } : base;
  const afterKeys = params.cursor ? readKeyCursor(params.cursor, cursorTag, order.keys) : null;
  const search = (computed: ReadonlyMap<string, Date | null>) =>
    searchPractitioners(tx, {
      filters: params,
      order,
      limit: params.limit,
      after: afterKeys,
      slots: { end: rangeEnd(question), computed, available: params.availableWithinDays !== undefined },
    });
  // Usually every stored next slot answers as it is: the page is then the search over them, sent
  // with the check (one write, no wait between them). Otherwise, searched again with the answers
  // computed for the others.
  const [computed, stored] = await Promise.all([freshNextSlots(tx, question), search(NONE_COMPUTED)]);
  const rows = computed.size === 0 ? stored : await search(computed);
  const items = rows.slice(0, params.limit);
  const last = items.at(-1);
  return {
    items: items.map((row) => toDirectoryItem(row, row.nextSlot === null ? null : new Date(row.nextSlot))),
    nextCursor: rows.length > params.limit && last ? keyCursor(cursorTag, last.key) : null,
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
      // Reads (and the stored next slots brought up to date, each for the version it read): each
      // statement a transaction of its own, no BEGIN or COMMIT to send.
      return withActor(deps.db, actor, (tx) => searchPage(tx, { ...params, q }, sort), {
        autocommit: true,
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
          ...toDirectoryItem(row, slots.get(row.id)),
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
