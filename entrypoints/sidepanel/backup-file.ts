/**
 * The backup file as the side panel handles it: its name, the size check done before reading a chosen file,
 * and the import's answers (counts, refusals, the record and field at fault) in the reviewer's words. No DOM.
 */
import { t, type MessageKey } from '../../shared/i18n';
import type { BackupList, ImportResult, KeptRecord, RefusedRecord } from '../../storage/backup';
import { BACKUP_MAX_BYTES } from '../../storage/limits';

/** The download's file name: regdraft-backup-YYYY-MM-DD.json, in the local date of `now`. */
export function backupFileName(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `regdraft-backup-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}

/** Megabytes with one decimal (20971520 → "20.0"), for messages about file sizes. */
export function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

/**
 * Returns null when a file of `bytes` may be read and sent for import, else the refusal to show (the file is
 * never read: a 50 MB file must not be loaded into the panel's memory only to be refused).
 */
export function checkBackupSize(bytes: number, max: number = BACKUP_MAX_BYTES): { code: 'too-large'; size: string; max: string } | null {
  return bytes > max ? { code: 'too-large', size: megabytes(bytes), max: megabytes(max) } : null;
}

const REFUSAL_KEYS: Record<string, MessageKey> = {
  'too-large': 'panelBackupRefusedTooLarge',
  'not-json': 'panelBackupRefusedNotJson',
  'wrong-format': 'panelBackupRefusedFormat',
  'wrong-version': 'panelBackupRefusedVersion',
  invalid: 'panelBackupRefusedInvalid',
};

/** The message key explaining a refusal code of backup:import (an unknown code reads as 'invalid'). */
export function refusalKey(code: string): MessageKey {
  return Object.hasOwn(REFUSAL_KEYS, code) ? REFUSAL_KEYS[code]! : 'panelBackupRefusedInvalid';
}

/** What an import did, in words: added, identical, merged documents, and how many differ (the reviewer chooses). */
export function importedText(r: ImportResult): string {
  const counts = t('storageBackupImported', r.added, r.identical, r.conflicts.length);
  const merged = r.updated > 0 ? ` ${t('storageBackupMerged', r.updated)}` : '';
  const kept = r.kept.length > 0 ? ` ${t('backupKept', r.kept.length)}` : '';
  const differ = r.conflicts.length > 0 ? ` ${t('storageBackupConflictsFollow')}` : '';
  return counts + merged + kept + differ;
}

const RECORD_KEYS: Record<BackupList, MessageKey> = {
  notes: 'storageRefusedNote',
  comments: 'storageRefusedComment',
  documents: 'storageRefusedDocument',
  tags: 'storageRefusedTag',
  versionTexts: 'backupRefusedVersionText',
  versionLinks: 'backupRefusedVersionLink',
  fateOverrides: 'backupRefusedFateOverride',
  files: 'backupRefusedFile',
};

/** The refused record named for the reviewer: "第 2 条笔记(第三条:“建议将…”)". */
export function refusedRecordText(r: RefusedRecord): string {
  const what = [r.label, r.text && `“${r.text}”`].filter(Boolean).join(':');
  return t(RECORD_KEYS[r.list], r.index + 1, what || t('storageRefusedUnnamed'));
}

const FIELD_KEYS: Record<string, MessageKey> = {
  revision: 'storageFieldRevision',
  stance: 'storageFieldStance',
  tags: 'storageFieldTags',
  suggestion: 'storageFieldText',
  reason: 'storageFieldText',
  comment: 'storageFieldText',
  text: 'storageFieldText',
  id: 'storageFieldId',
  documentId: 'storageFieldDocument',
  createdAt: 'storageFieldTime',
  updatedAt: 'storageFieldTime',
  deleted: 'storageFieldTime',
  exportedAt: 'storageFieldTime',
  article: 'storageFieldArticle',
  number: 'storageFieldArticle',
  label: 'storageFieldArticle',
  excerpt: 'storageFieldArticle',
  passage: 'storageFieldPassage',
  url: 'storageFieldUrl',
  urls: 'storageFieldUrl',
  color: 'storageFieldColor',
  name: 'storageFieldTags',
  from: 'backupFieldVersionDocument',
  to: 'backupFieldVersionDocument',
  fate: 'backupFieldFate',
  noteId: 'storageFieldId',
  carried: 'backupFieldCarried',
  articles: 'backupFieldVersionArticles',
  savedAt: 'storageFieldTime',
};

/** Fields whose name means something else in the files list (a file's `name` is not a tag). */
const FILE_FIELD_KEYS: Record<string, MessageKey> = {
  sha256: 'backupFieldFileBytes',
  bytes: 'backupFieldFileBytes',
  size: 'backupFieldFileBytes',
  name: 'backupFieldFileName',
  kind: 'backupFieldFileKind',
  source: 'storageFieldUrl',
  notice: 'storageFieldUrl',
};

/** The field a refusal is about, in words ("修订号"), from its JSON path (`notes[1].revision`); generic when unknown. */
export function refusedFieldText(path: string): string {
  const names = path.split(/[.[\]]/).filter((p) => p !== '' && !/^\d+$/.test(p));
  const keys = names[0] === 'files' ? FILE_FIELD_KEYS : FIELD_KEYS;
  // the innermost field the reviewer would recognise (`article.number` → the article)
  for (let i = names.length - 1; i >= 0; i--) {
    const name = names[i]!;
    if (Object.hasOwn(keys, name)) return t('storageRefusedField', t(keys[name]!));
  }
  return t('storageRefusedField', t('storageFieldOther'));
}

/** A size for the reviewer: "850 KB" under a megabyte (at least 1 KB), else "4.2 MB". */
export function sizeText(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${megabytes(bytes)} MB`;
}

