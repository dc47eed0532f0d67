// The practitioner's clinical notes: those of a consultation, the patient file, the notes still to
// write, and the writes (create, autosaved edits, signature, addenda). Every write refreshes them.
import type {
  ClinicalNote,
  ClinicalNoteAddendum,
  ConsultationNotes,
  CreateClinicalNoteRequest,
  NotesToWrite,
  PatientFile,
  UpdateClinicalNoteRequest,
} from '@huntzen/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { apiRequest } from '../../lib/api';
import { ApiError } from '../../lib/api-error';
import { errorMessage } from '../../lib/form';

export const CLINICAL_NOTES_KEY = ['clinical-notes'] as const;

/** The caller's notes of consultation `consultationId`. */
export function useConsultationNotes(consultationId: string) {
  return useQuery({
    queryKey: [...CLINICAL_NOTES_KEY, 'consultation', consultationId],
    queryFn: ({ signal }) =>
      apiRequest<ConsultationNotes>(`/consultations/${consultationId}/clinical-notes`, { signal }),
    // Each read is an audit row: no refetch on focus, the editor owns the draft meanwhile.
    refetchOnWindowFocus: false,
  });
}

/** The patient file of `employeeId`, newest first, by pages of 20. */
export function usePatientFile(employeeId: string) {
  return useInfiniteQuery({
    queryKey: [...CLINICAL_NOTES_KEY, 'patient', employeeId],
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ employeeId, limit: '20' });
      if (pageParam) query.set('cursor', pageParam);
      return apiRequest<PatientFile>(`/me/clinical-notes?${query}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchOnWindowFocus: false,
  });
}

/** The completed consultations still without a signed note, latest first. */
export function useNotesToWrite(enabled = true) {
  return useInfiniteQuery({
    queryKey: [...CLINICAL_NOTES_KEY, 'to-write'],
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: '20' });
      if (pageParam) query.set('cursor', pageParam);
      return apiRequest<NotesToWrite>(`/me/clinical-notes/to-write?${query}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: CLINICAL_NOTES_KEY });
}

/** Starts a draft note on consultation `consultationId`. */
export function useCreateNote(consultationId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateClinicalNoteRequest) =>
      apiRequest<ClinicalNote>(`/consultations/${consultationId}/clinical-notes`, { method: 'POST', body }),
    onSettled: invalidate,
  });
}

/** Saves a draft (autosave): the lists are not refetched, the editor keeps its own text. */
export function useUpdateNote(id: string) {
  return useMutation({
    mutationFn: (body: UpdateClinicalNoteRequest) =>
      apiRequest<ClinicalNote>(`/clinical-notes/${id}`, { method: 'PATCH', body }),
  });
}

/** Signs a note. */
export function useSignNote(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => apiRequest<ClinicalNote>(`/clinical-notes/${id}/sign`, { method: 'POST', body: {} }),
    onSettled: invalidate,
  });
}

/** Adds an addendum to a signed note. */
export function useAddAddendum(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (content: string) =>
      apiRequest<ClinicalNoteAddendum>(`/clinical-notes/${id}/addenda`, {
        method: 'POST',
        body: { content },
      }),
    onSettled: invalidate,
  });
}

/** A refusal in words, with this feature's own codes. */
export function noteErrorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError && (error.code === 'NOTE_SIGNED' || error.code === 'CONTENT_UNREADABLE')) {
    return t(`clinicalNotes.errors.${error.code}`);
  }
  return errorMessage(error, t);
}
