// HR's usage dashboard hooks: the thresholded figures (by month or department), the CSV download,
// the minimum group size and the counters employees chose to share.
import type { SharedUsage, UsageGroupBy, UsageInsights, UsageSettings } from '@huntzen/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../lib/api';
import { downloadFile } from '../../lib/download';

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

/** Downloads the CSV of `filters`. */
export function downloadUsageCsv(filters: UsageFilters): Promise<void> {
  return downloadFile(`/insights/usage.csv?${query(filters)}`, 'text/csv', 'usage.csv');
}
