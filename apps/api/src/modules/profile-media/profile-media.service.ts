// Profile pictures: an employee or practitioner chooses their avatar and cover, HR its company's
// logo and cover, from files they uploaded (POST /api/v1/files, type AVATAR or COVER). The stored
// URL is the file's public content URL. A replaced picture expires and the clean-up removes it.
import { type Database, SYSTEM_ACTOR, withActor } from '@huntzen/db';
import { recordAudit } from '../../platform/audit';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { fileContentUrl } from '../files';
import type { MediaOwner, MediaSlot, MediaUrls } from './profile-media.repository';
import * as repo from './profile-media.repository';

const FILE_ID_IN_URL = /\/api\/v1\/files\/([0-9a-f-]{36})\/content$/;

/** The id of the file behind one of our content URLs (null for an outside URL, e.g. seed data). */
export function fileIdOf(url: string | null): string | null {
  return url?.match(FILE_ID_IN_URL)?.[1] ?? null;
}

/** Whose pictures a call is about: the caller's own profile, or the caller's company. */
export type MediaTarget = 'profile' | 'company';

function ownerOf(actor: RequestActor, target: MediaTarget): MediaOwner {
  if (target === 'company') {
    if (actor.companyId) return { resource: 'company', id: actor.companyId };
  } else if (actor.role === 'EMPLOYEE' && actor.employeeId) {
    return { resource: 'employee', id: actor.employeeId };
  } else if (actor.role === 'PRACTITIONER' && actor.practitionerId) {
    return { resource: 'practitioner', id: actor.practitionerId };
  }
  throw new AppError('NOT_FOUND', 'No profile to show pictures on.');
}

// The avatar slot (a company's logo) takes AVATAR files, the cover slot COVER files.
const FILE_TYPE_OF: Record<MediaSlot, 'AVATAR' | 'COVER'> = { picture: 'AVATAR', cover: 'COVER' };
const AUDIT_FIELD: Record<MediaOwner['resource'], Record<MediaSlot, string>> = {
  employee: { picture: 'avatarUrl', cover: 'coverUrl' },
  practitioner: { picture: 'avatarUrl', cover: 'coverUrl' },
  company: { picture: 'logoUrl', cover: 'coverUrl' },
};

/** Builds the profile pictures service. */
export function createProfileMediaService(deps: { db: Database; publicUrl: string }) {
  const { db } = deps;

  async function change(actor: RequestActor, target: MediaTarget, slot: MediaSlot, fileId: string | null) {
    const owner = ownerOf(actor, target);
    const { after, replaced } = await withActor(db, actor, async (tx) => {
      const before = await repo.readMedia(tx, owner);
      if (!before) throw new AppError('NOT_FOUND', 'No profile to show pictures on.');
      let url: string | null = null;
      if (fileId) {
        const file = await repo.findFile(tx, fileId);
        if (!file || file.uploadedBy !== actor.userId) {
          throw new AppError('NOT_FOUND', 'No such file among your uploads.');
        }
        if (file.fileType !== FILE_TYPE_OF[slot]) {
          throw new AppError('VALIDATION_FAILED', 'This file cannot be used here.', {
            errors: [{ path: 'body.fileId', message: `must be a file of type ${FILE_TYPE_OF[slot]}` }],
          });
        }
        if (
          file.relatedResource &&
          (file.relatedResource !== owner.resource || file.relatedId !== owner.id)
        ) {
          throw new AppError('CONFLICT', 'This picture is already used elsewhere.');
        }
        if (!(await repo.claimFile(tx, fileId, actor.userId, owner))) {
          throw new AppError('NOT_FOUND', 'This upload has expired: upload the picture again.');
        }
        url = fileContentUrl(deps.publicUrl, fileId);
      }
      if (!(await repo.writeMedia(tx, owner, slot, url))) {
        throw new AppError('FORBIDDEN', 'You cannot change these pictures.');
      }
      const field = AUDIT_FIELD[owner.resource][slot];
      await recordAudit(tx, actor, {
        action: 'UPDATE',
        resource: owner.resource,
        resourceId: owner.id,
        changesBefore: { [field]: before[slot] },
        changesAfter: { [field]: url },
      });
      const previous = fileIdOf(before[slot]);
      return { after: { ...before, [slot]: url }, replaced: previous !== fileId ? previous : null };
    });
    if (replaced) {
      // The old picture may be another HR admin's upload, which this actor cannot update: the
      // system expires it, and only if it was indeed this owner's picture.
      await withActor(db, SYSTEM_ACTOR, (tx) => repo.expireReplacedFile(tx, replaced, owner));
    }
    return after;
  }

  return {
    /** The pictures of the caller's profile or company. */
    async get(actor: RequestActor, target: MediaTarget): Promise<MediaUrls> {
      const owner = ownerOf(actor, target);
      const media = await withActor(db, actor, (tx) => repo.readMedia(tx, owner));
      if (!media) throw new AppError('NOT_FOUND', 'No profile to show pictures on.');
      return media;
    },

    /** Uses an uploaded AVATAR (slot `picture`) or COVER file as one of the pictures. */
    set(actor: RequestActor, target: MediaTarget, slot: MediaSlot, fileId: string): Promise<MediaUrls> {
      return change(actor, target, slot, fileId);
    },

    /** Takes a picture down (its file expires). */
    remove(actor: RequestActor, target: MediaTarget, slot: MediaSlot): Promise<MediaUrls> {
      return change(actor, target, slot, null);
    },
  };
}

export type ProfileMediaService = ReturnType<typeof createProfileMediaService>;
