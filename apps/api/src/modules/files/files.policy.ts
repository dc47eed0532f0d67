// Who may upload which file, what it may be linked to, and who may read or delete it. The database
// decides first (files_read/files_delete policies); these rules narrow what it lets through.
import { HUNTZEN_ADMINS, isHuntzenAdmin, ROLES } from '@huntzen/contracts';
import type { Actor, FileType, UserRole } from '@huntzen/db';

/** The roles that may upload each type. */
export const UPLOADERS: Record<FileType, readonly UserRole[]> = {
  AVATAR: ROLES,
  COVER: ROLES,
  IMAGE: ROLES,
  DOCUMENT: ROLES,
  AUDIO: ROLES,
  // 100 MB each: content of the platform and of practitioners, not of every account.
  VIDEO: [...HUNTZEN_ADMINS, 'PRACTITIONER'],
  DIPLOMA: ['PRACTITIONER'],
  CERTIFICATE: ['PRACTITIONER'],
  ATTACHMENT: ['EMPLOYEE', 'PRACTITIONER'],
};

export const RELATED_RESOURCES = ['consultation', 'practitioner', 'article', 'news'] as const;
export type RelatedResource = (typeof RELATED_RESOURCES)[number];

interface RelatedRule {
  /** The types that may be linked to this kind of resource. */
  fileTypes: readonly FileType[];
  /** Who may link a file to it. */
  uploaders: readonly UserRole[];
  /** Roles that read its files besides the uploader (`files.allowed_roles`, within the tenant). */
  readers: readonly UserRole[];
  /** Its files are readable by anyone, anonymous included. */
  isPublic: boolean;
  /** A `relatedId` must be given (and is checked). */
  idRequired: boolean;
}

/** What linking a file to each kind of resource means. */
export const RELATED_RULES: Record<RelatedResource, RelatedRule> = {
  // Chat attachments: the consultation's two participants, never HR or admins.
  consultation: {
    fileTypes: ['ATTACHMENT'],
    uploaders: ['EMPLOYEE', 'PRACTITIONER'],
    readers: [],
    isPublic: false,
    idRequired: true,
  },
  // A practitioner's diplomas and documents: the practitioner and the admins who check them.
  practitioner: {
    fileTypes: ['DIPLOMA', 'CERTIFICATE', 'DOCUMENT'],
    uploaders: ['PRACTITIONER'],
    readers: HUNTZEN_ADMINS,
    isPublic: false,
    idRequired: false,
  },
  // Article media are public pages' content.
  article: {
    fileTypes: ['IMAGE', 'AUDIO', 'VIDEO'],
    uploaders: HUNTZEN_ADMINS,
    readers: [],
    isPublic: true,
    idRequired: false,
  },
  // Company news images: the company's employees and HR.
  news: {
    fileTypes: ['IMAGE'],
    uploaders: ['ADMIN_RH'],
    readers: ['EMPLOYEE', 'ADMIN_RH'],
    isPublic: false,
    idRequired: false,
  },
};

/** The resource a type is always linked to (a diploma is a practitioner's, an attachment a consultation's). */
export const REQUIRED_RESOURCE: Partial<Record<FileType, RelatedResource>> = {
  ATTACHMENT: 'consultation',
  DIPLOMA: 'practitioner',
  CERTIFICATE: 'practitioner',
};

/** Avatars and covers are shown in `<img>` tags, which cannot send a token: they are public. */
export const PUBLIC_TYPES: readonly FileType[] = ['AVATAR', 'COVER'];

/** An avatar or cover not claimed by a profile within this time is removed (files.jobs.ts). */
export const UNCLAIMED_MEDIA_TTL_MS = 24 * 3600 * 1000;

/** The fields of a file row the read and delete rules look at. */
export interface FileAccessFacts {
  uploadedBy: string;
  fileType: FileType;
  isPublic: boolean;
  allowedRoles: readonly UserRole[];
}

/**
 * May `actor` read a file the database let them see? `isParticipant`: the actor takes part in the
 * consultation the file is linked to (only asked for attachments).
 */
export function mayRead(actor: Actor, file: FileAccessFacts, isParticipant: boolean): boolean {
  if (file.isPublic) return true;
  if (!actor.userId) return false;
  // Health data: the consultation's employee and practitioner, whatever else a row says.
  if (file.fileType === 'ATTACHMENT') {
    const participant = isParticipant || file.uploadedBy === actor.userId;
    return (actor.role === 'EMPLOYEE' || actor.role === 'PRACTITIONER') && participant;
  }
  if (file.uploadedBy === actor.userId) return true;
  return actor.role !== 'ANONYMOUS' && actor.role !== 'SYSTEM' && file.allowedRoles.includes(actor.role);
}

/** May `actor` delete a file they can read? Its uploader, or a platform admin (not attachments). */
export function mayDelete(actor: Actor, file: FileAccessFacts): boolean {
  if (file.uploadedBy === actor.userId) return true;
  return isHuntzenAdmin(actor.role) && file.fileType !== 'ATTACHMENT';
}
