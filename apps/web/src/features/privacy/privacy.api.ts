// GDPR rights: the export of my data (a zip download) and the two steps of the erasure of my
// account (ask with the password and code, confirm with the e-mailed token).
import type { ErasureDone, ErasureRequest, ErasureRequested } from '@huntzen/contracts';
import { useMutation } from '@tanstack/react-query';
import { api, refreshSession } from '../../lib/api';
import { ApiError, apiErrorFromResponse } from '../../lib/api-error';
import { getAccessToken } from '../../lib/session-store';

function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked once the browser has started saving the file.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function fetchZip(token: string | null): Promise<Response> {
  try {
    return await fetch('/api/v1/me/export', {
      headers: {
        Accept: 'application/zip, application/problem+json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR');
  }
}

/**
 * Downloads the zip of all my data. It is not JSON, so it is fetched with the API client's token
 * (refreshed once on 401), as the journal's CSV and the audit exports are.
 */
export async function downloadMyData(): Promise<void> {
  let response = await fetchZip(getAccessToken());
  if (response.status === 401) {
    const session = await refreshSession();
    if (session) response = await fetchZip(session.accessToken);
  }
  if (!response.ok) throw await apiErrorFromResponse(response);
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
  save(await response.blob(), name ?? `huntzen-my-data-${new Date().toISOString().slice(0, 10)}.zip`);
}

/** POST /me/erasure: the password (and code); an e-mail with the confirmation link follows. */
export function useRequestErasure() {
  return useMutation({
    mutationFn: (body: ErasureRequest) => api.post<ErasureRequested>('/me/erasure', body),
  });
}

/** POST /me/erasure/confirm: erases the account at once. */
export function useConfirmErasure() {
  return useMutation({
    mutationFn: (token: string) => api.post<ErasureDone>('/me/erasure/confirm', { token }),
  });
}
