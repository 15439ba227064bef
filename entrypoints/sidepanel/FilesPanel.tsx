import { browser } from 'wxt/browser';
import { t } from '../../shared/i18n';
import { fileUsage } from '../../storage/files';
import { useLive } from './live';

/** The file reader page's address (a new tab: the picker and drag and drop are there). */
export const readerUrl = (): string => browser.runtime.getURL('/reader.html');

/** "Open a file…": the reader page, for a draft on the disk (a PDF or .docx received by email or downloaded). */
export function OpenFileLink() {
  return (
    <p class="open-file">
      <a href={readerUrl()} target="_blank" rel="noopener" data-testid="open-file">
        {t('filesOpenFile')}
      </a>
    </p>
  );
}

/** The backup tab's line on draft files: how many are kept in the database and how much room they take. */
export function FilesUsage() {
  const usage = useLive((db) => fileUsage(db), []);
  if (usage.state !== 'ready') return null;
  const { count, bytes } = usage.value;
  const size = bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return (
    <section class="files-usage" data-testid="files-usage">
      <h2>{t('filesStorageHeading')}</h2>
      <p>{count ? t('filesStorageUsage', count, size) : t('filesStorageNone')}</p>
      <OpenFileLink />
    </section>
  );
}
