// The directory's SQL: search with filters and keyset pages, the filters' values, one profile.
// Row-level security already hides practitioners who are not validated and active from employees
// (practitioners_read), except those they had a consultation with: every query here says
// "validated and active" itself, so the directory is the same for every caller.
import type { DirectorySort, PracticeFormat, Specialty } from '@huntzen/contracts';
import { builtOnce, practitionerNextSlots, practitionerReviews, practitioners, type Tx } from '@huntzen/db';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { searchTerms } from './directory.search';
import { after, afterValues, type KeyValue, orderBy, type SortKey } from './keyset';

/** In the directory: validated and active (literal conditions, so the planner sees them). */
export const listed = sql`(${practitioners.isValidated} and ${practitioners.isActive})`;

// The configuration of migration 0011. Matching and ranking run in its directory_search()
// function (see the migration for why not in this query), on the stored documents of 0031.
const CONFIG = sql.raw(`'public.french_unaccent'::regconfig`);
const FOUND = sql.raw('found');

/**
 * The text-search query of what was typed in the search box, its words in placeholders (`head`,
 * and `prefix` when the last word is being typed: `textValues`).
 */
function textQuery(q: string): SQL {
  const { prefix } = searchTerms(q);
  const words = sql`websearch_to_tsquery(${CONFIG}, ${sql.placeholder('head')})`;
  // Letters and digits only: nothing in `prefix` can be to_tsquery syntax.
  return prefix ? sql`(${words} && to_tsquery(${CONFIG}, ${sql.placeholder('prefix')}))` : words;
}

