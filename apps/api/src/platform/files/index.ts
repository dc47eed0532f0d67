// Files: local storage with random object names, per-type limits and content sniffing, encryption
// at rest of sensitive types, and the hourly removal of expired files. Importing this registers
// the `cleanup_expired_files` job.
export {
  CHUNK_BYTES,
  decryptedStream,
  encryptedSize,
  FileDecryptionError,
  newFileKey,
  unwrapFileKey,
  VERIFIED_UPFRONT_BYTES,
  wrapFileKey,
} from './encryption';
export {
  declaredTypeMatches,
  FILE_TYPE_RULES,
  type FileTypeRule,
  isInlineType,
  MAX_UPLOAD_BYTES,
} from './file-types';
export { EXPIRY_BATCH, removeExpiredFiles, removeExpiredFilesTask } from './files.jobs';
export { checkContentType, SAMPLE_BYTES, type SniffedType } from './inspection';
export { contentDisposition, MAX_NAME_LENGTH, safeOriginalName } from './names';
export {
  type ByteRange,
  createLocalFileStorage,
  type FileStorage,
  StoredObjectMissingError,
} from './storage';
export { type StoredUpload, type StoreUploadInput, storeUpload } from './store-upload';
