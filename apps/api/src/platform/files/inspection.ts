// The gate every upload streams through: it counts bytes (stopping the upload the moment it passes
// its type's limit) and holds back the first bytes until their content type is known and accepted,
// so nothing of a refused file is ever stored.
import { Transform, type TransformCallback } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../errors';
import { declaredTypeMatches, type FileTypeRule } from './file-types';

/** Bytes `file-type` needs to recognise the formats we accept (its own default sample size). */
export const SAMPLE_BYTES = 4100;

/** What the content turned out to be. */
export interface SniffedType {
  mime: string;
  ext: string;
}

/** Decides the type of `head` (the first bytes) or refuses it. */
export async function checkContentType(
  head: Buffer,
  rule: FileTypeRule,
  declared: string | undefined,
): Promise<SniffedType> {
  if (head.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'The file is empty.', {
      errors: [{ path: 'body.file', message: 'is empty' }],
    });
  }
  const sniffed = await fileTypeFromBuffer(head);
  if (!sniffed || !rule.mimeTypes.includes(sniffed.mime)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'This kind of file is not accepted here.');
  }
  if (!declaredTypeMatches(declared, sniffed.mime)) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `The file's content (${sniffed.mime}) does not match its declared type.`,
    );
  }
  return { mime: sniffed.mime, ext: sniffed.ext };
}

/** A pass-through that enforces `maxBytes` and checks the content type before releasing any byte. */
export class UploadInspector extends Transform {
  /** Bytes seen so far (the plaintext size once the stream has ended). */
  bytes = 0;
  /** Set once the first bytes have been checked. */
  type: SniffedType | undefined;
  private head: Buffer[] = [];
  private headBytes = 0;

  constructor(
    private readonly rule: FileTypeRule,
    private readonly declared: string | undefined,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.rule.maxBytes) {
      callback(
        new AppError(
          'PAYLOAD_TOO_LARGE',
          `The file is larger than the ${Math.floor(this.rule.maxBytes / 1024 / 1024)} MB allowed.`,
        ),
      );
      return;
    }
    if (this.type) {
      callback(null, chunk);
      return;
    }
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes < SAMPLE_BYTES) callback();
    else this.release(callback);
  }

  override _flush(callback: TransformCallback): void {
    if (this.type) callback();
    else this.release(callback);
  }

  private release(callback: TransformCallback): void {
    const head = Buffer.concat(this.head);
    this.head = [];
    checkContentType(head, this.rule, this.declared).then(
      (type) => {
        this.type = type;
        callback(null, head);
      },
      (error: unknown) => callback(error as Error),
    );
  }
}
