// Uploading, describing, downloading and deleting files. Contents stream between the network and
// storage (never whole in memory); rows go through the actor's row-level security; what the
// database lets through is narrowed by files.policy.ts; anything not readable is "not found".
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Multipart } from '@fastify/multipart';
import { DecryptionError, type FieldCipher } from '@huntzen/crypto';
import { type Actor, type Database, type File as FileRow, type Tx, withActor } from '@huntzen/db';
import type { FastifyBaseLogger } from 'fastify';
import { recordAudit } from '../../platform/audit';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import {
  decryptedStream,
  FILE_TYPE_RULES,
  FileDecryptionError,
  type FileStorage,
  newFileKey,
  type StoredUpload,
  safeOriginalName,
  storeUpload,
  unwrapFileKey,
  wrapFileKey,
} from '../../platform/files';
import { mayDelete, mayRead } from './files.policy';
import * as repo from './files.repository';
import type { FileMetadata } from './files.schemas';
import { invalidUpload, planUpload, type UploadPlan } from './files.upload-plan';
import { partsOf } from './multipart-parts';

export interface FilesServiceDeps {
  db: Database;
  storage: FileStorage;
  cipher: FieldCipher;
  publicUrl: string;
  logger: FastifyBaseLogger;
}

const notFound = () => new AppError('NOT_FOUND', 'No such file.');

/** The public address of a file's content. */
export function fileContentUrl(publicUrl: string, id: string): string {
  return `${publicUrl}/api/v1/files/${id}/content`;
}

/** Logs that the stored object of file `fileId` failed authentication (its id only). */
export function logIntegrityAlert(logger: FastifyBaseLogger, fileId: string): void {
  logger.error({ alert: 'FILE_INTEGRITY', fileId }, 'encrypted file failed authentication');
}

/** The name a download is offered under: a public file's uploaded name stays with its uploader. */
export function downloadName(file: FileRow): string {
  return file.isPublic ? `${file.fileType.toLowerCase()}${path.extname(file.filename)}` : file.originalName;
}

