// The practitioner directory: search (filters kept in the page URL), the filters' values, a
// public profile and its published reviews.
import {
  DIRECTORY_SORTS,
  type DirectoryFacets,
  type DirectoryPage,
  type DirectorySort,
  PRACTICE_FORMATS,
  type PracticeFormat,
  type PractitionerProfile,
  type PublicReviewPage,
  SPECIALTIES,
  type Specialty,
} from '@huntzen/contracts';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

/** The search as typed in the page and kept in its URL ('' = not set). */
export interface DirectoryFilters {
  q: string;
  specialty: Specialty | '';
  subSpecialty: string;
  language: string;
  format: PracticeFormat | '';
  acceptingNewClients: boolean;
  /** Only practitioners with a free slot within this many days ('' = any). */
  availableWithinDays: '' | '3' | '7' | '14' | '30';
  sort: DirectorySort | '';
}

export const AVAILABLE_WITHIN_CHOICES = ['3', '7', '14', '30'] as const;

export const NO_FILTERS: DirectoryFilters = {
  q: '',
  specialty: '',
  subSpecialty: '',
  language: '',
  format: '',
  acceptingNewClients: false,
  availableWithinDays: '',
  sort: '',
};

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | '' =>
  value && (values as readonly string[]).includes(value) ? (value as T) : '';

/** The filters of a page URL (unknown values are ignored). */
export function filtersFromUrl(params: URLSearchParams): DirectoryFilters {
  const text = (name: string, max: number) => (params.get(name) ?? '').slice(0, max);
  return {
    q: text('q', 200),
    specialty: oneOf(SPECIALTIES, params.get('specialty')),
    subSpecialty: text('subSpecialty', 60),
    language: /^[a-z]{2,3}$/.test(params.get('language') ?? '') ? params.get('language')! : '',
    format: oneOf(PRACTICE_FORMATS, params.get('format')),
    acceptingNewClients: params.get('acceptingNewClients') === 'true',
    availableWithinDays: oneOf(AVAILABLE_WITHIN_CHOICES, params.get('availableWithinDays')),
    sort: oneOf(DIRECTORY_SORTS, params.get('sort')),
  };
}

/** The query string of `filters`, for the page URL and the API alike (empty ones left out). */
export function filtersToQuery(filters: DirectoryFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.specialty) params.set('specialty', filters.specialty);
  if (filters.subSpecialty) params.set('subSpecialty', filters.subSpecialty);
  if (filters.language) params.set('language', filters.language);
  if (filters.format) params.set('format', filters.format);
  if (filters.acceptingNewClients) params.set('acceptingNewClients', 'true');
  if (filters.availableWithinDays) params.set('availableWithinDays', filters.availableWithinDays);
  if (filters.sort) params.set('sort', filters.sort);
  return params;
}

const PAGE_SIZE = 12;

/** GET /practitioners, page by page; the previous results stay shown while a new search loads. */
export function useDirectory(filters: DirectoryFilters) {
  const query = filtersToQuery(filters);
  return useInfiniteQuery({
    queryKey: ['directory', 'search', query.toString()],
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams(query);
      params.set('limit', String(PAGE_SIZE));
      if (pageParam) params.set('cursor', pageParam);
      return api.get<DirectoryPage>(`/practitioners?${params}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** GET /practitioners/facets: the values the filters offer. */
export function useDirectoryFacets() {
  return useQuery({
    queryKey: ['directory', 'facets'],
    queryFn: ({ signal }) => api.get<DirectoryFacets>('/practitioners/facets', signal),
    staleTime: 5 * 60_000,
  });
}

/** GET /practitioners/{id}. */
export function usePractitionerProfile(id: string) {
  return useQuery({
    queryKey: ['directory', 'profile', id],
    queryFn: ({ signal }) => api.get<PractitionerProfile>(`/practitioners/${encodeURIComponent(id)}`, signal),
    retry: (count, error) =>
      count < 2 && !(error instanceof Error && 'status' in error && error.status === 404),
  });
}

/** GET /practitioners/{id}/reviews, newest first, page by page. */
export function usePractitionerReviews(id: string) {
  return useInfiniteQuery({
    queryKey: ['directory', 'reviews', id],
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: '5' });
      if (pageParam) params.set('cursor', pageParam);
      return api.get<PublicReviewPage>(`/practitioners/${encodeURIComponent(id)}/reviews?${params}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
