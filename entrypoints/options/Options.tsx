import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { profileProblems, loadProfile, saveProfile, PROFILE_FIELDS, type ProfileProblem } from '../../components/profile-store';
import { todayIso } from '../../components/export-model';
import { PROFILE_FIELD_MAX_CHARS, WORDING, buildLetter, emptyProfile, type Profile } from '../../letter';
import { t, type MessageKey } from '../../shared/i18n';
import { Shortcuts } from './Shortcuts';
import { errorWords } from '../../shared/error-words';
import { Sites } from './Sites';

/** How long typing must rest before the profile is saved (ms). */
export const SAVE_DELAY_MS = 400;

const LABELS: Record<keyof Profile, MessageKey> = {
  name: 'optionsName',
  organisation: 'optionsOrganisation',
  phone: 'optionsPhone',
  email: 'optionsEmail',
  address: 'optionsAddress',
};
// text inputs all (an email input would reject an address the letter prints fine); the keyboard hint still fits
const INPUT_MODES: Record<keyof Profile, 'text' | 'tel' | 'email'> = { name: 'text', organisation: 'text', phone: 'tel', email: 'email', address: 'text' };
const AUTOCOMPLETE: Record<keyof Profile, string> = {
  name: 'name',
  organisation: 'organization',
  phone: 'tel',
  email: 'email',
  address: 'street-address',
};

function problemText(problem: ProfileProblem): string {
  if (problem === 'too-long') return t('optionsProblemTooLong', PROFILE_FIELD_MAX_CHARS);
  return t(problem === 'email' ? 'optionsProblemEmail' : 'optionsProblemPhone');
}

type SaveState = { state: 'idle' | 'pending' | 'saving' | 'saved' | 'invalid' } | { state: 'failed'; message: string };

/**
 * The options page: the reviewer's profile for the letter's signature (name, organisation, phone, email, postal
 * address). Saved as you type, once typing rests and every field is valid; a field with a problem says what is
 * wrong and nothing is saved until it is corrected. Shows the signature exactly as the letter will print it.
 */
export function Options() {
  const [profile, setProfile] = useState<Profile>(emptyProfile);
  const [loaded, setLoaded] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [save, setSave] = useState<SaveState>({ state: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(profile);
  const problems = useMemo(() => profileProblems(profile), [profile]);

  useEffect(() => {
    loadProfile().then(
      (p) => {
        latest.current = p;
        setProfile(p);
        setLoaded(true);
      },
      (e: unknown) => {
        setLoadError(errorWords(e, true));
        setLoaded(true);
      },
    );
  }, []);

  const write = async (p: Profile) => {
    clearTimeout(timer.current);
    timer.current = undefined;
    if (Object.keys(profileProblems(p)).length > 0) return setSave({ state: 'invalid' });
    setSave({ state: 'saving' });
    try {
      await saveProfile(p);
      // a later edit may have started its own save meanwhile: only the newest says "saved"
      if (latest.current === p) setSave({ state: 'saved' });
    } catch (e) {
      setSave({ state: 'failed', message: errorWords(e, true) });
    }
  };

  // leaving the page saves what is pending at once
  useEffect(() => {
    const flush = () => {
      if (timer.current !== undefined) void write(latest.current);
    };
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, []);

  const edit = (key: keyof Profile, value: string) => {
    const next = { ...latest.current, [key]: value };
    latest.current = next;
    setProfile(next);
    clearTimeout(timer.current);
    if (Object.keys(profileProblems(next)).length > 0) {
      timer.current = undefined;
      setSave({ state: 'invalid' });
      return;
    }
    setSave({ state: 'pending' });
    timer.current = setTimeout(() => void write(next), SAVE_DELAY_MS);
  };

  const signature = useMemo(() => {
    const notice = { title: null, issuer: null, deadline: null, channels: NO_CHANNELS };
    const letter = buildLetter({ notice, articles: [], notes: [], comments: [], profile, options: { form: 'prose' }, today: todayIso(new Date()) });
    return letter.signature;
  }, [profile]);

  const status =
    save.state === 'saving' || save.state === 'pending' ? t('optionsSaving')
    : save.state === 'saved' ? t('optionsSaved')
    : save.state === 'invalid' ? t('optionsNotSaved')
    : save.state === 'failed' ? t('optionsSaveFailed', save.message)
    : '';

  return (
    <main>
      <h1>{t('extName')}</h1>
      <p class="hint">
        <a href="/welcome.html">{t('optionsWelcomeLink')}</a>
      </p>
      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t('optionsProfileHeading')}</h2>
        <p class="hint">{t('optionsProfileIntro')}</p>
        {loadError !== null && (
          <p class="error" role="alert">
            {t('optionsLoadFailed', loadError)}
          </p>
        )}
        <form
          class="profile"
          aria-busy={!loaded}
          onSubmit={(e) => {
            e.preventDefault();
            void write(latest.current);
          }}
        >
          {PROFILE_FIELDS.map((key) => {
            const problem = problems[key];
            const id = `profile-${key}`;
            return (
              <div class="field" key={key}>
                <label for={id}>{t(LABELS[key])}</label>
                <input
                  id={id}
                  name={key}
                  type="text"
                  inputMode={INPUT_MODES[key]}
                  autocomplete={AUTOCOMPLETE[key]}
                  value={profile[key]}
                  disabled={!loaded}
                  maxLength={PROFILE_FIELD_MAX_CHARS + 1}
                  aria-invalid={problem !== undefined}
                  aria-describedby={problem ? `${id}-problem` : key === 'email' ? `${id}-hint` : undefined}
                  onInput={(e) => edit(key, e.currentTarget.value)}
                />
                {problem ? (
                  <p class="problem" id={`${id}-problem`}>
                    {problemText(problem)}
                  </p>
                ) : (
                  key === 'email' && (
                    <p class="hint" id={`${id}-hint`}>
                      {t('optionsEmailHint')}
                    </p>
                  )
                )}
              </div>
            );
          })}
          <div class="actions">
            <button type="submit" disabled={!loaded}>
              {t('optionsSave')}
            </button>
            <span class={`save-status ${save.state}`} role="status" data-testid="save-status" data-state={save.state}>
              {status}
            </span>
          </div>
        </form>
        <h3>{t('optionsPreview')}</h3>
        <div class="signature" data-testid="signature-preview">
          {signature.length === 0 ? (
            <p class="hint">{t('optionsPreviewEmpty')}</p>
          ) : (
            signature.map((f) => (
              <p key={f.label}>{WORDING.labelled(f.label, f.value)}</p>
            ))
          )}
        </div>
      </section>
      <Shortcuts />
      <Sites />
    </main>
  );
}

const NO_CHANNELS = { email: null, subject: null, envelope: null, address: null, postcode: null, phone: null, fax: null, web: null };
