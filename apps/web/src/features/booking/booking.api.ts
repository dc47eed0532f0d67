// Booking: a practitioner's free slots for one week (GET /practitioners/{id}/slots) and the booking
// itself (POST /consultations with an Idempotency-Key, so a retried click books once).
import {
  type BookConsultationRequest,
  type Consultation,
  type FreeSlotList,
  IDEMPOTENCY_KEY_HEADER,
} from '@huntzen/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api';
import { CONSULTATIONS_KEY } from '../consultations/consultations.api';

export const SLOTS_KEY = ['booking', 'slots'] as const;

/** Free slots of `practitionerId` in [from, to) (ISO instants). */
export function useFreeSlots(practitionerId: string, from: string, to: string) {
  return useQuery({
    queryKey: [...SLOTS_KEY, practitionerId, from, to],
    queryFn: ({ signal }) => {
      const query = new URLSearchParams({ from, to });
      return apiRequest<FreeSlotList>(`/practitioners/${practitionerId}/slots?${query}`, { signal });
    },
    // The previous week stays on screen while the next one loads: no jump in the layout.
    placeholderData: keepPreviousData,
    // Slots go quickly: refetched when the employee comes back to the tab.
    staleTime: 30_000,
  });
}

/** One booking attempt: the request and the Idempotency-Key made for it. */
export interface BookingAttempt {
  request: BookConsultationRequest;
  idempotencyKey: string;
}

/** Books; success refreshes the slots and the consultation lists. */
export function useBookConsultation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ request, idempotencyKey }: BookingAttempt) =>
      apiRequest<Consultation>('/consultations', {
        method: 'POST',
        body: request,
        headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
      }),
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: SLOTS_KEY }),
        queryClient.invalidateQueries({ queryKey: CONSULTATIONS_KEY }),
      ]);
    },
  });
}
