// Admin analytics (/api/v1/insights/billing) and the e-mail queue (/api/v1/email-queue), for
// HuntZen's admins. Filters live in the page's URL; CSV exports are fetched with the bearer token
// and saved as a file.
import type {
  BillingInsights,
  BillingInsightsOptions,
  EmailQueueItem,
  EmailQueuePage,
  EmailQueueSummary,
  EmailStatus,
  PlatformFigures,
} from '@huntzen/contracts';
import { EMAIL_STATUSES } from '@huntzen/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { downloadFile } from '../../lib/download';

/** The analytics filters as kept in the URL ('' = not filtered). */
export interface AnalyticsFilters {
  month: string;
  companyId: string;
  practitionerId: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filters of a page URL (malformed values are ignored). */
export function filtersFromUrl(params: URLSearchParams): AnalyticsFilters {
  const month = params.get('month') ?? '';
  const companyId = params.get('companyId') ?? '';
  const practitionerId = params.get('practitionerId') ?? '';
  return {
    month: MONTH.test(month) ? month : '',
    companyId: UUID.test(companyId) ? companyId : '',
    practitionerId: UUID.test(practitionerId) ? practitionerId : '',
  };
}

/** The query (page URL and API alike) of `filters`, empty ones left out. */
export function filtersToQuery(filters: AnalyticsFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.month) params.set('month', filters.month);
  if (filters.companyId) params.set('companyId', filters.companyId);
  if (filters.practitionerId) params.set('practitionerId', filters.practitionerId);
  return params;
}

/** The figures of `filters`, and the detailed rows 50 at a time. */
export function useBillingInsights(filters: AnalyticsFilters) {
  return useInfiniteQuery({
    queryKey: ['insights', 'billing', filters],
    queryFn: ({ pageParam, signal }) => {
      const query = filtersToQuery(filters);
      query.set('limit', '50');
      if (pageParam) query.set('cursor', pageParam);
      return api.get<BillingInsights>(`/insights/billing?${query}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** The platform's size and every consultation by status per month (a query of its own: a scan). */
export function usePlatformFigures(filters: AnalyticsFilters) {
  return useQuery({
    queryKey: ['insights', 'platform', filters],
    queryFn: ({ signal }) =>
      api.get<PlatformFigures>(`/insights/platform?${filtersToQuery(filters)}`, signal),
  });
}

/** The companies and practitioners the filters offer. */
export function useBillingInsightsOptions() {
  return useQuery({
    queryKey: ['insights', 'billing', 'options'],
    queryFn: ({ signal }) => api.get<BillingInsightsOptions>('/insights/billing/options', signal),
    staleTime: 60_000,
  });
}

/** Downloads the CSV export of `filters` as a file. */
export function downloadAnalyticsCsv(filters: AnalyticsFilters): Promise<void> {
  return downloadFile(
    `/insights/billing.csv?${filtersToQuery(filters)}`,
    'text/csv',
    'huntzen-analytics.csv',
  );
}

// ---------------------------------------------------------------- e-mail queue

const QUEUE_KEY = ['email-queue'] as const;

/** The status shown by the e-mail queue page, from its URL (FAILED by default). */
export function queueStatusFromUrl(params: URLSearchParams): EmailStatus {
  const status = params.get('status') ?? '';
  return (EMAIL_STATUSES as readonly string[]).includes(status) ? (status as EmailStatus) : 'FAILED';
}

/** Counts by status. */
export function useEmailQueueSummary() {
  return useQuery({
    queryKey: [...QUEUE_KEY, 'summary'],
    queryFn: ({ signal }) => api.get<EmailQueueSummary>('/email-queue/summary', signal),
  });
}

/** The e-mails of `status`, 20 at a time, newest first. */
export function useEmailQueue(status: EmailStatus) {
  return useInfiniteQuery({
    queryKey: [...QUEUE_KEY, 'list', status],
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ status, limit: '20' });
      if (pageParam) query.set('cursor', pageParam);
      return api.get<EmailQueuePage>(`/email-queue?${query}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Sends a FAILED e-mail again; every queue view is refreshed after. */
export function useRetryEmail() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<EmailQueueItem>(`/email-queue/${id}/retry`),
    onSettled: () => client.invalidateQueries({ queryKey: QUEUE_KEY }),
  });
}
