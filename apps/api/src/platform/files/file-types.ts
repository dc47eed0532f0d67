// What each FileType may hold: its size limit, the content types accepted (as sniffed from the
// bytes, never as declared), whether it is encrypted at rest and whether it may be shown inline.
import type { FileType } from '@huntzen/db';

const MB = 1024 * 1024;

// No SVG (a script in an image), no HTML, no Office macros: only formats browsers render passively.
const IMAGES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
const PDF = 'application/pdf';
// Chat voice notes: Chromium and Firefox record WebM/Opus (sniffed as video/webm), Safari MP4/AAC.
const AUDIO = [
  'audio/mpeg',
  'audio/ogg',
  'audio/ogg; codecs=opus',
  'audio/wav',
  'audio/mp4',
  'audio/x-m4a',
  'audio/aac',
];
const VIDEO = ['video/mp4', 'video/webm', 'video/quicktime'];

export interface FileTypeRule {
  /** Largest accepted content, in bytes. */
  maxBytes: number;
  /** Sniffed content types accepted. */
  mimeTypes: readonly string[];
  /** Stored encrypted under a per-file key (documents that may hold health or identity data). */
  encrypted: boolean;
}

/** The rules of every FileType (PRODUCT.md "Files"; chat attachments up to 10 MB). */
export const FILE_TYPE_RULES: Record<FileType, FileTypeRule> = {
  AVATAR: { maxBytes: 5 * MB, mimeTypes: IMAGES, encrypted: false },
  COVER: { maxBytes: 10 * MB, mimeTypes: IMAGES, encrypted: false },
  IMAGE: { maxBytes: 10 * MB, mimeTypes: IMAGES, encrypted: false },
  DOCUMENT: { maxBytes: 15 * MB, mimeTypes: [PDF, ...IMAGES], encrypted: true },
  DIPLOMA: { maxBytes: 15 * MB, mimeTypes: [PDF, ...IMAGES], encrypted: true },
  CERTIFICATE: { maxBytes: 15 * MB, mimeTypes: [PDF, ...IMAGES], encrypted: true },
  ATTACHMENT: { maxBytes: 10 * MB, mimeTypes: [PDF, ...IMAGES, ...AUDIO, 'video/webm'], encrypted: true },
  AUDIO: { maxBytes: 20 * MB, mimeTypes: [...AUDIO, 'video/webm'], encrypted: false },
  VIDEO: { maxBytes: 100 * MB, mimeTypes: VIDEO, encrypted: false },
};

/** The largest limit of all types: the multipart parser's own ceiling. */
export const MAX_UPLOAD_BYTES = Math.max(...Object.values(FILE_TYPE_RULES).map((r) => r.maxBytes));

/** Images are the only content shown inline; everything else downloads as an attachment. */
export function isInlineType(mimeType: string): boolean {
  return (IMAGES as readonly string[]).includes(mimeType);
}

// Names browsers and tools give the same formats, mapped to the name `file-type` reports.
const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'audio/mp3': 'audio/mpeg',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
  'audio/opus': 'audio/ogg',
  'audio/webm': 'video/webm',
  'audio/x-m4a': 'audio/mp4',
  'audio/m4a': 'audio/mp4',
  'audio/aac': 'audio/mp4',
  'video/x-m4v': 'video/mp4',
  'application/x-pdf': 'application/pdf',
};

function canonical(mimeType: string): string {
  const bare = mimeType.split(';', 1)[0]!.trim().toLowerCase();
  return ALIASES[bare] ?? bare;
}

// A client that does not know the type sends one of these: it makes no claim to contradict.
const GENERIC = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/** True when the declared Content-Type does not contradict the sniffed one. */
export function declaredTypeMatches(declared: string | undefined, sniffed: string): boolean {
  const claim = canonical(declared ?? '');
  return GENERIC.has(claim) || claim === canonical(sniffed);
}
