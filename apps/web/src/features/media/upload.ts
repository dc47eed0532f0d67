// Multipart upload to POST /api/v1/files: a FormData through the one authenticated call (lib/api's
// apiFetch: bearer token, one refresh on 401), whose answer is the file's metadata.
import { apiFetch } from '../../lib/api';

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

  // No Content-Type: the browser writes the multipart boundary itself.
  const response = await apiFetch('/files', { method: 'POST', body: form, signal: options.signal });
  return (await response.json()) as FileMetadata;
}
