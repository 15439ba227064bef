import { useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import { request, type NotesReplies } from '../../shared/messages';
import { exportBackup } from '../../storage/backup';
import { BACKUP_MAX_BYTES } from '../../storage/limits';
import { useAnnounce } from './announce';
import { backupFileName, checkBackupSize, megabytes, refusalKey } from './backup-file';
import { errorText } from './errors';
import { reviewDB } from './live';

type ImportAnswer = NotesReplies['backup:import'];

type Status =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'exported'; name: string; documents: number; notes: number }
  | { kind: 'imported'; added: number; updated: number; skipped: number }
  | { kind: 'refused'; code: string; message: string | null; path: string | null; size: string }
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
      setStatus({ kind: 'refused', code: 'too-large', message: null, path: null, size: tooBig.size });
      return;
    }
    setStatus({ kind: 'busy' });
    try {
      const answer: ImportAnswer = await request({ type: 'backup:import', text: await file.text() });
      if (answer.ok) {
        setStatus({ kind: 'imported', ...answer.result });
        announce(t('panelBackupImported', answer.result.added, answer.result.updated, answer.result.skipped));
      } else {
        setStatus({ kind: 'refused', code: answer.code, message: answer.message, path: answer.path, size: megabytes(file.size) });
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
        <p class="status ok" data-testid="backup-status">
          {t('panelBackupImported', status.added, status.updated, status.skipped)}
        </p>
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
          {status.path && (
            <p>
              {t('panelBackupRefusedPath')} <code>{status.path}</code>
            </p>
          )}
          {status.message && (
            <p class="detail">
              {t('panelBackupRefusedDetail')} <code>{status.message}</code>
            </p>
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
