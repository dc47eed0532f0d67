// The room page's calls: the consultation (to know when its room opens), joining and leaving.
import type { Consultation, JoinRoomResponse } from '@huntzen/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api';

/** The consultation whose room this is (its times, format and status). */
export function useRoomConsultation(id: string) {
  return useQuery({
    queryKey: ['consultations', 'one', id],
    queryFn: ({ signal }) => apiRequest<Consultation>(`/consultations/${id}`, { signal }),
    // While someone waits, a cancellation or a confirmation shows up without a reload.
    refetchInterval: 60_000,
  });
}

/** POST /consultations/:id/join: the room, the password and the Jitsi token. */
export function joinRoom(id: string): Promise<JoinRoomResponse> {
  return apiRequest<JoinRoomResponse>(`/consultations/${id}/join`, { method: 'POST', body: {} });
}

/** POST /consultations/:id/leave (recorded as ROOM_LEFT). */
export function leaveRoom(id: string): Promise<void> {
  return apiRequest<void>(`/consultations/${id}/leave`, { method: 'POST', body: {} });
}
