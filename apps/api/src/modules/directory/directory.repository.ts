// The directory's SQL: search with filters and keyset pages, the filters' values, one profile.
// Row-level security already hides practitioners who are not validated and active from employees
// (practitioners_read), except those they had a consultation with: every query here says
// "validated and active" itself, so the directory is the same for every caller.
import type { DirectorySort, PracticeFormat, Specialty } from '@huntzen/contracts';
import { practitionerNextSlots, practitionerReviews, practitioners, type Tx } from '@huntzen/db';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { searchTerms } from './directory.search';
import { after, type KeyValue, orderBy, type SortKey } from './keyset';

/** In the directory: validated and active (literal conditions, so the planner sees them). */
export const listed = sql`(${practitioners.isValidated} and ${practitioners.isActive})`;

// The configuration of migration 0011. Matching and ranking run in its directory_search()
// function (see the migration for why not in this query), on the stored documents of 0031.
const CONFIG = sql.raw(`'public.french_unaccent'::regconfig`);
const FOUND = sql.raw('found');

/** The text-search query of what was typed in the search box. */
function textQuery(q: string): SQL {
  const { head, prefix } = searchTerms(q);
  const words = sql`websearch_to_tsquery(${CONFIG}, ${head})`;
  // Letters and digits only: nothing in `prefix` can be to_tsquery syntax.
  return prefix ? sql`(${words} && to_tsquery(${CONFIG}, ${`${prefix}:*`}))` : words;
}

export interface DirectoryFilters {
  q?: string | undefined;
  specialty?: Specialty | undefined;
  subSpecialty?: string | undefined;
  language?: string | undefined;
  format?: PracticeFormat | undefined;
  acceptingNewClients?: boolean | undefined;
}

const FORMAT_COLUMNS = {
  VIDEO: practitioners.offersVideo,
  PHONE: practitioners.offersPhone,
  IN_PERSON: practitioners.offersInPerson,
} as const;

function filterConditions(filters: DirectoryFilters): (SQL | undefined)[] {
  return [
    listed,
    filters.specialty ? eq(practitioners.specialty, filters.specialty) : undefined,
    filters.subSpecialty
      ? sql`exists (select 1 from unnest(${practitioners.subSpecialties}) s
                     where lower(unaccent(s)) = lower(unaccent(${filters.subSpecialty})))`
      : undefined,
    filters.language ? sql`${filters.language} = any(${practitioners.languages})` : undefined,
    filters.format ? eq(FORMAT_COLUMNS[filters.format], true) : undefined,
    filters.acceptingNewClients === undefined
      ? undefined
      : eq(practitioners.isAcceptingNewClients, filters.acceptingNewClients),
  ];
}

// Sort keys, each never NULL (keyset comparisons need it): no rating sorts below any rating.
const byLastName: SortKey = {
  expr: sql`lower(unaccent(${practitioners.lastName}))`,
  dir: 'asc',
  type: 'text',
};
const byFirstName: SortKey = {
  expr: sql`lower(unaccent(${practitioners.firstName}))`,
  dir: 'asc',
  type: 'text',
};
const byId: SortKey = { expr: sql`${practitioners.id}`, dir: 'asc', type: 'uuid' };
const byRating: SortKey = {
  expr: sql`coalesce(${practitioners.averageRating}, -1)`,
  dir: 'desc',
  type: 'float8',
};
const byReviewCount: SortKey = { expr: sql`${practitioners.reviewCount}`, dir: 'desc', type: 'int' };

/** The keys of `sort` (`relevance` needs the query). */
function sortKeys(sort: DirectorySort, query: SQL | null): SortKey[] {
  const names = [byLastName, byFirstName, byId];
  if (sort === 'name') return names;
  if (sort === 'rating' || !query) return [byRating, byReviewCount, ...names];
  const rank: SortKey = { expr: sql`${FOUND}.rank`, dir: 'desc', type: 'float8' };
  return [rank, byRating, byReviewCount, ...names];
}

const cardColumns = {
  id: practitioners.id,
  title: practitioners.title,
  firstName: practitioners.firstName,
  lastName: practitioners.lastName,
  specialty: practitioners.specialty,
  subSpecialties: practitioners.subSpecialties,
  languages: practitioners.languages,
  offersVideo: practitioners.offersVideo,
  offersPhone: practitioners.offersPhone,
  offersInPerson: practitioners.offersInPerson,
  inPersonAddress: practitioners.inPersonAddress,
  avatarUrl: practitioners.avatarUrl,
  averageRating: practitioners.averageRating,
  reviewCount: practitioners.reviewCount,
  isAcceptingNewClients: practitioners.isAcceptingNewClients,
};

/** The text query (when `q` is given) and the sort keys of a search. */
export function directoryOrder(q: string | undefined, sort: DirectorySort) {
  const query = q ? textQuery(q) : null;
  return { query, keys: sortKeys(sort, query) };
}

/**
 * Where the directory's query reads each practitioner's next free slot in [now, `end`): the
 * stored row of practitioner_next_slots (0031), except for the practitioners of `computed`, whose
 * answers the service has just computed (see next-slots.ts: stored rows left for the query are
 * current and end by `end` or start at or after it).
 */
