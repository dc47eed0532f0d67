// The waitlist (/waitlist): the employee's entries, joining a practitioner's, leaving one.
import type { JoinWaitlistRequest, WaitlistEntry } from '@huntzen/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api';

export const WAITLIST_KEY = ['waitlist'] as const;

/** My waitlist entries whose range is not over. */
export function useWaitlist() {
  return useQuery({
    queryKey: WAITLIST_KEY,
    queryFn: ({ signal }) => apiRequest<{ items: WaitlistEntry[] }>('/waitlist', { signal }),
  });
}

export function useJoinWaitlist() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: JoinWaitlistRequest) =>
      apiRequest<WaitlistEntry>('/waitlist', { method: 'POST', body: request }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: WAITLIST_KEY }),
  });
}

export function useLeaveWaitlist() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(`/waitlist/${id}`, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: WAITLIST_KEY }),
  });
}
