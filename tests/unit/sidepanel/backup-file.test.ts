import { describe, expect, test } from 'vitest';
import { backupFileName, checkBackupSize, megabytes, refusalKey } from '../../../entrypoints/sidepanel/backup-file';
import { errorKey } from '../../../entrypoints/sidepanel/errors';
import { BACKUP_MAX_BYTES } from '../../../storage/limits';

describe('the backup file in the panel', () => {
  test('the download is named with the local date', () => {
    expect(backupFileName(new Date(2024, 2, 5, 23, 59))).toBe('regdraft-backup-2024-03-05.json');
    expect(backupFileName(new Date(2025, 11, 31))).toBe('regdraft-backup-2025-12-31.json');
  });

  test('a file over the limit is refused before it is read; at the limit it is not', () => {
    expect(checkBackupSize(BACKUP_MAX_BYTES)).toBeNull();
    expect(checkBackupSize(0)).toBeNull();
    expect(checkBackupSize(50 * 1024 * 1024)).toEqual({ code: 'too-large', size: '50.0', max: megabytes(BACKUP_MAX_BYTES) });
    expect(checkBackupSize(BACKUP_MAX_BYTES + 1)?.code).toBe('too-large');
    expect(megabytes(BACKUP_MAX_BYTES)).toBe('20.0');
  });

  test('every refusal code of the importer and every request error has its own words; unknown ones fall back', () => {
    const refusals = ['too-large', 'not-json', 'wrong-format', 'wrong-version', 'invalid'].map(refusalKey);
    expect(new Set(refusals).size).toBe(5);
    expect(refusalKey('something-new')).toBe('panelBackupRefusedInvalid');
    const errors = ['quota', 'closed', 'unreachable', 'not-found', 'invalid', 'too-large', 'internal'].map(errorKey);
    expect(new Set(errors).size).toBe(7);
    expect(errorKey('weird')).toBe('panelErrorInternal');
  });
});
