// What an upload's fields mean: its type, what it is linked to, who will read it, whether it is
// temporary. Checked before a byte of the file is stored (files.policy.ts has the rules).
import { type Database, type FileType, withActor } from '@huntzen/db';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import {
  PUBLIC_TYPES,
  RELATED_RULES,
  REQUIRED_RESOURCE,
  type RelatedResource,
  UNCLAIMED_MEDIA_TTL_MS,
  UPLOADERS,
} from './files.policy';
import * as repo from './files.repository';
import { UploadFieldsSchema } from './files.schemas';

/** How an accepted upload will be stored and who will read it. */
export interface UploadPlan {
  fileType: FileType;
  relatedResource: RelatedResource | null;
  relatedId: string | null;
  isPublic: boolean;
  allowedRoles: RequestActor['role'][];
  expiresAt: Date | null;
}

/** A VALIDATION_FAILED error about one field of an upload. */
export function invalidUpload(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', 'The upload is invalid; see `errors`.', {
    errors: [{ path, message }],
  });
}

/** Validates the fields sent before the file and decides how it will be kept. */
export async function planUpload(
  db: Database,
  actor: RequestActor,
  fields: Record<string, string>,
): Promise<UploadPlan> {
  // Its type sets the file's size limit, so it must be known when the file arrives.
  if (!('fileType' in fields)) throw invalidUpload('body.fileType', 'is required, before the file');
  const parsed = UploadFieldsSchema.safeParse(fields);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'The upload is invalid; see `errors`.', {
      errors: parsed.error.issues.map((issue) => ({
        path: ['body', ...issue.path.map(String), ...('keys' in issue ? [issue.keys[0]] : [])].join('.'),
        message: issue.message,
      })),
    });
  }
  const { fileType } = parsed.data;
  if (!UPLOADERS[fileType].includes(actor.role)) {
    throw new AppError('FORBIDDEN', `Your role cannot upload ${fileType} files.`);
  }
  const resource = parsed.data.relatedResource ?? REQUIRED_RESOURCE[fileType] ?? null;
  let relatedId = parsed.data.relatedId ?? null;
  if (!resource) {
    if (relatedId) throw invalidUpload('body.relatedResource', 'is required with relatedId');
    const isPublic = PUBLIC_TYPES.includes(fileType);
    // An avatar or cover is claimed by a profile (PUT /me/media/…) or goes away.
    const expiresAt = isPublic ? new Date(Date.now() + UNCLAIMED_MEDIA_TTL_MS) : null;
    return { fileType, relatedResource: null, relatedId: null, isPublic, allowedRoles: [], expiresAt };
  }
  const rule = RELATED_RULES[resource];
  if (!rule.fileTypes.includes(fileType)) {
    throw invalidUpload('body.relatedResource', `cannot hold ${fileType} files`);
  }
  if (REQUIRED_RESOURCE[fileType] && REQUIRED_RESOURCE[fileType] !== resource) {
    throw invalidUpload(
      'body.relatedResource',
      `${fileType} files belong to a ${REQUIRED_RESOURCE[fileType]}`,
    );
  }
  if (!rule.uploaders.includes(actor.role)) {
    throw new AppError('FORBIDDEN', `Your role cannot add files to a ${resource}.`);
  }
  if (rule.idRequired && !relatedId) throw invalidUpload('body.relatedId', 'is required');
  if (resource === 'practitioner') {
    if (relatedId && relatedId !== actor.practitionerId) {
      throw invalidUpload('body.relatedId', 'must be your own practitioner profile');
    }
    relatedId = actor.practitionerId ?? null;
  }
  if (resource === 'consultation') {
    const participant = await withActor(db, actor, (tx) =>
      repo.isConsultationParticipant(tx, actor, relatedId!),
    );
    if (!participant) throw new AppError('NOT_FOUND', 'No such consultation.');
  }
  return {
    fileType,
    relatedResource: resource,
    relatedId,
    isPublic: rule.isPublic,
    allowedRoles: [...rule.readers],
    expiresAt: null,
  };
}
