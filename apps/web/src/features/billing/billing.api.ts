// Billing (/api/v1/billing): HuntZen's admins list, validate and bill; HR (own company) and admins
// dispute. Filters live in the page's URL; every change refreshes every billing view.
import type {
  BillingCount,
  BillingPage,
  BillingStatus,
  BillingSummary,
  CompanyBillingPage,
} from '@huntzen/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../lib/api';

export const BILLING_KEY = ['billing'] as const;

/** The filters as kept in the URL. */
export interface BillingFilters {
  month: string;
  status: BillingStatus;
  companyId: string;
  practitionerId: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const STATUSES: readonly BillingStatus[] = ['PENDING', 'VALIDATED', 'BILLED', 'DISPUTED'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The current UTC month, `YYYY-MM` (billing months are UTC, like the API). */
export function currentMonth(now = new Date()): string {
  return now.toISOString().slice(0, 7);
}

/** The filters of a page URL (malformed values fall back to the defaults). */
export function filtersFromUrl(params: URLSearchParams): BillingFilters {
  const month = params.get('month') ?? '';
  const status = params.get('status') ?? '';
  const companyId = params.get('companyId') ?? '';
  const practitionerId = params.get('practitionerId') ?? '';
  return {
    month: MONTH.test(month) ? month : currentMonth(),
    status: (STATUSES as readonly string[]).includes(status) ? (status as BillingStatus) : 'PENDING',
    companyId: UUID.test(companyId) ? companyId : '',
    practitionerId: UUID.test(practitionerId) ? practitionerId : '',
  };
}

/** The URL query of `filters` (defaults left out but the month). */
export function filtersToUrl(filters: BillingFilters): URLSearchParams {
  const params = new URLSearchParams({ month: filters.month });
  if (filters.status !== 'PENDING') params.set('status', filters.status);
  if (filters.companyId) params.set('companyId', filters.companyId);
  if (filters.practitionerId) params.set('practitionerId', filters.practitionerId);
  return params;
}

/** The month's totals and who has bills in it. */
export function useBillingSummary(month: string) {
  return useQuery({
    queryKey: [...BILLING_KEY, 'summary', month],
    queryFn: ({ signal }) => api.get<BillingSummary>(`/billing/summary?month=${month}`, signal),
  });
}

/** The bills of the filters, 50 a page, oldest first. */
export function useBills(filters: BillingFilters) {
  return useInfiniteQuery({
    queryKey: [...BILLING_KEY, 'list', filters],
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ month: filters.month, status: filters.status, limit: '50' });
      if (filters.companyId) query.set('companyId', filters.companyId);
      if (filters.practitionerId) query.set('practitionerId', filters.practitionerId);
      if (pageParam) query.set('cursor', pageParam);
      return api.get<BillingPage>(`/billing/consultations?${query}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** HR: the company's bills of a month. */
export function useCompanyBills(month: string) {
  return useInfiniteQuery({
    queryKey: [...BILLING_KEY, 'company', month],
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ month, limit: '50' });
      if (pageParam) query.set('cursor', pageParam);
      return api.get<CompanyBillingPage>(`/billing/company?${query}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export type BillingChange =
  | { kind: 'validate'; ids: string[] }
  | { kind: 'bill'; ids: string[] }
  | { kind: 'validate-month'; month: string; companyId?: string; practitionerId?: string }
  | { kind: 'dispute'; id: string; reason: string };

function send(change: BillingChange): Promise<BillingCount> {
  const post = (path: string, body: unknown) => apiRequest<BillingCount>(path, { method: 'POST', body });
  switch (change.kind) {
    case 'validate':
      return change.ids.length === 1
        ? post(`/billing/consultations/${change.ids[0]}/validate`, {})
        : post('/billing/consultations/validate', { ids: change.ids });
    case 'bill':
      return change.ids.length === 1
        ? post(`/billing/consultations/${change.ids[0]}/bill`, {})
        : post('/billing/consultations/bill', { ids: change.ids });
    case 'validate-month':
      return post(`/billing/months/${change.month}/validate`, {
        ...(change.companyId ? { companyId: change.companyId } : {}),
        ...(change.practitionerId ? { practitionerId: change.practitionerId } : {}),
      });
    case 'dispute':
      return post(`/billing/consultations/${change.id}/dispute`, { reason: change.reason });
  }
}

/** One billing change; success or refusal (someone else changed it) reloads every billing view. */
export function useBillingChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSettled: () => queryClient.invalidateQueries({ queryKey: BILLING_KEY }),
  });
}
