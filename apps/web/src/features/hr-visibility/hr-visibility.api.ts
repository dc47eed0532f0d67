// "What my HR sees" hooks: the page's answer and the sharing switch.
import type { HrSharing, HrVisibility } from '@huntzen/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../lib/api';

const ROOT = ['hr-visibility'] as const;

/** GET /me/hr-visibility. */
export function useHrVisibility() {
  return useQuery({
    queryKey: ROOT,
    queryFn: ({ signal }) => api.get<HrVisibility>('/me/hr-visibility', signal),
  });
}

/** PUT /me/hr-sharing; the page is read again after. */
export function useUpdateHrSharing() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (shareUsageWithHr: boolean) =>
      apiRequest<HrSharing>('/me/hr-sharing', { method: 'PUT', body: { shareUsageWithHr } }),
    onSettled: () => client.invalidateQueries({ queryKey: ROOT }),
  });
}
