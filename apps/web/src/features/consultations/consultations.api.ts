// The signed-in participant's consultations (/consultations): the upcoming and past lists, one
// consultation, the lifecycle actions and the .ics download. Every action refreshes them all.
import type {
  CancelConsultationRequest,
  Consultation,
  ConsultationAction,
  ConsultationPage,
  EndConsultationRequest,
} from '@huntzen/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api';
import { downloadFile } from '../../lib/download';

export const CONSULTATIONS_KEY = ['consultations'] as const;

export type ConsultationsTab = 'upcoming' | 'past';

/** The upcoming (soonest first) or past (latest first) consultations, by pages of 20. */
export function useConsultations(when: ConsultationsTab) {
  return useInfiniteQuery({
    queryKey: [...CONSULTATIONS_KEY, 'list', when],
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ when, limit: '20' });
      if (pageParam) query.set('cursor', pageParam);
      return apiRequest<ConsultationPage>(`/consultations?${query}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** One consultation. */
export function useConsultation(id: string) {
  return useQuery({
    queryKey: [...CONSULTATIONS_KEY, 'one', id],
    queryFn: ({ signal }) => apiRequest<Consultation>(`/consultations/${id}`, { signal }),
    // A participant waits on this page for the other's confirmation or start.
    refetchInterval: 60_000,
  });
}

export interface ActionRequest {
  id: string;
  action: ConsultationAction;
  /** Cancellation (its reason), or the end (`confirmShort` for a session too short to bill). */
  body?: CancelConsultationRequest | EndConsultationRequest;
}

/** Takes a lifecycle action; success or refusal (409: the state changed) refreshes every view. */
export function useConsultationAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, body }: ActionRequest) =>
      apiRequest<Consultation>(`/consultations/${id}/${action}`, { method: 'POST', body: body ?? {} }),
    onSuccess: (consultation) => {
      queryClient.setQueryData([...CONSULTATIONS_KEY, 'one', consultation.id], consultation);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: CONSULTATIONS_KEY }),
  });
}

/** Moves a consultation to another free slot; success or refusal refreshes every view and the slots. */
export function useRescheduleConsultation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, scheduledAt }: { id: string; scheduledAt: string }) =>
      apiRequest<Consultation>(`/consultations/${id}/reschedule`, { method: 'POST', body: { scheduledAt } }),
    onSuccess: (consultation) => {
      queryClient.setQueryData([...CONSULTATIONS_KEY, 'one', consultation.id], consultation);
    },
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: CONSULTATIONS_KEY }),
        queryClient.invalidateQueries({ queryKey: ['booking', 'slots'] }),
      ]);
    },
  });
}

export function downloadCalendar(id: string): Promise<void> {
  return downloadFile(`/consultations/${id}/calendar.ics`, 'text/calendar', 'huntzen-consultation.ics');
}
