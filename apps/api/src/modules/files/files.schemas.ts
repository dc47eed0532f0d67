// Request and response shapes of /api/v1/files (validation and the OpenAPI document).
import { fileTypeEnum } from '@huntzen/db';
import { z } from 'zod';
import { RELATED_RESOURCES } from './files.policy';

export const FileTypeSchema = z.enum(fileTypeEnum.enumValues);

/** The text fields of an upload; they must come before the file part. */
export const UploadFieldsSchema = z.strictObject({
  fileType: FileTypeSchema,
  relatedResource: z.enum(RELATED_RESOURCES).optional(),
  relatedId: z.uuid().optional(),
});
export type UploadFields = z.infer<typeof UploadFieldsSchema>;

/** The multipart body, for the documentation only (the handler reads the stream itself). */
export const UploadBodySchema = UploadFieldsSchema.extend({
  file: z.string().meta({ format: 'binary', description: 'The file, after the other fields' }),
}).meta({
  description:
    'multipart/form-data: the fields first, then one `file` part. Size and accepted types depend on ' +
    '`fileType` (AVATAR 5 MB, COVER/IMAGE/ATTACHMENT 10 MB, DOCUMENT/DIPLOMA/CERTIFICATE 15 MB, ' +
    "AUDIO 20 MB, VIDEO 100 MB); the type is read from the content and must match the part's Content-Type.",
});

export const FileMetadataSchema = z
  .object({
    id: z.uuid(),
    // Absent from another person's public image (avatar, cover, logo): only what showing it needs.
    originalName: z.string().optional(),
    mimeType: z.string().describe('Detected from the content'),
    size: z.number().int().describe('Bytes'),
    fileType: FileTypeSchema,
    isPublic: z.boolean(),
    relatedResource: z.string().nullable().optional(),
    relatedId: z.string().nullable().optional(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().nullable().optional().describe('Removed after this time unless claimed'),
    url: z.url().describe('Where the content is downloaded'),
  })
  .meta({ id: 'FileMetadata' });
export type FileMetadata = z.infer<typeof FileMetadataSchema>;

export const FileIdParamsSchema = z.object({ id: z.uuid() });
