import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../../shared/i18n';
import { addSite, listSites, offerableHost, removeSite } from '../../shared/sites';

/** The host a reviewer typed (a bare host or a page's address), if it is one the extension may ask for. */
function hostOfInput(text: string): string | null {
  const v = text.trim();
  if (!v) return null;
  return offerableHost(/^https?:\/\//i.test(v) ? v : `http://${v}/`);
}

/**
 * The sites read on every page load besides jinan.gov.cn (each an optional host permission the reviewer gave from
 * the popup), each with a button that takes the permission back and stops the reading. Follows permission changes
 * made elsewhere (the popup, the browser's own settings).
 */
export function Sites() {
  const [sites, setSites] = useState<string[] | null>(null);
  const [status, setStatus] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const load = () => void listSites().then(setSites);
    load();
    browser.permissions.onAdded.addListener(load);
    browser.permissions.onRemoved.addListener(load);
    return () => {
      browser.permissions.onAdded.removeListener(load);
      browser.permissions.onRemoved.removeListener(load);
    };
  }, []);
  const [draft, setDraft] = useState('');
  const add = (e: Event) => {
    e.preventDefault();
    const host = hostOfInput(draft);
    if (!host) return setStatus(t('controlSiteBad'));
    // straight from the submit: the browser asks the reviewer (its own prompt) only for a user gesture
    addSite(host).then(
      async (ok) => {
        setSites(await listSites());
        setStatus(ok ? t('controlAlwaysReadOn', host) : t('controlAlwaysReadRefused'));
        if (ok) setDraft('');
      },
      () => setStatus(t('controlAlwaysReadRefused')),
    );
  };
  const remove = (host: string) => {
    removeSite(host).then(
      async () => {
        setSites(await listSites());
        setStatus(t('controlSiteRemoved', host));
        heading.current?.focus(); // the button is gone: the focus stays in the section
      },
      () => setStatus(t('controlSiteFailed', host)),
    );
  };
  return (
    <section aria-labelledby="sites-heading" data-testid="sites">
      <h2 id="sites-heading" ref={heading} tabIndex={-1}>
        {t('controlSitesTitle')}
      </h2>
      <p class="hint">{t('controlSitesHint')}</p>
      {sites !== null && sites.length === 0 && <p class="hint">{t('controlSitesEmpty')}</p>}
      {sites !== null && sites.length > 0 && (
        <ul class="sites">
          {sites.map((host) => (
            <li key={host} data-site={host}>
              <span>{host}</span>{' '}
              <button type="button" aria-label={t('controlSiteRemoveLabel', host)} onClick={() => remove(host)}>
                {t('controlSiteRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="row" onSubmit={add}>
        <input
          type="text"
          value={draft}
          aria-label={t('controlSiteAddLabel')}
          placeholder="www.example.gov.cn"
          data-testid="site-input"
          onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
        />
        <button type="submit" data-testid="site-add">
          {t('controlSiteAdd')}
        </button>
      </form>
      <p class="hint" role="status" aria-live="polite" data-testid="sites-status">
        {status}
      </p>
    </section>
  );
}
