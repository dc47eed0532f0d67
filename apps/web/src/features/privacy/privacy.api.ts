// GDPR rights: the export of my data (a zip download) and the two steps of the erasure of my
// account (ask with the password and code, confirm with the e-mailed token).
import type { ErasureDone, ErasureRequest, ErasureRequested } from '@huntzen/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { downloadFile } from '../../lib/download';

/** Downloads the zip of all my data. */
export function downloadMyData(): Promise<void> {
  const day = new Date().toISOString().slice(0, 10);
  return downloadFile('/me/export', 'application/zip', `huntzen-my-data-${day}.zip`);
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
