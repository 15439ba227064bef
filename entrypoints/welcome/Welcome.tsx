import { browser } from 'wxt/browser';
import { t, type MessageKey } from '../../shared/i18n';
import { SAMPLE_DRAFT_URL } from './sample';

const STEPS: Array<{ id: string; title: MessageKey; text: MessageKey }> = [
  { id: 'read', title: 'welcomeStepReadTitle', text: 'welcomeStepRead' },
  { id: 'note', title: 'welcomeStepNoteTitle', text: 'welcomeStepNote' },
  { id: 'send', title: 'welcomeStepSendTitle', text: 'welcomeStepSend' },
];

/**
 * The first-run page (opened once, on install, by background/first-run.ts): what the extension does in three
 * steps (read, note, send), a link that opens the sample draft in this tab, and where the notes are kept.
 */
export function Welcome() {
  return (
    <>
      <header class="banner">
        <img src={browser.runtime.getURL('/icon/48.png')} width={48} height={48} alt="" />
        <div>
          <h1>{t('welcomeTitle')}</h1>
          <p class="lead">{t('welcomeLead')}</p>
        </div>
      </header>
      <main>
        <section aria-labelledby="steps-heading">
          <h2 id="steps-heading">{t('welcomeStepsHeading')}</h2>
          <ol class="steps">
            {STEPS.map((s, i) => (
              <li key={s.id} data-step={s.id}>
                <span class="step-number" aria-hidden="true">
                  {i + 1}
                </span>
                <div>
                  <h3>{t(s.title)}</h3>
                  <p>{t(s.text)}</p>
                </div>
              </li>
            ))}
          </ol>
        </section>
        <section aria-labelledby="try-heading" class="try">
          <h2 id="try-heading">{t('welcomeTryHeading')}</h2>
          <p>{t('welcomeTry')}</p>
          <a class="sample-link" data-testid="sample-link" href={SAMPLE_DRAFT_URL}>
            {t('welcomeTryLink')}
          </a>
        </section>
        <section aria-labelledby="privacy-heading">
          <h2 id="privacy-heading">{t('welcomePrivacyHeading')}</h2>
          <p>{t('welcomePrivacy')}</p>
        </section>
      </main>
    </>
  );
}
