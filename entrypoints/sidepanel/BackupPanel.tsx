import { useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import { request, type NotesReplies } from '../../shared/messages';
import { exportBackup, type ImportResult, type RefusedRecord } from '../../storage/backup';
import { BACKUP_MAX_BYTES } from '../../storage/limits';
import { useAnnounce } from './announce';
import { BackupConflicts } from './BackupConflicts';
import { backupFileName, checkBackupSize, importedText, megabytes, refusalKey, refusedFieldText, refusedRecordText } from './backup-file';
import { errorText } from './errors';
import { reviewDB } from './live';

type ImportAnswer = NotesReplies['backup:import'];

type Status =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'exported'; name: string; documents: number; notes: number }
  | { kind: 'imported'; result: ImportResult; at: number }
  | { kind: 'refused'; code: string; message: string | null; path: string | null; record: RefusedRecord | null; size: string }
  | { kind: 'error'; text: string };

/**
 * The backup tab: export everything as a dated JSON download; import a backup chosen from disk (files over
 * BACKUP_MAX_BYTES are refused before they are read; the rest are validated by the background, all or
 * nothing, and merged). `persisted` (navigator.storage.persist()'s answer) is only recorded on the view: Chrome
 * answers false to extensions but never evicts an origin with unlimitedStorage, so a warning would be a
 * false alarm there.
 */
export function BackupPanel({ persisted }: { persisted: boolean | null }) {
  const announce = useAnnounce();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const input = useRef<HTMLInputElement>(null);
  const busy = status.kind === 'busy';

  const exportAll = async () => {
    setStatus({ kind: 'busy' });
    try {
      const data = await exportBackup(reviewDB());
      const name = backupFileName();
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.hidden = true;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setStatus({ kind: 'exported', name, documents: data.documents.length, notes: data.notes.length });
      announce(t('panelBackupExported', name, data.documents.length, data.notes.length));
    } catch (e) {
      setStatus({ kind: 'error', text: errorText(e) });
    }
  };

  const importFile = async (file: File) => {
    const tooBig = checkBackupSize(file.size);
    if (tooBig) {
      setStatus({ kind: 'refused', code: 'too-large', message: null, path: null, record: null, size: tooBig.size });
      return;
    }
    setStatus({ kind: 'busy' });
    try {
      const answer: ImportAnswer = await request({ type: 'backup:import', text: await file.text() });
      if (answer.ok) {
        setStatus({ kind: 'imported', result: answer.result, at: Date.now() });
        announce(importedText(answer.result));
      } else {
        const { code, message, path, record } = answer;
        setStatus({ kind: 'refused', code, message, path, record, size: megabytes(file.size) });
      }
    } catch (e) {
      setStatus({ kind: 'error', text: errorText(e) });
    }
  };

  return (
    <div class="backup-view" data-persisted={persisted === null ? 'unknown' : String(persisted)}>
      <h2>{t('panelBackupHeading')}</h2>
      <p class="hint">{t('panelBackupIntro')}</p>
      <div class="backup-actions">
        <button type="button" class="export" disabled={busy} onClick={() => void exportAll()}>
          {t('panelBackupExport')}
        </button>
        <button type="button" class="import" disabled={busy} onClick={() => input.current?.click()}>
          {t('panelBackupImport')}
        </button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="backup-file"
          onChange={(e) => {
            const el = e.target as HTMLInputElement;
            const file = el.files?.[0];
            el.value = ''; // choosing the same file again must run again
            if (file) void importFile(file);
          }}
        />
      </div>
      <p class="hint">{t('panelBackupMergeNote', megabytes(BACKUP_MAX_BYTES))}</p>
      <BackupStatus status={status} />
    </div>
  );
}

function BackupStatus({ status }: { status: Status }) {
  switch (status.kind) {
    case 'busy':
      return <p class="status">{t('panelBackupWorking')}</p>;
    case 'exported':
      return (
        <p class="status ok" data-testid="backup-status">
          {t('panelBackupExported', status.name, status.documents, status.notes)}
        </p>
      );
    case 'imported':
      return (
        <>
          <p class="status ok" data-testid="backup-status">
            {importedText(status.result)}
          </p>
          {status.result.conflicts.length > 0 && <BackupConflicts key={status.at} conflicts={status.result.conflicts} />}
        </>
      );
    case 'refused':
      return (
        <div class="status refused" role="alert" data-testid="backup-status">
          <p>
            <strong>{t('panelBackupRefused')}</strong>
          </p>
          <p>
            {status.code === 'too-large' ? t('panelBackupRefusedTooLarge', status.size, megabytes(BACKUP_MAX_BYTES)) : t(refusalKey(status.code))}
          </p>
          {status.record && <p>{refusedRecordText(status.record)}</p>}
          {status.path && <p>{refusedFieldText(status.path)}</p>}
          {status.code !== 'too-large' && <p>{t('storageBackupRefusedWhatToDo')}</p>}
          {status.message && (
            // the technical detail, for a bug report: folded away, never the message itself
            <details class="detail">
              <summary>{t('panelBackupRefusedDetail')}</summary>
              <code>{status.path ? `${status.path}: ` : ''}{status.message}</code>
            </details>
          )}
        </div>
      );
    case 'error':
      return (
        <p class="status refused" role="alert" data-testid="backup-status">
          {status.text}
        </p>
      );
    default:
      return null;
  }
}