/** The placeholders of `textQuery(q)`. */
function textValues(q: string | undefined): Record<string, string> {
  if (!q) return {};
  const { head, prefix } = searchTerms(q);
  return prefix ? { head, prefix: `${prefix}:*` } : { head };
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

/** The filters' conditions, their values in placeholders (`filterValues`). */
function filterConditions(filters: DirectoryFilters): (SQL | undefined)[] {
  return [
    listed,
    filters.specialty ? eq(practitioners.specialty, sql.placeholder('specialty')) : undefined,
    filters.subSpecialty
      ? sql`exists (select 1 from unnest(${practitioners.subSpecialties}) s
                     where lower(unaccent(s)) = lower(unaccent(${sql.placeholder('subSpecialty')})))`
      : undefined,
    filters.language ? sql`${sql.placeholder('language')} = any(${practitioners.languages})` : undefined,
    filters.format ? eq(FORMAT_COLUMNS[filters.format], true) : undefined,
    filters.acceptingNewClients === undefined
      ? undefined
      : eq(practitioners.isAcceptingNewClients, sql.placeholder('acceptingNewClients')),
  ];
}

/** The placeholders of `filterConditions(filters)`. */
function filterValues(filters: DirectoryFilters): Record<string, unknown> {
  const { specialty, subSpecialty, language, acceptingNewClients } = filters;
  return { specialty, subSpecialty, language, acceptingNewClients };
}

/** The choices of `filterConditions(filters)`: which filters, and the format's column. */
function filterShape(filters: DirectoryFilters): string {
  const on = (value: unknown) => (value === undefined || value === '' ? 0 : 1);
  return [
    on(filters.specialty),
    on(filters.subSpecialty),
    on(filters.language),
    filters.format ?? '-',
    on(filters.acceptingNewClients),
  ].join('');
}

// Sort keys, each never NULL (keyset comparisons need it): no rating sorts below any rating.
const byLastName: SortKey = {
  name: 'lastName',
  expr: sql`lower(unaccent(${practitioners.lastName}))`,
  dir: 'asc',
  type: 'text',
};
const byFirstName: SortKey = {
  name: 'firstName',
  expr: sql`lower(unaccent(${practitioners.firstName}))`,
  dir: 'asc',
  type: 'text',
};
const byId: SortKey = { name: 'id', expr: sql`${practitioners.id}`, dir: 'asc', type: 'uuid' };
const byRating: SortKey = {
  name: 'rating',
  expr: sql`coalesce(${practitioners.averageRating}, -1)`,
  dir: 'desc',
  type: 'float8',
};
const byReviewCount: SortKey = {
  name: 'reviewCount',
  expr: sql`${practitioners.reviewCount}`,
  dir: 'desc',
  type: 'int',
};

/** The keys of `sort` (`relevance` needs the query). */
function sortKeys(sort: DirectorySort, query: SQL | null): SortKey[] {
  const names = [byLastName, byFirstName, byId];
  if (sort === 'name') return names;
  if (sort === 'rating' || !query) return [byRating, byReviewCount, ...names];
  const rank: SortKey = { name: 'rank', expr: sql`${FOUND}.rank`, dir: 'desc', type: 'float8' };
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

/**
 * The next free slot of a practitioner row of the query (NULL: none in range), for a source given
 * in placeholders (`end`, and `computedIds`, `computedStarts`: `slotValues`).
 */
export function nextSlotExpression(): SQL {
  return sql`(case when ${COMPUTED}.id is not null then ${COMPUTED}.starts_at
    when ${practitionerNextSlots.nextSlotEnd} <= ${sql.placeholder('end')}::timestamptz
      then ${practitionerNextSlots.nextSlotAt} end)`;
}

/** Sort key: the next free slot first, none last. */
export const byNextSlot: SortKey = {
  name: 'nextSlot',
  expr: sql`coalesce(${nextSlotExpression()}, 'infinity'::timestamptz)`,
  dir: 'asc',
  type: 'timestamptz',
};

/** The placeholders of the next slots' `source`. */
function slotValues(source: NextSlotSource | undefined): Record<string, unknown> {
  if (!source) return {};
  return {
    end: source.end.toISOString(),
    computedIds: [...source.computed.keys()],
    computedStarts: [...source.computed.values()].map((d) => d?.toISOString() ?? null),
  };
}

export interface DirectoryQueryParams {
  filters: DirectoryFilters;
  order: ReturnType<typeof directoryOrder>;
  limit: number;
  after: KeyValue[] | null;
  /** Reads the next free slots (the `nextSlot` column); `available`: only those with one. */
  slots?: (NextSlotSource & { available: boolean }) | undefined;
}

/**
 * The query of one page of the directory: `limit + 1` rows (the extra one says there is a next
 * page), its values in placeholders (`directoryValues`). Not run here: the plan test EXPLAINs it.
 */
export function directoryQuery(tx: Tx, params: DirectoryQueryParams) {
  const { query, keys } = params.order;
  const { slots } = params;
  const next = slots ? nextSlotExpression() : sql`null::timestamptz`;
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
          sql`unnest(${sql.placeholder('computedIds')}::uuid[], ${sql.placeholder('computedStarts')}::timestamptz[])
                as ${COMPUTED}(id, starts_at)`,
          sql`${COMPUTED}.id = ${practitioners.id}`,
        )
    : matched;
  return withSlots
    .where(
      and(
        ...filterConditions(params.filters),
        slots?.available ? sql`${next} is not null` : undefined,
        params.after ? after(keys) : undefined,
      ),
    )
    .orderBy(orderBy(keys))
    .limit(sql.placeholder('limit'));
}

/** The values of `directoryQuery(tx, params)`'s placeholders. */
export function directoryValues(params: DirectoryQueryParams): Record<string, unknown> {
  return {
    ...textValues(params.filters.q),
    ...filterValues(params.filters),
    ...slotValues(params.slots),
    ...afterValues(params.after),
    limit: params.limit + 1,
  };
}

/** Every choice `directoryQuery` makes for `params`: the key of its statement built once. */
export function directoryShape({ filters, order, after, slots }: DirectoryQueryParams): string {
  const text = filters.q ? (searchTerms(filters.q).prefix ? 'qp' : 'q') : '-';
  const reads = slots ? (slots.available ? 'available' : 'slots') : '-';
  const keys = order.keys.map((k) => k.name).join(',');
  return `directory:${text}:${filterShape(filters)}:${reads}:${keys}:${after ? 1 : 0}`;
}

/** One page of the directory (see directoryQuery), its statement built once per connection and shape. */
export async function searchPractitioners(tx: Tx, params: DirectoryQueryParams) {
  return builtOnce(tx, directoryShape(params), () => directoryQuery(tx, params)).execute(
    directoryValues(params),
  );
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
