// One upload from the network to storage: inspected (size, content type), encrypted when its type
// requires, written under a fresh random key. On any failure nothing stays in storage.
import { finished, PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors';
import { encryptingStream } from './encryption';
import type { FileTypeRule } from './file-types';
import { type SniffedType, UploadInspector } from './inspection';
import type { FileStorage } from './storage';

export interface StoreUploadInput {
  storage: FileStorage;
  /** The file's bytes as they arrive. */
  source: Readable;
  rule: FileTypeRule;
  /** The Content-Type the client declared for the file part. */
  declaredType: string | undefined;
  /** Encrypts under this per-file key, bound to the row `fileId`. */
  encryption?: { fileId: string; key: Buffer };
}

export interface StoredUpload {
  storageKey: string;
  /** Plaintext size in bytes. */
  size: number;
  type: SniffedType;
}

/**
 * `source` as seen by the pipeline: an error of the client's stream (a body cut short, a malformed
 * part) becomes a 400, while errors of our own (storage, encryption) keep their identity.
 */
function clientStream(source: Readable): Readable {
  const guarded = new PassThrough();
  // finished() also reports a stream that failed before we got to it (while the fields were checked).
  finished(source, (error) => {
    if (!error) return;
    guarded.destroy(
      error instanceof AppError
        ? error
        : new AppError('BAD_REQUEST', 'The upload was cut short or malformed.', { cause: error }),
    );
  });
  // The pipeline failed further down: stop reading the client's stream too.
  guarded.on('close', () => {
    if (!source.readableEnded) source.destroy();
  });
  return source.pipe(guarded);
}

/** Streams `source` into storage; throws PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE or the stream's error. */
export async function storeUpload(input: StoreUploadInput): Promise<StoredUpload> {
  const storageKey = input.storage.newKey();
  const inspector = new UploadInspector(input.rule, input.declaredType);
  await input.storage.put(storageKey, async (sink) => {
    const source = clientStream(input.source);
    if (input.encryption) {
      const { fileId, key } = input.encryption;
      await pipeline(source, inspector, encryptingStream(fileId, key), sink);
    } else {
      await pipeline(source, inspector, sink);
    }
    // A parser that cuts a file at its own ceiling ends the stream early, flagged `truncated`.
    if ((input.source as { truncated?: boolean }).truncated) {
      throw new AppError('PAYLOAD_TOO_LARGE', 'The file is larger than allowed.');
    }
  });
  // The inspector has released its sample, so the type is known (an empty file was refused).
  return { storageKey, size: inspector.bytes, type: inspector.type! };
}
