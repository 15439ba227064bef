import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../../shared/i18n';
import { addSite, offerableHost, originOf } from '../../shared/sites';

/**
 * "总是在此网站上阅读": on a page outside jinan.gov.cn, asks for the permission to read this one host on every
 * page load (the browser's own prompt). Hidden on jinan.gov.cn, on pages that are not web pages, and once the
 * site is granted (then it says so).
 */
export function AlwaysRead({ url }: { url: string }) {
  const host = offerableHost(url);
  const [state, setState] = useState<'unknown' | 'offer' | 'on' | 'refused'>('unknown');
  useEffect(() => {
    if (!host) return;
    browser.permissions.contains({ origins: [originOf(host)] }).then(
      (has) => setState(has ? 'on' : 'offer'),
      () => setState('offer'),
    );
  }, [host]);
  if (!host || state === 'unknown') return null;
  if (state === 'on') {
    return (
      <p class="hint" role="status" data-testid="always-read-on">
        {t('controlAlwaysReadOn', host)}
      </p>
    );
  }
  return (
    <div class="always-read">
      <button
        type="button"
        data-testid="always-read"
        aria-describedby="always-read-hint"
        // the request goes out straight from the click: browsers prompt only for a user gesture
        onClick={() => void addSite(host).then((ok) => setState(ok ? 'on' : 'refused'), () => setState('refused'))}
      >
        {t('controlAlwaysRead')}
      </button>
      <p class="hint" id="always-read-hint">
        {state === 'refused' ? t('controlAlwaysReadRefused') : t('controlAlwaysReadHint', host)}
      </p>
    </div>
  );
}
