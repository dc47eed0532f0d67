// Multipart upload to POST /api/v1/files. The JSON client (lib/api) sends JSON only; this sends a
// FormData with the same bearer token and the same single refresh-and-retry on 401.
import { refreshSession } from '../../lib/api';
import { ApiError, apiErrorFromResponse } from '../../lib/api-error';
import { clearSession, getAccessToken } from '../../lib/session-store';

export type FileType =
  | 'AVATAR'
  | 'COVER'
  | 'DOCUMENT'
  | 'IMAGE'
  | 'VIDEO'
  | 'AUDIO'
  | 'ATTACHMENT'
  | 'CERTIFICATE'
  | 'DIPLOMA';

/** The API's description of a stored file. */
export interface FileMetadata {
  id: string;
  originalName: string;
  mimeType: string;
  size: number;
  fileType: FileType;
  isPublic: boolean;
  url: string;
  createdAt: string;
  expiresAt: string | null;
}

export interface UploadOptions {
  relatedResource?: string;
  relatedId?: string;
  signal?: AbortSignal;
}

async function send(body: FormData, token: string | null, signal?: AbortSignal): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': document.documentElement.lang || 'fr',
  };
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    // No Content-Type: the browser writes the multipart boundary itself.
    return await fetch('/api/v1/files', {
      method: 'POST',
      headers,
      body,
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK_ERROR');
  }
}

/** Uploads `file` as `fileType`; resolves with its metadata or rejects with an ApiError. */
export async function uploadFile(
  file: File,
  fileType: FileType,
  options: UploadOptions = {},
): Promise<FileMetadata> {
  const form = new FormData();
  // The fields before the file: the server reads them first to know the size limit.
  form.append('fileType', fileType);
  if (options.relatedResource) form.append('relatedResource', options.relatedResource);
  if (options.relatedId) form.append('relatedId', options.relatedId);
  form.append('file', file, file.name);

  const token = getAccessToken();
  let response = await send(form, token, options.signal);
  if (response.status === 401 && token) {
    const current = getAccessToken();
    const fresh = current && current !== token ? current : (await refreshSession())?.accessToken;
    if (!fresh) {
      clearSession('expired');
      throw await apiErrorFromResponse(response);
    }
    response = await send(form, fresh, options.signal);
  }
  if (!response.ok) throw await apiErrorFromResponse(response);
  return (await response.json()) as FileMetadata;
}
