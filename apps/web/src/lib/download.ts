// Files the API answers (CSV exports, a calendar, the GDPR zip) saved by the browser: fetched with
// the one authenticated call (lib/api's apiFetch: bearer token, one refresh on 401), since a plain
// link cannot send the token, then saved from a blob: URL.
import { apiFetch } from './api';

/** Saves `blob` as a download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
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

/**
 * Downloads GET /api/v1`path`, of media type `accept`, as a file named by the answer's
 * Content-Disposition, else `fallbackName`. Rejects with the API's ApiError.
 */
export async function downloadFile(path: string, accept: string, fallbackName: string): Promise<void> {
  const response = await apiFetch(path, { headers: { Accept: `${accept}, application/problem+json` } });
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
  saveBlob(await response.blob(), name ?? fallbackName);
}
