// The practitioner's application and public profile (GET/PATCH /me/practitioner, /listing,
// /submit) and their documents: uploaded with POST /files, listed and removed here.
import type {
  PractitionerApplication,
  PractitionerDocumentType,
  PractitionerProfileUpdate,
} from '@huntzen/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api';
import { uploadFile } from '../media/upload';

const KEY = ['practitioner-application'] as const;
const PATH = '/me/practitioner';

/** The signed-in practitioner's application. */
export function useMyApplication() {
  return useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => apiRequest<PractitionerApplication>(PATH, { signal }),
  });
}

/** A mutation whose answer is the new application. */
function useApplicationMutation<V>(send: (variables: V) => Promise<PractitionerApplication>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (application) => queryClient.setQueryData(KEY, application),
  });
}

/** Saves profile fields (only those given). */
export function useUpdateProfile() {
  return useApplicationMutation((body: PractitionerProfileUpdate) =>
    apiRequest<PractitionerApplication>(PATH, { method: 'PATCH', body }),
  );
}

/** Pauses or resumes the listing or new clients. */
export function useUpdateListing() {
  return useApplicationMutation((body: { isActive?: boolean; isAcceptingNewClients?: boolean }) =>
    apiRequest<PractitionerApplication>(`${PATH}/listing`, { method: 'PATCH', body }),
  );
}

/** Sends the application for review. */
export function useSubmitApplication() {
  return useApplicationMutation(() =>
    apiRequest<PractitionerApplication>(`${PATH}/submit`, { method: 'POST', body: {} }),
  );
}

/** Uploads a document; diplomas and certificates belong to the practitioner by type, others by link. */
export function useUploadDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, fileType }: { file: File; fileType: PractitionerDocumentType }) =>
      uploadFile(file, fileType, fileType === 'DOCUMENT' ? { relatedResource: 'practitioner' } : {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

/** Removes one of the practitioner's documents. */
export function useRemoveDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest<void>(`${PATH}/documents/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