/** Bytes of `n` bytes written as base64 in a backup. */
export const base64Bytes = (n: number): number => 4 * Math.ceil(n / 3);

/**
 * Whether the draft files (`bytes` in all) may go into a backup of at most `max` bytes: they do when their
 * base64 fits under the limit (the box starts ticked), else they cannot (the box is off and disabled, and
 * `encoded` says why). The rest of the backup is measured at export (see exportTooLarge).
 */
export function filesChoice(bytes: number, max: number = BACKUP_MAX_BYTES): { fits: boolean; encoded: string } {
  const encoded = base64Bytes(bytes);
  return { fits: encoded <= max, encoded: megabytes(encoded) };
}

/** Null when a backup of `bytes` (UTF-8) can be imported again, else its size and the limit in MB. */
export function exportTooLarge(bytes: number, max: number = BACKUP_MAX_BYTES): { size: string; max: string } | null {
  return bytes > max ? { size: megabytes(bytes), max: megabytes(max) } : null;
}

const FATE_KEYS: Record<string, MessageKey> = {
  adopted: 'versionsFateAdopted',
  modified: 'versionsFateModified',
  unchanged: 'versionsFateUnchanged',
  deleted: 'versionsFateDeleted',
};

/**
 * One line per version record the import left out because this browser's differs, its documents named by
 * `title` (the local title, or "无标题"): which text, link or overruled fate, and why.
 */
export function keptLines(kept: readonly KeptRecord[], title: (documentId: string) => string | null | undefined): string[] {
  const name = (id: string) => title(id) || t('storageRefusedUnnamed');
  return kept.map((k) => {
    if (k.kind === 'versionText') return t('backupKeptText', name(k.theirs.documentId));
    const pair = [name(k.theirs.from), name(k.theirs.to)] as const;
    if (k.kind === 'versionLink') return t('backupKeptLink', ...pair);
    if (k.mine !== null && 'fate' in k.mine) return t('backupKeptFate', ...pair, t(FATE_KEYS[k.mine.fate]!), t(FATE_KEYS[k.theirs.fate]!));
    return t('backupKeptFateNoLink', ...pair);
  });
}
