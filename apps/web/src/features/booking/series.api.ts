// Recurring series (POST /consultations/series): the same slot weekly or fortnightly, each
// occurrence booked on its own by the API; the answer says which were booked and which were taken.
import type {
  BookSeriesRequest,
  CancelSeriesAnswer,
  ConsultationSeries,
  SeriesBooking,
} from '@huntzen/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api';
import { isApiError } from '../../lib/api-error';
import { CONSULTATIONS_KEY } from '../consultations/consultations.api';
import { SLOTS_KEY } from './booking.api';

/** Books a series; success or failure refreshes the slots and the consultation lists. */
export function useBookSeries() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: BookSeriesRequest) =>
      apiRequest<SeriesBooking>('/consultations/series', { method: 'POST', body: request }),
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: SLOTS_KEY }),
        queryClient.invalidateQueries({ queryKey: CONSULTATIONS_KEY }),
      ]);
    },
  });
}

export const SERIES_KEY = ['consultations', 'series'] as const;

/** The series consultation `consultationId` belongs to; null when it is not part of one. */
export function useConsultationSeries(consultationId: string) {
  return useQuery({
    queryKey: [...SERIES_KEY, consultationId],
    queryFn: async ({ signal }) => {
      try {
        return await apiRequest<ConsultationSeries>(`/consultations/${consultationId}/series`, { signal });
      } catch (error) {
        if (isApiError(error, 'NOT_FOUND')) return null;
        throw error;
      }
    },
  });
}

/** Cancels every upcoming occurrence of a series; refreshes the consultations. */
export function useCancelSeries() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ seriesId, reason }: { seriesId: string; reason: string }) =>
      apiRequest<CancelSeriesAnswer>(`/consultations/series/${seriesId}/cancel`, {
        method: 'POST',
        body: { reason },
      }),
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: CONSULTATIONS_KEY }),
        queryClient.invalidateQueries({ queryKey: SLOTS_KEY }),
      ]);
    },
  });
}
