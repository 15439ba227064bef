import { useId, useMemo, useState } from 'preact/hooks';
import { SITE_FORM_LIMITS, formLength, siteFormNotes, siteFormParts, type Letter } from '../letter';
import { t } from '../shared/i18n';
import { CopyButton } from './CopyButton';

/** Only http(s) addresses become links; anything else the notice wrote is shown as text. */
const linkable = (url: string) => /^https?:\/\/[^\s<>"]+$/i.test(url);

/**
 * The letter for the website's own comment form: the form's address when the notice gives one, each note as a
 * short text (条款, 修改意见, 理由) with a copy button, and the whole letter as plain text in numbered parts within
 * the character limit the reviewer picks (500, 1,000, 2,000 or their own), each part with a copy button.
 */
export function SiteForm({ letter, web }: { letter: Letter; web: string | null }) {
  const [preset, setPreset] = useState<number | 'custom'>(SITE_FORM_LIMITS[0]);
  const [custom, setCustom] = useState('800');
  const ids = { limit: useId(), custom: useId() };
  const limit = preset === 'custom' ? Number(custom) : preset;
  const valid = Number.isFinite(limit) && limit >= 50;
  const notes = useMemo(() => siteFormNotes(letter), [letter]);
  const parts = useMemo(() => (valid ? siteFormParts(letter, limit) : []), [letter, limit, valid]);

  return (
    <details class="export-group site-form" data-testid="site-form">
      <summary>{t('letterSiteForm')}</summary>
      <p class="export-hint">{t('letterSiteFormHint')}</p>
      {web !== null && (
        <p class="site-form-address" data-testid="site-form-address">
          {t('letterSiteFormAddress')}
          {linkable(web) ? (
            <a href={web} target="_blank" rel="noopener noreferrer">
              {web}
            </a>
          ) : (
            <span>{web}</span>
          )}
        </p>
      )}

      <h3 class="site-form-heading">{t('letterSiteFormNotes')}</h3>
      <ol class="site-form-notes" data-testid="site-form-notes">
        {notes.map((n) => (
          <li key={n.noteId}>
            <pre class="site-form-text">{n.text}</pre>
            <CopyButton text={n.text} what={t('letterSiteFormNote', n.index)} />
          </li>
        ))}
      </ol>

      <div class="export-row" role="radiogroup" aria-labelledby={ids.limit}>
        <span class="export-label" id={ids.limit}>
          {t('letterSiteFormLimit')}
        </span>
        {SITE_FORM_LIMITS.map((n) => (
          <label key={n}>
            <input type="radio" name="site-form-limit" value={String(n)} checked={preset === n} onChange={() => setPreset(n)} />
            {n.toLocaleString()}
          </label>
        ))}
        <label>
          <input type="radio" name="site-form-limit" value="custom" checked={preset === 'custom'} onChange={() => setPreset('custom')} />
          {t('letterSiteFormCustom')}
        </label>
        {preset === 'custom' && (
          <input
            type="number"
            class="site-form-custom"
            id={ids.custom}
            data-testid="site-form-custom"
            min={50}
            step={50}
            value={custom}
            aria-label={t('letterSiteFormCustomLabel')}
            onInput={(e) => setCustom(e.currentTarget.value)}
          />
        )}
      </div>

      {valid && (
        <>
          <h3 class="site-form-heading" data-testid="site-form-whole">
            {t('letterSiteFormWhole', parts.length)}
          </h3>
          <ol class="site-form-parts" data-testid="site-form-parts">
            {parts.map((p, i) => (
              <li key={`${limit}-${i}`} data-length={formLength(p)}>
                <div class="site-form-part-head">
                  <span>{t('letterSiteFormPart', i + 1, formLength(p))}</span>
                  <CopyButton text={p} what={t('letterSiteFormPartWhat', i + 1)} />
                </div>
                <pre class="site-form-text">{p}</pre>
              </li>
            ))}
          </ol>
        </>
      )}
    </details>
  );
}
