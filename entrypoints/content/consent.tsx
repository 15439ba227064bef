/** @jsxImportSource ../../components/lite */
import type { Notice } from '../../regulation/types';
import { t, type MessageKey } from '../../shared/i18n';
import type { VersionOffer } from '../../versions/page';
import type { PageNotes } from './notes';

/**
 * The banner's part in keeping the reviewer in control: the question put when a draft of this title was
 * reviewed on another site (until it is answered nothing is shown or stored here), and a warning when the
 * letter has nowhere to go (no email, no postal address).
 */
export function SameTitleQuestion({ notes }: { notes: PageNotes }) {
  const ask = notes.ask;
  if (!ask) return null;
  // only the reviewer's own clicks answer: a page script's synthetic click is not one
  const answer = (e: MouseEvent, choice: 'link' | 'separate') => {
    if (e.isTrusted) void notes.answer(choice);
  };
  return (
    <div class="ask" role="group" aria-labelledby="regdraft-ask" data-testid="same-title">
      <p id="regdraft-ask">
        <strong>{t('controlAsk', ask.host, ask.title)}</strong>
      </p>
      <p class="muted">{t('controlAskNote')}</p>
      <div class="row">
        <button type="button" class="primary" data-action="ask-link" onClick={(e) => answer(e, 'link')}>
          {t('controlAskYes')}
        </button>
        <button type="button" data-action="ask-separate" onClick={(e) => answer(e, 'separate')}>
          {t('controlAskNo')}
        </button>
      </div>
    </div>
  );
}

/**
 * The new-version offer (issue 14): "这是《…》的新版本吗?" with yes (link) and no (not asked again for that pair). Only
 * the reviewer's own clicks answer; the earlier draft's title is all the page is told.
 */
export function VersionQuestion({ offer, answer }: { offer: VersionOffer | null; answer: (yes: boolean) => void }) {
  if (!offer) return null;
  return (
    <div class="ask" role="group" aria-labelledby="regdraft-vask" data-testid="version-offer">
      <p id="regdraft-vask">
        <strong>{t('vpageOffer', offer.title)}</strong>
      </p>
      <div class="row">
        <button type="button" class="primary" data-action="version-link" onClick={(e) => e.isTrusted && answer(true)}>
          {t('vpageOfferYes')}
        </button>
        <button type="button" data-action="version-no" onClick={(e) => e.isTrusted && answer(false)}>
          {t('vpageOfferNo')}
        </button>
      </div>
    </div>
  );
}

/** Which of the fields the letter needs (an email, or else a postal address) the notice lacks; null when none. */
export function missingKey(notice: Notice): MessageKey | null {
  const { email, address } = notice.channels;
  if (email && address) return null;
  return !email && !address ? 'controlMissingBoth' : !email ? 'controlMissingEmail' : 'controlMissingAddress';
}

export function MissingChannels({ notice }: { notice: Notice }) {
  const key = missingKey(notice);
  if (!key) return null;
  return (
    <p class="missing" data-testid="missing-channels">
      {t('controlMissing', t(key))}
    </p>
  );
}
