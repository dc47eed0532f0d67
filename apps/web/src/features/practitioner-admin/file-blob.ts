// Private files (diplomas, certificates) are served only with a bearer token, which neither an
// <iframe> nor an <img> can send: the content is fetched here, then shown from a blob: URL.
import { refreshSession } from '../../lib/api';
import { apiErrorFromResponse } from '../../lib/api-error';
import { clearSession, getAccessToken } from '../../lib/session-store';

async function get(url: string, token: string | null, signal?: AbortSignal) {
  return fetch(url, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    credentials: 'same-origin',
    signal,
  });
}

/** The content of file `id` (GET /api/v1/files/{id}/content), with one refresh on 401. */
export async function fetchFileBlob(id: string, signal?: AbortSignal): Promise<Blob> {
  const url = `/api/v1/files/${encodeURIComponent(id)}/content`;
  const token = getAccessToken();
  let response = await get(url, token, signal);
  if (response.status === 401 && token) {
    const current = getAccessToken();
    const fresh = current && current !== token ? current : (await refreshSession())?.accessToken;
    if (!fresh) {
      clearSession('expired');
      throw await apiErrorFromResponse(response);
    }
    response = await get(url, fresh, signal);
  }
  if (!response.ok) throw await apiErrorFromResponse(response);
  return response.blob();
}
