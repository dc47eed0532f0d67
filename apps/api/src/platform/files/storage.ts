// Where file contents live. The interface is small enough for an object store (S3 and the like:
// put a stream, ranged reads, delete); the local implementation keeps them under DATA_DIR/files.
// Keys are random and made here: no part of a stored object's path ever comes from a user.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** A byte range, both ends inclusive (as in HTTP Range and `fs.createReadStream`). */
export interface ByteRange {
  start: number;
  end?: number;
}

export interface FileStorage {
  /** A new random key (128 bits, hex). */
  newKey(): string;
  /**
   * Stores what `write` pipes into the sink under `key`. The object appears only when `write`
   * resolves; if it rejects, nothing is left behind. Returns the number of bytes stored.
   */
  put(key: string, write: (sink: Writable) => Promise<void>): Promise<number>;
  /** Reads an object (or a range of it); throws StoredObjectMissingError when there is none. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  /** Size of an object in bytes; throws StoredObjectMissingError when there is none. */
  size(key: string): Promise<number>;
  /** Removes an object; removing a missing one is not an error (clean-ups may run twice). */
  delete(key: string): Promise<void>;
}

/** The stored object of a file row is gone (deleted by hand, lost disk): an operator's problem. */
export class StoredObjectMissingError extends Error {
  constructor(key: string) {
    super(`stored object ${key} is missing`);
    this.name = 'StoredObjectMissingError';
  }
}

const KEY = /^[0-9a-f]{32}$/;

/** The storage under `dataDir/files`: objects spread over 256 folders by their first two hex digits. */
export function createLocalFileStorage(dataDir: string): FileStorage {
  const root = path.resolve(dataDir, 'files');

  // Keys come from our own rows, but a tampered row must not point outside the folder either.
  function objectPath(key: string): string {
    if (!KEY.test(key)) throw new Error('invalid storage key');
    return path.join(root, key.slice(0, 2), key);
  }

  async function missingAsError<T>(key: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StoredObjectMissingError(key);
      throw error;
    }
  }

  return {
    newKey: () => randomBytes(16).toString('hex'),

    async put(key, write) {
      const target = objectPath(key);
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      // Written beside its final name, then renamed: a reader never sees half an object.
      const partial = `${target}.${randomBytes(6).toString('hex')}.part`;
      const sink = createWriteStream(partial, { flags: 'wx', mode: 0o600 });
      try {
        await write(sink);
        if (!sink.closed) await once(sink, 'close');
        await rename(partial, target);
        return sink.bytesWritten;
      } catch (error) {
        // The file is opened asynchronously: wait until it is closed, or an upload refused before
        // the open completed would leave an empty partial file behind.
        sink.destroy();
        if (!sink.closed) await new Promise<void>((resolve) => sink.once('close', () => resolve()));
        await rm(partial, { force: true });
        throw error;
      }
    },

    async get(key, range) {
      const handle = await missingAsError(key, () => open(objectPath(key), 'r'));
      return handle.createReadStream({ start: range?.start, end: range?.end, autoClose: true });
    },

    async size(key) {
      return (await missingAsError(key, () => stat(objectPath(key)))).size;
    },

    async delete(key) {
      await rm(objectPath(key), { force: true });
    },
  };
}