export interface NextSlotSource {
  end: Date;
  computed: ReadonlyMap<string, Date | null>;
}

const COMPUTED = sql.raw('computed');

/** The next free slot of a practitioner row of the query (NULL: none in range). */
export function nextSlotExpression(source: NextSlotSource): SQL {
  return sql`(case when ${COMPUTED}.id is not null then ${COMPUTED}.starts_at
    when ${practitionerNextSlots.nextSlotEnd} <= ${source.end.toISOString()}::timestamptz
      then ${practitionerNextSlots.nextSlotAt} end)`;
}

/** Sort key: the next free slot first, none last. */
export function nextSlotKey(source: NextSlotSource): SortKey {
  return {
    expr: sql`coalesce(${nextSlotExpression(source)}, 'infinity'::timestamptz)`,
    dir: 'asc',
    type: 'timestamptz',
  };
}

/**
 * The query of one page of the directory: `limit + 1` rows (the extra one says there is a next
 * page). Not run here: the plan test EXPLAINs it.
 */
export function directoryQuery(
  tx: Tx,
  params: {
    filters: DirectoryFilters;
    order: ReturnType<typeof directoryOrder>;
    limit: number;
    after: KeyValue[] | null;
    /** Reads the next free slots (the `nextSlot` column); `available`: only those with one. */
    slots?: (NextSlotSource & { available: boolean }) | undefined;
  },
) {
  const { query, keys } = params.order;
  const { slots } = params;
  const next = slots ? nextSlotExpression(slots) : sql`null::timestamptz`;
  const select = tx
    .select({
      ...cardColumns,
      nextSlot: sql<Date | string | null>`${next}`,
      // The row's key values, as the next page's cursor needs them (JSON keeps float8 exact).
      key: sql<KeyValue[]>`json_build_array(${sql.join(
        keys.map((k) => k.expr),
        sql`, `,
      )})`,
    })
    .from(practitioners)
    .$dynamic();
  const matched = query
    ? select.innerJoin(
        sql`directory_search(${query}) as ${FOUND}`,
        sql`${FOUND}.practitioner_id = ${practitioners.id}`,
      )
    : select;
  const withSlots = slots
    ? matched
        .leftJoin(practitionerNextSlots, eq(practitionerNextSlots.practitionerId, practitioners.id))
        .leftJoin(
          sql`unnest(${sql.param([...slots.computed.keys()])}::uuid[],
                     ${sql.param([...slots.computed.values()].map((d) => d?.toISOString() ?? null))}::timestamptz[])
                as ${COMPUTED}(id, starts_at)`,
          sql`${COMPUTED}.id = ${practitioners.id}`,
        )
    : matched;
  return withSlots
    .where(
      and(
        ...filterConditions(params.filters),
        slots?.available ? sql`${next} is not null` : undefined,
        params.after ? after(keys, params.after) : undefined,
      ),
    )
    .orderBy(orderBy(keys))
    .limit(params.limit + 1);
}

/** One page of the directory (see directoryQuery). */
export async function searchPractitioners(tx: Tx, params: Parameters<typeof directoryQuery>[1]) {
  return directoryQuery(tx, params);
}
export type CardRow = Awaited<ReturnType<typeof searchPractitioners>>[number];

/** The values the filters can take among listed practitioners, most frequent first. */
export async function directoryFacets(tx: Tx) {
  const count = sql<number>`count(*)::int`;
  const specialties = await tx
    .select({ value: practitioners.specialty, count })
    .from(practitioners)
    .where(listed)
    .groupBy(practitioners.specialty)
    .orderBy(sql`count(*) desc`, practitioners.specialty);
  const unnested = async (column: typeof practitioners.subSpecialties | typeof practitioners.languages) => {
    const { rows } = await tx.execute<{ value: string; count: number }>(sql`
      select v as value, count(*)::int as count
        from ${practitioners}, unnest(${column}) v
       where ${listed} and btrim(v) <> ''
       group by v order by count(*) desc, v`);
    return rows;
  };
  return {
    specialties,
    subSpecialties: await unnested(practitioners.subSpecialties),
    languages: await unnested(practitioners.languages),
  };
}

/** A listed practitioner's full profile row, or undefined. */
export async function findListedPractitioner(tx: Tx, id: string) {
  const [row] = await tx
    .select()
    .from(practitioners)
    .where(and(eq(practitioners.id, id), listed));
  return row;
}

/** Published reviews of a practitioner, counted per star. */
export async function ratingDistribution(tx: Tx, practitionerId: string) {
  const rows = await tx
    .select({ rating: practitionerReviews.rating, count: sql<number>`count(*)::int` })
    .from(practitionerReviews)
    .where(
      and(eq(practitionerReviews.practitionerId, practitionerId), eq(practitionerReviews.isPublished, true)),
    )
    .groupBy(practitionerReviews.rating);
  const distribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const row of rows) {
    if (row.rating >= 1 && row.rating <= 5) distribution[row.rating as 1 | 2 | 3 | 4 | 5] = row.count;
  }
  return distribution;
}
