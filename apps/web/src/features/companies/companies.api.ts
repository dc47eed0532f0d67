// Companies: HuntZen's review (GET /companies, /companies/{id}, validate, reject) and HR's own
// company settings (GET/PATCH /me/company).
import type {
  CompanyDetail,
  CompanyList,
  CompanySettings,
  CompanyStatus,
  DomainVerified,
  RequestDomainVerification,
  UpdateCompanySettingsRequest,
} from '@huntzen/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../lib/api';
import { useAuth } from '../auth/auth-context';

export interface CompanyFilters {
  q: string;
  status: CompanyStatus | '';
}

const KEY = ['companies'] as const;
const SETTINGS_KEY = ['company-settings'] as const;

/** GET /companies with the filters, page by page (the PENDING status is the queue, oldest first). */
export function useCompanies(filters: CompanyFilters) {
  return useInfiniteQuery({
    queryKey: [...KEY, 'list', filters],
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: '20' });
      if (filters.q.trim()) query.set('q', filters.q.trim());
      if (filters.status) query.set('status', filters.status);
      if (pageParam) query.set('cursor', pageParam);
      return api.get<CompanyList>(`/companies?${query}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** GET /companies/{id}. */
export function useCompany(id: string) {
  return useQuery({
    queryKey: [...KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<CompanyDetail>(`/companies/${encodeURIComponent(id)}`, signal),
  });
}

/** POST /companies/{id}/validate or /reject; the lists and the detail follow. */
export function useCompanyDecision(id: string) {
  const queryClient = useQueryClient();
  const path = `/companies/${encodeURIComponent(id)}`;
  const done = (company: CompanyDetail) => {
    queryClient.setQueryData([...KEY, 'detail', id], company);
    return queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] });
  };
  const validate = useMutation({
    mutationFn: () => api.post<CompanyDetail>(`${path}/validate`),
    onSuccess: done,
  });
  const reject = useMutation({
    mutationFn: (reason: string) => api.post<CompanyDetail>(`${path}/reject`, { reason }),
    onSuccess: done,
  });
  return { validate, reject };
}

/** GET /me/company (HR). */
export function useCompanySettings() {
  return useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: ({ signal }) => api.get<CompanySettings>('/me/company', signal),
  });
}

/** PATCH /me/company; the session profile follows (the header shows the company's branding). */
export function useUpdateCompanySettings() {
  const queryClient = useQueryClient();
  const { reloadUser } = useAuth();
  return useMutation({
    mutationFn: (changes: UpdateCompanySettingsRequest) =>
      apiRequest<CompanySettings>('/me/company', { method: 'PATCH', body: changes }),
    onSuccess: async (settings) => {
      queryClient.setQueryData(SETTINGS_KEY, settings);
      await reloadUser();
    },
  });
}

/** POST /me/company/domains/verification (HR): emails a link to an address at a pending domain. */
export function useRequestDomainVerification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RequestDomainVerification) =>
      api.post<CompanySettings>('/me/company/domains/verification', body),
    onSuccess: (settings) => queryClient.setQueryData(SETTINGS_KEY, settings),
  });
}

/** POST /companies/{id}/domains/verify (HuntZen): vouches for a pending domain. */
export function useAdminVerifyDomain(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (domain: string) =>
      api.post<CompanyDetail>(`/companies/${encodeURIComponent(id)}/domains/verify`, { domain }),
    onSuccess: (company) => queryClient.setQueryData([...KEY, 'detail', id], company),
  });
}

/** POST /company-domains/verify (public): the link's token. */
export function confirmDomainVerification(token: string): Promise<DomainVerified> {
  return api.post<DomainVerified>('/company-domains/verify', { token });
}
