// Private files (diplomas, certificates) are served only with a bearer token, which neither an
// <iframe> nor an <img> can send: the content is fetched here, then shown from a blob: URL.
import { apiFetch } from '../../lib/api';

/** The content of file `id` (GET /api/v1/files/{id}/content). */
export async function fetchFileBlob(id: string, signal?: AbortSignal): Promise<Blob> {
  const response = await apiFetch(`/files/${encodeURIComponent(id)}/content`, {
    signal,
    headers: { Accept: '*/*' },
  });
  return response.blob();
}
