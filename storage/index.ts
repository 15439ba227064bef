/** The storage layer's public API: the review database, its records, the write service and backups. */
export * from './schema';
export * from './limits';
export { StorageError, type StorageErrorCode } from './errors';
export { DB_NAME, ReviewDB, SCHEMA_VERSION, SCHEMA_VERSIONS, openReviewDB, type SchemaVersion } from './db';
export { normaliseUrl, TRACKING_PARAMS } from './url';
export { normaliseTitle } from './title';
export { TAG_PALETTE } from './palette';
export type { OpenDocumentInput, PageOpen, SameTitleAsk } from './documents';
export type { TagWithCount } from './tags';
export {
  NotesService,
  type NotesServiceOptions,
  type SaveCommentResult,
  type SaveNoteResult,
  type Versioned,
} from './notes-service';
export {
  BACKUP_FORMAT,
  backupJson,
  exportBackup,
  type BackupList,
  type ExportOptions,
  type KeptRecord,
  importBackup,
  importBackupText,
  parseBackup,
  type BackupErrorCode,
  type BackupFile,
  type BackupRefusal,
  type ImportConflict,
  type ImportResult,
  type ParseOptions,
  type RefusedRecord,
  sameNoteText,
  type ParseBackupResult,
} from './backup';
