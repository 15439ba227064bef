import { useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import { request, type NotesReplies } from '../../shared/messages';
import { backupJson, exportBackup, type ImportResult, type KeptRecord, type RefusedRecord } from '../../storage/backup';
import { fileUsage } from '../../storage/files';
import { BACKUP_MAX_BYTES } from '../../storage/limits';
import { useAnnounce } from './announce';
import { BackupConflicts } from './BackupConflicts';
import {
  backupFileName,
  checkBackupSize,
  exportTooLarge,
  filesChoice,
  importedText,
  keptLines,
  megabytes,
  refusalKey,
  refusedFieldText,
  refusedRecordText,
  sizeText,
} from './backup-file';
import { errorText } from './errors';
import { useLive } from './live';
import { reviewDB } from './live-db';

type ImportAnswer = NotesReplies['backup:import'];

type Status =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'exported'; name: string; documents: number; notes: number; files: number | null }
  | { kind: 'export-too-large'; size: string; max: string }
  | { kind: 'imported'; result: ImportResult; at: number }
  | { kind: 'refused'; code: string; message: string | null; path: string | null; record: RefusedRecord | null; size: string }
  | { kind: 'error'; text: string };

/**
 * The backup tab: export everything as a dated JSON download, the draft files' bytes included when the
 * reviewer ticks the box (ticked at first when they fit under BACKUP_MAX_BYTES; disabled with the reason when
 * they cannot; a backup that ends up over the limit is not downloaded, since it could never be imported);
 * import a backup chosen from disk (files over
 * BACKUP_MAX_BYTES are refused before they are read; the rest are validated by the background, all or
 * nothing, and merged). `persisted` (navigator.storage.persist()'s answer) is only recorded on the view: Chrome
 * answers false to extensions but never evicts an origin with unlimitedStorage, so a warning would be a
 * false alarm there.
 */
export function BackupPanel({ persisted, maxBytes = BACKUP_MAX_BYTES }: { persisted: boolean | null; /** The backup limit (tests lower it). */ maxBytes?: number }) {
  const announce = useAnnounce();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const input = useRef<HTMLInputElement>(null);
  const busy = status.kind === 'busy';
  const usage = useLive((db) => fileUsage(db), []);
  const files = usage.state === 'ready' ? usage.value : { count: 0, bytes: 0 };
  const choice = filesChoice(files.bytes, maxBytes);
  // null: the reviewer has not chosen; the files go in when they fit
  const [include, setInclude] = useState<boolean | null>(null);
  const withFiles = files.count > 0 && choice.fits && (include ?? true);
  /** Whether an export now carries the files: as the box says, or (not counted yet) as its default would. */
  const exportFiles = async (): Promise<{ files: boolean; count: number }> => {
    if (usage.state === 'ready') return { files: withFiles, count: files.count };
    const u = await fileUsage(reviewDB());
    return { files: u.count > 0 && filesChoice(u.bytes, maxBytes).fits && (include ?? true), count: u.count };
  };

  const exportAll = async () => {
    setStatus({ kind: 'busy' });
    try {
      const want = await exportFiles();
      const data = await exportBackup(reviewDB(), { files: want.files });
      const blob = new Blob([backupJson(data)], { type: 'application/json' });
      const over = exportTooLarge(blob.size, maxBytes);
      if (over && want.files) {
        setStatus({ kind: 'export-too-large', ...over });
        return;
      }
      const name = backupFileName();
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.hidden = true;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      const exported = { kind: 'exported' as const, name, documents: data.documents.length, notes: data.notes.length, files: want.count > 0 ? (data.files?.length ?? 0) : null };
      setStatus(exported);
      announce(exportedText(exported));
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
      {files.count > 0 && (
        <fieldset class="backup-files" data-testid="backup-files">
          <legend>{t('backupFilesHeading')}</legend>
          <p data-testid="backup-files-usage">{t('backupFilesUsage', files.count, sizeText(files.bytes))}</p>
          <label>
            <input
              type="checkbox"
              data-testid="backup-include-files"
              checked={withFiles}
              disabled={busy || !choice.fits}
              aria-describedby="backup-files-why"
              onChange={(e) => setInclude((e.target as HTMLInputElement).checked)}
            />
            {t('backupFilesInclude')}
          </label>
          <p class="hint" id="backup-files-why" data-testid="backup-files-why">
            {!choice.fits
              ? t('backupFilesTooLarge', choice.encoded, megabytes(maxBytes))
              : withFiles
                ? ''
                : t('backupFilesLeftOut')}
          </p>
        </fieldset>
      )}
      <p class="hint">{t('panelBackupMergeNote', megabytes(BACKUP_MAX_BYTES))}</p>
      <BackupStatus status={status} />
    </div>
  );
}

/** "已导出 …:2 份意见稿,3 条笔记" and, when files are kept, whether the backup has them. */
function exportedText(s: Extract<Status, { kind: 'exported' }>): string {
  const text = t('panelBackupExported', s.name, s.documents, s.notes);
  if (s.files === null) return text;
  return `${text} ${s.files > 0 ? t('backupExportedWithFiles', s.files) : t('backupExportedWithoutFiles')}`;
}

function BackupStatus({ status }: { status: Status }) {
  switch (status.kind) {
    case 'busy':
      return <p class="status">{t('panelBackupWorking')}</p>;
    case 'exported':
      return (
        <p class="status ok" data-testid="backup-status">
          {exportedText(status)}
        </p>
      );
    case 'export-too-large':
      return (
        <p class="status refused" role="alert" data-testid="backup-status">
          {t('backupExportTooLarge', status.size, status.max)}
        </p>
      );
    case 'imported':
      return (
        <>
          <p class="status ok" data-testid="backup-status">
            {importedText(status.result)}
          </p>
          {status.result.kept.length > 0 && <BackupKept kept={status.result.kept} />}
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

/** The version records an import did not use because this browser's differ, named by their drafts' titles. */
function BackupKept({ kept }: { kept: KeptRecord[] }) {
  const ids = [...new Set(kept.flatMap((k) => (k.kind === 'versionText' ? [k.theirs.documentId] : [k.theirs.from, k.theirs.to])))];
  const titles = useLive(async (db) => new Map((await db.documents.bulkGet(ids)).map((d, i) => [ids[i]!, d?.title ?? null])), [ids.join(' ')]);
  if (titles.state !== 'ready') return null;
  return (
    <details class="backup-kept" data-testid="backup-kept">
      <summary>{t('backupKeptHeading')}</summary>
      <ul>
        {keptLines(kept, (id) => titles.value.get(id)).map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
    </details>
  );
}
