// The journal's API hooks: entries (list with filters, write, edit, delete), the mood trend and
// streak, the sentiment opt-in, export (a file download) and import.
import type {
  CreateJournalEntry,
  JournalEntry,
  JournalEntryPage,
  JournalExport,
  JournalImportResult,
  JournalMood,
  JournalSettings,
  JournalStreak,
  MoodTrend,
  TrendBucket,
  UpdateJournalEntry,
} from '@huntzen/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { api, apiRequest } from '../../lib/api';
import { isApiError } from '../../lib/api-error';
import { downloadFile, saveBlob } from '../../lib/download';
import { errorMessage } from '../../lib/form';

/** The sentence for an error of the journal API (its own codes first). */
export function journalErrorMessage(error: unknown, t: TFunction): string {
  if (isApiError(error, 'CONTENT_UNREADABLE')) return t('journal.errors.CONTENT_UNREADABLE');
  return errorMessage(error, t);
}

export interface JournalFilters {
  from: string | null;
  to: string | null;
  mood: JournalMood | null;
  tag: string | null;
}

export const NO_FILTERS: JournalFilters = { from: null, to: null, mood: null, tag: null };

const ROOT = ['journal'] as const;

function filterQuery(filters: Partial<JournalFilters>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  return query;
}

/** GET /journal-entries with filters, 10 a page, newest first. */
export function useJournalEntries(filters: JournalFilters) {
  return useInfiniteQuery({
    queryKey: [...ROOT, 'entries', filters],
    queryFn: ({ pageParam, signal }) => {
      const query = filterQuery(filters);
      query.set('limit', '10');
      if (pageParam) query.set('cursor', pageParam);
      return api.get<JournalEntryPage>(`/journal-entries?${query}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** GET /journal-entries/mood-trend. */
export function useMoodTrend(bucket: TrendBucket, from: string) {
  return useQuery({
    queryKey: [...ROOT, 'trend', bucket, from],
    queryFn: ({ signal }) =>
      api.get<MoodTrend>(`/journal-entries/mood-trend?${filterQuery({ from })}&bucket=${bucket}`, signal),
  });
}

/** GET /journal-entries/streak. */
export function useJournalStreak() {
  return useQuery({
    queryKey: [...ROOT, 'streak'],
    queryFn: ({ signal }) => api.get<JournalStreak>('/journal-entries/streak', signal),
  });
}

/** GET /journal-entries/settings. */
export function useJournalSettings() {
  return useQuery({
    queryKey: [...ROOT, 'settings'],
    queryFn: ({ signal }) => api.get<JournalSettings>('/journal-entries/settings', signal),
  });
}

/**
 * Every journal query is stale after a change. Not awaited: the mutation settles (and the editor
 * resets) as soon as the server answered, while the list, the chart and the streak refetch.
 */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ROOT });
  };
}

/** PUT /journal-entries/settings. */
export function useUpdateJournalSettings() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (sentimentEnabled: boolean) =>
      apiRequest<JournalSettings>('/journal-entries/settings', { method: 'PUT', body: { sentimentEnabled } }),
    onSettled: invalidate,
  });
}

/** POST /journal-entries. */
export function useCreateJournalEntry() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateJournalEntry) => api.post<JournalEntry>('/journal-entries', body),
    onSuccess: invalidate,
  });
}

/** PATCH /journal-entries/{id}. */
export function useUpdateJournalEntry() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateJournalEntry }) =>
      apiRequest<JournalEntry>(`/journal-entries/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSettled: invalidate,
  });
}

/** DELETE /journal-entries/{id}. */
export function useDeleteJournalEntry() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest<void>(`/journal-entries/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSettled: invalidate,
  });
}

/** POST /journal-entries/import with a JSON export. */
export function useImportJournal() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (document: unknown) => api.post<JournalImportResult>('/journal-entries/import', document),
    onSettled: invalidate,
  });
}

/** Downloads the whole journal, as JSON (the API client) or CSV. */
export async function downloadJournal(format: 'json' | 'csv'): Promise<void> {
  const day = new Date().toISOString().slice(0, 10);
  if (format === 'json') {
    const document = await api.get<JournalExport>('/journal-entries/export?format=json');
    saveBlob(
      new Blob([JSON.stringify(document, null, 2)], { type: 'application/json' }),
      `journal-${day}.json`,
    );
    return;
  }
  await downloadFile('/journal-entries/export?format=csv', 'text/csv', `journal-${day}.csv`);
}
