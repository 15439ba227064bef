import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { kindFromName } from '../../files/detect';
import { t } from '../../shared/i18n';

/**
 * The popup's file actions: on a tab showing a PDF (its address, which the click's activeTab grant lets the popup
 * see), "open this PDF in the reviewer"; always, "open a file…" (the reader page's picker and drop zone).
 */
export function FileActions({ tabId }: { tabId: number | null }) {
  const [pdf, setPdf] = useState<string | null>(null);
  useEffect(() => {
    void (async () => {
      const tab = tabId !== null ? await browser.tabs.get(tabId) : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
      const url = tab?.url ?? '';
      setPdf(/^https?:/.test(url) && kindFromName(url) === 'pdf' ? url : null);
    })().catch(() => undefined);
  }, [tabId]);
  const open = (query: string) => void browser.tabs.create({ url: browser.runtime.getURL(`/reader.html${query}` as '/reader.html') }).then(() => window.close());
  return (
    <div class="file-actions">
      {pdf && (
        <button type="button" data-testid="open-pdf" onClick={() => open(`?${new URLSearchParams({ src: pdf, name: decodeURIComponent(pdf.replace(/[?#].*$/, '').replace(/^.*\//, '')) })}`)}>
          {t('filesOpenThisPdf')}
        </button>
      )}
      <button type="button" class="link" data-testid="open-file" onClick={() => open('')}>
        {t('filesOpenFile')}
      </button>
    </div>
  );
}
