// What the pickers accept, checked in the browser before an upload starts (the server checks again
// from the bytes themselves): the image formats and sizes of POST /api/v1/files.
import type { FileType } from './upload';

/** Image formats the API accepts for pictures (no SVG). */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;

/** Largest picture of each type, in bytes. */
export const MAX_BYTES: Partial<Record<FileType, number>> = {
  AVATAR: 5 * 1024 * 1024,
  COVER: 10 * 1024 * 1024,
};

/** Why a chosen file cannot be sent, or null when it can. */
export function localProblem(file: File, fileType: 'AVATAR' | 'COVER'): 'type' | 'size' | null {
  if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) return 'type';
  if (file.size > (MAX_BYTES[fileType] ?? 0)) return 'size';
  return null;
}
