// The signed-in practitioner's availability (/me/availability: weekly schedule, exceptions) and
// the preview of their free slots (/practitioners/{id}/slots). Every change refreshes all three.
import type {
  AvailabilityException,
  AvailabilityExceptionList,
  AvailabilityExceptionRequest,
  FreeSlotList,
  WeeklySchedule,
  WeeklyScheduleRequest,
} from '@huntzen/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api';

export const AVAILABILITY_KEY = ['availability'] as const;

/** The weekly schedule, with the practitioner's zone, buffer and slot length. */
export function useWeeklySchedule() {
  return useQuery({
    queryKey: [...AVAILABILITY_KEY, 'schedule'],
    queryFn: ({ signal }) => apiRequest<WeeklySchedule>('/me/availability', { signal }),
  });
}

/** Upcoming exceptions (today onwards), by date: one page of up to 100 is plenty. */
export function useExceptions() {
  return useQuery({
    queryKey: [...AVAILABILITY_KEY, 'exceptions'],
    queryFn: ({ signal }) =>
      apiRequest<AvailabilityExceptionList>('/me/availability/exceptions?limit=100', { signal }),
  });
}

/** Free slots of the coming week, as employees see them (the API's default range). */
export function useSlotPreview(practitionerId: string | null | undefined) {
  return useQuery({
    queryKey: [...AVAILABILITY_KEY, 'preview', practitionerId],
    enabled: Boolean(practitionerId),
    queryFn: ({ signal }) => apiRequest<FreeSlotList>(`/practitioners/${practitionerId}/slots`, { signal }),
  });
}

// `onSaved` runs here rather than in mutate()'s callbacks: the refetch may remount the form
// (it restarts from the saved schedule), and mutate()'s callbacks die with the component.
function useRefreshing<V, R>(mutationFn: (variables: V) => Promise<R>, onSaved?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      onSaved?.();
      await queryClient.invalidateQueries({ queryKey: AVAILABILITY_KEY });
    },
  });
}

/** Replaces the weekly schedule. */
export function useSaveSchedule(onSaved?: () => void) {
  return useRefreshing(
    (body: WeeklyScheduleRequest) => apiRequest<WeeklySchedule>('/me/availability', { method: 'PUT', body }),
    onSaved,
  );
}

/** Adds an exception. */
export function useAddException() {
  return useRefreshing((body: AvailabilityExceptionRequest) =>
    apiRequest<AvailabilityException>('/me/availability/exceptions', { method: 'POST', body }),
  );
}

/** Removes an exception. */
export function useDeleteException() {
  return useRefreshing((id: string) =>
    apiRequest<void>(`/me/availability/exceptions/${id}`, { method: 'DELETE' }),
  );
}