/** Builds the files service. */
export function createFilesService(deps: FilesServiceDeps) {
  const { db, storage, cipher } = deps;

  /**
   * What `actor` may know of a readable file. Another person's public image (an avatar, a logo) is
   * read by anyone: its content and type, never its uploaded name or what it is linked to.
   */
  const describe = (actor: Actor, row: FileRow): FileMetadata => {
    const full = toMetadata(row);
    if (!row.isPublic || mayDelete(actor, row)) return full;
    const {
      originalName: _name,
      relatedResource: _resource,
      relatedId: _id,
      expiresAt: _exp,
      ...shown
    } = full;
    return shown;
  };

  const toMetadata = (row: FileRow): FileMetadata => ({
    id: row.id,
    originalName: row.originalName,
    mimeType: row.mimeType,
    size: row.size,
    fileType: row.fileType,
    isPublic: row.isPublic,
    relatedResource: row.relatedResource,
    relatedId: row.relatedId,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    url: fileContentUrl(deps.publicUrl, row.id),
  });

  /** The row `id` if `actor` may read it; NOT_FOUND otherwise (existence is never revealed). */
  async function findReadable(tx: Tx, actor: Actor, id: string): Promise<FileRow> {
    const row = await repo.findFile(tx, id);
    if (!row || (row.expiresAt && row.expiresAt.getTime() <= Date.now())) throw notFound();
    const participant =
      row.fileType === 'ATTACHMENT' && row.relatedResource === 'consultation' && row.relatedId
        ? await repo.isConsultationParticipant(tx, actor, row.relatedId)
        : false;
    if (!mayRead(actor, row, participant)) throw notFound();
    return row;
  }

  return {
    /**
     * Stores the one file of a multipart upload. The fields must come before the file: its type
     * decides the size limit before a byte is stored.
     */
    async upload(actor: RequestActor, parts: AsyncIterable<Multipart>): Promise<FileMetadata> {
      const fields: Record<string, string> = {};
      let received:
        | { id: string; plan: UploadPlan; stored: StoredUpload; key?: Buffer; originalName: string }
        | undefined;
      try {
        for await (const part of partsOf(parts)) {
          if (part.type === 'field') {
            if (received) throw invalidUpload(`body.${part.fieldname}`, 'must come before the file');
            if (part.fieldname in fields) throw invalidUpload(`body.${part.fieldname}`, 'is given twice');
            fields[part.fieldname] = typeof part.value === 'string' ? part.value : JSON.stringify(part.value);
            continue;
          }
          if (part.fieldname !== 'file')
            throw invalidUpload(`body.${part.fieldname}`, 'send the file as `file`');
          const plan = await planUpload(db, actor, fields);
          const rule = FILE_TYPE_RULES[plan.fileType];
          const id = randomUUID();
          const key = rule.encrypted ? newFileKey() : undefined;
          const stored = await storeUpload({
            storage,
            source: part.file,
            rule,
            declaredType: part.mimetype,
            encryption: key ? { fileId: id, key } : undefined,
          });
          const originalName = safeOriginalName(
            part.filename,
            `${plan.fileType.toLowerCase()}.${stored.type.ext}`,
          );
          received = { id, plan, stored, key, originalName };
        }
        if (!received) {
          await planUpload(db, actor, fields); // the fields' own errors first, if any
          throw invalidUpload('body.file', 'is required');
        }
        const { id, plan, stored, key, originalName } = received;
        return await withActor(db, actor, async (tx) => {
          const row = await repo.insertFile(tx, {
            id,
            uploadedBy: actor.userId,
            userRole: actor.role,
            companyId: actor.companyId ?? null,
            filename: `${stored.storageKey}.${stored.type.ext}`,
            originalName,
            mimeType: stored.type.mime,
            size: stored.size,
            path: stored.storageKey,
            isEncrypted: Boolean(key),
            encryptionKey: key ? wrapFileKey(cipher, id, key) : null,
            fileType: plan.fileType,
            relatedResource: plan.relatedResource,
            relatedId: plan.relatedId,
            isPublic: plan.isPublic,
            allowedRoles: plan.allowedRoles,
            expiresAt: plan.expiresAt,
          });
          await recordAudit(tx, actor, {
            action: 'UPLOAD',
            resource: 'file',
            resourceId: id,
            // The name stays out: a chat attachment's name may say more than it should.
            details: {
              fileType: row.fileType,
              mimeType: row.mimeType,
              size: row.size,
              relatedResource: row.relatedResource,
            },
            isSensitive: row.isEncrypted,
          });
          return toMetadata(row);
        });
      } catch (error) {
        if (received) {
          await storage.delete(received.stored.storageKey).catch((err: unknown) => {
            deps.logger.error({ err, fileId: received?.id }, 'stored upload left behind');
          });
        }
        throw error;
      }
    },

    /** A readable file's description. */
    async metadata(actor: Actor, id: string): Promise<FileMetadata> {
      return withActor(db, actor, async (tx) => describe(actor, await findReadable(tx, actor, id)));
    },

    /** A readable file and its content (decrypted); downloads of non-public files are audited. */
    async open(actor: Actor, id: string): Promise<{ file: FileRow; content: Readable }> {
      const file = await withActor(db, actor, async (tx) => {
        const row = await findReadable(tx, actor, id);
        if (!row.isPublic) {
          await recordAudit(tx, actor, {
            action: 'DOWNLOAD',
            resource: 'file',
            resourceId: row.id,
            companyId: row.companyId,
            details: { fileType: row.fileType },
            isSensitive: row.isEncrypted,
          });
        }
        return row;
      });
      if (!file.isEncrypted) return { file, content: await storage.get(file.path) };
      if (!file.encryptionKey) throw new AppError('INTERNAL', `file ${file.id} is encrypted without a key`);
      try {
        const key = unwrapFileKey(cipher, file.id, file.encryptionKey);
        return { file, content: await decryptedStream(storage, file.path, file.id, key) };
      } catch (error) {
        // A key moved from another row, or stored bytes changed: nothing was sent yet.
        if (!(error instanceof DecryptionError || error instanceof FileDecryptionError)) throw error;
        logIntegrityAlert(deps.logger, file.id);
        throw new AppError('CONTENT_UNREADABLE', 'This file cannot be read: it failed its integrity check.');
      }
    },

    /** Deletes a file (its uploader, or a platform admin); the images it was are taken down. */
    async remove(actor: RequestActor, id: string): Promise<void> {
      const file = await withActor(db, actor, async (tx) => {
        const row = await repo.findFile(tx, id);
        if (!row) throw notFound();
        const participant =
          row.fileType === 'ATTACHMENT' && row.relatedId
            ? await repo.isConsultationParticipant(tx, actor, row.relatedId)
            : false;
        if (!mayRead(actor, row, participant)) throw notFound();
        // Someone else's file, even one they may read, is "not found", as an unknown id is.
        if (!mayDelete(actor, row)) throw notFound();
        await repo.clearImageReferences(tx, row);
        if (!(await repo.deleteFile(tx, id))) throw notFound();
        await recordAudit(tx, actor, {
          action: 'DELETE',
          resource: 'file',
          resourceId: id,
          companyId: row.companyId,
          details: { fileType: row.fileType },
        });
        return row;
      });
      // After the commit: a failed transaction must not leave a row without its content.
      await storage.delete(file.path).catch((err: unknown) => {
        deps.logger.error({ err, fileId: id }, 'deleted file content left in storage');
      });
    },
  };
}

export type FilesService = ReturnType<typeof createFilesService>;
