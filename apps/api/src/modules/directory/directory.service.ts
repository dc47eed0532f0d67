// The practitioner directory: search, the filters' values, a public profile. Only validated and
// active practitioners exist here; any other id is simply not found.
import type {
  DirectoryFacets,
  DirectoryItem,
  DirectoryPage,
  DirectorySort,
  PractitionerProfile,
} from '@huntzen/contracts';
import { type Database, withActor } from '@huntzen/db';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import {
  type CardRow,
  type DirectoryFilters,
  directoryFacets,
  directoryOrder,
  findListedPractitioner,
  ratingDistribution,
  searchPractitioners,
} from './directory.repository';
import { keyCursor, readKeyCursor } from './keyset';

export interface SearchParams extends DirectoryFilters {
  sort?: DirectorySort | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** The order applied: relevance only means something with a search. */
export function effectiveSort(q: string | undefined, sort: DirectorySort | undefined): DirectorySort {
  if (!q) return sort === 'relevance' || !sort ? 'rating' : sort;
  return sort ?? 'relevance';
}

/** The directory card of a practitioner row. */
export function toDirectoryItem(row: Omit<CardRow, 'key'>): DirectoryItem {
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
  };
}

/** Builds the directory service. */
export function createDirectoryService(deps: { db: Database }) {
  return {
    /** One page of validated, active practitioners matching the filters. */
    async search(actor: RequestActor, params: SearchParams): Promise<DirectoryPage> {
      const q = params.q?.trim() || undefined;
      const sort = effectiveSort(q, params.sort);
      const order = directoryOrder(q, sort);
      const afterKeys = params.cursor ? readKeyCursor(params.cursor, sort, order.keys) : null;
      const rows = await withActor(deps.db, actor, (tx) =>
        searchPractitioners(tx, { filters: { ...params, q }, order, limit: params.limit, after: afterKeys }),
      );
      const items = rows.slice(0, params.limit);
      const last = items.at(-1);
      return {
        items: items.map(toDirectoryItem),
        nextCursor: rows.length > params.limit && last ? keyCursor(sort, last.key) : null,
        sort,
      };
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
        return {
          ...toDirectoryItem(row),
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
