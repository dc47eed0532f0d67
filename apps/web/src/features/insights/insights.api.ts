// HR's usage dashboard hooks: the thresholded figures (by month or department), the CSV download,
// the minimum group size and the counters employees chose to share.
import type { SharedUsage, UsageGroupBy, UsageInsights, UsageSettings } from '@huntzen/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, refreshSession } from '../../lib/api';
import { ApiError, apiErrorFromResponse } from '../../lib/api-error';
import { getAccessToken } from '../../lib/session-store';

export interface UsageFilters {
  from: string;
  to: string;
  groupBy: UsageGroupBy;
}

const ROOT = ['insights'] as const;

function query(filters: UsageFilters): string {
  return new URLSearchParams({ from: filters.from, to: filters.to, groupBy: filters.groupBy }).toString();
}

/** GET /insights/usage. */
export function useUsage(filters: UsageFilters) {
  return useQuery({
    queryKey: [...ROOT, 'usage', filters],
    queryFn: ({ signal }) => api.get<UsageInsights>(`/insights/usage?${query(filters)}`, signal),
    placeholderData: (previous) => previous,
  });
}

/** GET /insights/settings. */
export function useUsageSettings() {
  return useQuery({
    queryKey: [...ROOT, 'settings'],
    queryFn: ({ signal }) => api.get<UsageSettings>('/insights/settings', signal),
  });
}

/** PUT /insights/settings; the figures change with it. */
export function useUpdateUsageSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (minGroupSize: number) =>
      apiRequest<UsageSettings>('/insights/settings', { method: 'PUT', body: { minGroupSize } }),
    onSettled: () => client.invalidateQueries({ queryKey: ROOT }),
  });
}

/** GET /insights/shared-usage. */
export function useSharedUsage() {
  return useQuery({
    queryKey: [...ROOT, 'shared'],
    queryFn: ({ signal }) => api.get<SharedUsage>('/insights/shared-usage', signal),
  });
}

async function fetchCsv(path: string, token: string | null): Promise<Response> {
  try {
    return await fetch(`/api/v1${path}`, {
      headers: {
        Accept: 'text/csv, application/problem+json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR');
  }
}

/** Downloads the CSV of `filters` (CSV is not JSON: fetched with the same token, refreshed once on 401). */
export async function downloadUsageCsv(filters: UsageFilters): Promise<void> {
  const path = `/insights/usage.csv?${query(filters)}`;
  let response = await fetchCsv(path, getAccessToken());
  if (response.status === 401) {
    const session = await refreshSession();
    if (session) response = await fetchCsv(path, session.accessToken);
  }
  if (!response.ok) throw await apiErrorFromResponse(response);
  const name =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'usage.csv';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked once the browser has started saving the file.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
