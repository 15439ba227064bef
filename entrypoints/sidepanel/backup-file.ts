/**
 * The backup file as the side panel handles it: its name, the size check done before reading a chosen file,
 * and the refusal codes in the reviewer's words. Pure: no DOM, no browser APIs.
 */
import type { MessageKey } from '../../shared/i18n';
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
  return REFUSAL_KEYS[code] ?? 'panelBackupRefusedInvalid';
}
