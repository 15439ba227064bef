import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import {
  DOCX_MIME,
  MAILTO_MAX,
  buildLetter,
  letterFileName,
  mailtoHeadUrl,
  renderDocx,
  renderEml,
  renderHtml,
  renderMarkdown,
  renderPrint,
  renderText,
  type EmptyReason,
  type Letter,
} from '../letter';
import type { Outline } from '../regulation/types';
import { t, type MessageKey } from '../shared/i18n';
import { errorWords } from '../shared/error-words';
import type { DocumentRecord, NoteRecord, Stance } from '../storage/schema';
import { effectiveNotice } from '../storage/corrections';
import { describeDeadline } from './deadline';
import './export.css';
import { useLetterSources, useProfile } from './export-data';
import { copyRich, downloadFile, openPrintView } from './export-io';
import {
  DEFAULT_CHOICE,
  deadlineUrgency,
  exportPlan,
  includeOf,
  placeNotes,
  stanceCounts,
  tagCounts,
  todayIso,
  toggle,
  withScope,
  type DeadlineUrgency,
  type ExportChoice,
  type NoteScope,
} from './export-model';
import { stanceLabel } from './stance';
import { copyText } from './copy';
import { CopyButton } from './CopyButton';
import { Dialog } from './Dialog';
import { SiteForm } from './SiteForm';

/** What the letter reads of the page: the notice and the articles. */
export type ExportOutline = Pick<Outline, 'title' | 'issuer' | 'deadline' | 'channels' | 'articles' | 'seal'>;

interface Props {
  outline: ExportOutline;
  /** The page's URL: finds the draft in the database while `documentId` is still null. */
  url: string;
  /** The draft's id in the review database (PageState.documentId), or null. */
  documentId: string | null;
  /** The popup's form: every note and comment, no selection, the main actions only. */
  compact?: boolean;
  /** The day it is (tests); now otherwise. */
  today?: Date;
}

type Action = 'mailto' | 'mail-new' | 'eml' | 'docx' | 'copy-rich' | 'copy-md' | 'print';
type Status = { tone: 'ok' | 'error' | 'busy'; text: string } | null;

const EMPTY_KEYS: Record<EmptyReason, MessageKey> = {
  'no-notes': 'exportEmptyNoNotes',
  'filtered-out': 'exportEmptyFilteredOut',
};
const SCOPES: ReadonlyArray<{ scope: NoteScope; label: MessageKey }> = [
  { scope: 'all', label: 'exportScopeAll' },
  { scope: 'tags', label: 'exportScopeTags' },
  { scope: 'stances', label: 'exportScopeStances' },
  { scope: 'pick', label: 'exportScopePick' },
];
/** The preview of a note in the hand-picked list, in characters. */
const PREVIEW_CHARS = 40;

/** The letter's notice fields: the page's read, with the document's stored fields and corrections (effectiveNotice). */
function letterNotice(outline: ExportOutline, record: DocumentRecord | null, url: string): Pick<Outline, 'title' | 'issuer' | 'deadline' | 'channels'> {
  const read = { title: outline.title, issuer: outline.issuer, published: null, deadline: outline.deadline, channels: outline.channels };
  return effectiveNotice(read, record, url).notice;
}

/** A failure in words (never an exception's text). */
const errorMessage = (e: unknown) => errorWords(e);

/**
 * The comment letter's export for one draft: the letter's form (prose or the table form), which notes go in (all,
 * by tag, by stance, or ticked one by one) and whether the general comments do; the email's To and Subject with
 * copy buttons; and the exports: open in the mail app (mailto:, only when the letter fits MAILTO_MAX), .eml (the
 * .docx attached on request), .docx, rich-text and Markdown copies, and the print view. Warns with 3 days or fewer
 * left, asks before exporting after the deadline, and explains an empty letter instead of exporting it. Reads the
 * notes, comments and profile live; writes nothing.
 */
export function ExportPanel({ outline, url, documentId, compact = false, today }: Props) {
  const now = today ?? new Date();
  const sources = useLetterSources(documentId, url);
  const { profile, loaded: profileLoaded, error: profileError } = useProfile();
  const [choice, setChoice] = useState<ExportChoice>(DEFAULT_CHOICE);
  const [attachDocx, setAttachDocx] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState<Action | null>(null);
  const [confirming, setConfirming] = useState<Action | null>(null);
  const lateAccepted = useRef(false);
  const mailtoRef = useRef<HTMLAnchorElement>(null);
  const mailNewRef = useRef<HTMLAnchorElement>(null);
  const ids = { to: useId(), subject: useId(), empty: useId(), mailto: useId() };

  const notes = sources.state === 'ready' ? sources.value.notes : NO_NOTES;
  const comments = sources.state === 'ready' ? sources.value.comments : NO_COMMENTS;
  const placed = useMemo(() => placeNotes(notes, outline.articles), [notes, outline.articles]);
  // the notice as the reviewer keeps it: stored fields and corrections over the page's read (storage/corrections)
  const record = sources.state === 'ready' ? (sources.value.document ?? null) : null;
  const notice = useMemo(() => letterNotice(outline, record, url), [outline, record, url]);
  const day = todayIso(now);
  const letter: Letter = useMemo(
    () =>
      buildLetter({
        notice,
        articles: placed.articles,
        notes: placed.notes,
        comments,
        profile,
        options: { form: choice.form, include: compact ? { comments: true } : includeOf(choice), seal: outline.seal === true },
        today: day,
      }),
    [notice, placed, comments, profile, choice, compact, day],
  );
  const plan = useMemo(() => exportPlan(letter), [letter]);
  const { urgency } = deadlineUrgency(notice.deadline, now);
  const tags = useMemo(() => tagCounts(notes), [notes]);
  const stances = useMemo(() => stanceCounts(notes), [notes]);
  const profileEmpty = profileLoaded && Object.values(profile).every((v) => v.trim() === '');

  // a status says what the last action did; it goes when the letter changes under it
  useEffect(() => {
    if (status?.tone === 'ok') setStatus(null);
  }, [letter]);

  const run = async (action: Action): Promise<void> => {
    if (urgency === 'late' && !lateAccepted.current) {
      setConfirming(action);
      return;
    }
    if (!plan.canExport) return;
    if (action === 'mailto') {
      mailtoRef.current?.click();
      return;
    }
    setBusy(action);
    try {
      if (action === 'eml' || action === 'docx') {
        let docx: Uint8Array | undefined;
        if (action === 'docx' || attachDocx) {
          setStatus({ tone: 'busy', text: t('exportBuildingDocx') });
          // let the status paint before the document is packed
          await new Promise((ok) => setTimeout(ok, 0));
          docx = await renderDocx(letter);
        }
        if (action === 'docx') {
          downloadFile(docx!, DOCX_MIME, letterFileName(letter, 'docx'));
        } else {
          const attachment = docx && { filename: letterFileName(letter, 'docx'), content: docx, contentType: DOCX_MIME };
          downloadFile(renderEml(letter, { attachment }), 'message/rfc822', letterFileName(letter, 'eml'));
        }
        setStatus({ tone: 'ok', text: t('exportDownloaded', letterFileName(letter, action)) });
      } else if (action === 'copy-rich') {
        const how = await copyRich(renderHtml(letter), renderText(letter));
        setStatus(how === null ? { tone: 'error', text: t('copyFailed') } : { tone: 'ok', text: t(how === 'rich' ? 'exportCopiedRich' : 'exportCopiedText') });
      } else if (action === 'mail-new') {
        // too long for a mailto body: copy the letter first, then open a message with To and Subject only
        const how = await copyRich(renderHtml(letter), renderText(letter));
        mailNewRef.current?.click();
        setStatus(how === null ? { tone: 'error', text: t('copyFailed') } : { tone: 'ok', text: t(how === 'rich' ? 'letterMailOpenedRich' : 'letterMailOpenedText') });
      } else if (action === 'copy-md') {
        const ok = await copyText(renderMarkdown(letter), document);
        setStatus(ok ? { tone: 'ok', text: t('exportCopiedMarkdown') } : { tone: 'error', text: t('copyFailed') });
      } else if (action === 'print') {
        await openPrintView(renderPrint(letter));
        setStatus({ tone: 'ok', text: t('exportPrintOpened') });
      }
    } catch (e) {
      console.error('regdraft: export failed', e);
      setStatus({ tone: 'error', text: t('exportFailed', errorMessage(e)) });
    } finally {
      setBusy(null);
    }
  };

  const setScope = (scope: NoteScope) => setChoice((c) => withScope(c, scope, notes));
  const disabled = !plan.canExport || busy !== null;
  const describedBy = plan.empty ? ids.empty : undefined;
  const button = (action: Action, label: MessageKey, primary = false) => (
    <button
      type="button"
      class={primary ? 'export-primary' : 'export-button'}
      data-action={action}
      disabled={disabled}
      aria-describedby={describedBy}
      aria-busy={busy === action}
      onClick={() => void run(action)}
    >
      {t(label)}
    </button>
  );

  if (sources.state === 'loading') return <p class="export-hint">{t('exportLoading')}</p>;
  if (sources.state === 'error') {
    return (
      <p class="export-error" role="alert">
        {t('exportLoadFailed', errorMessage(sources.error))}
      </p>
    );
  }

  return (
    <div class={compact ? 'export compact' : 'export'} data-testid="export">
      <DeadlineNotice urgency={urgency} deadline={notice.deadline} now={now} />

      {!compact && (
        <fieldset class="export-group">
          <legend>{t('exportContent')}</legend>
          <div class="export-row" role="radiogroup" aria-label={t('exportForm')}>
            <span class="export-label">{t('exportForm')}</span>
            {(['prose', 'table'] as const).map((form) => (
              <label key={form}>
                <input
                  type="radio"
                  name="export-form"
                  value={form}
                  checked={choice.form === form}
                  onChange={() => setChoice((c) => ({ ...c, form }))}
                />
                {t(form === 'prose' ? 'exportFormProse' : 'exportFormTable')}
              </label>
            ))}
          </div>
          <div class="export-row" role="radiogroup" aria-label={t('exportNotes')}>
            <span class="export-label">{t('exportNotes')}</span>
            {SCOPES.map((s) => (
              <label key={s.scope}>
                <input type="radio" name="export-scope" value={s.scope} checked={choice.scope === s.scope} onChange={() => setScope(s.scope)} />
                {t(s.label)}
              </label>
            ))}
          </div>
          {choice.scope === 'tags' && (
            <Checklist
              label={t('exportScopeTags')}
              empty={t('exportNoTags')}
              items={tags.map(({ tag, count }) => ({ key: tag, text: t('exportOptionCount', tag, count), checked: choice.tags.includes(tag) }))}
              onToggle={(tag) => setChoice((c) => ({ ...c, tags: toggle(c.tags, tag) }))}
              testid="export-tags"
            />
          )}
          {choice.scope === 'stances' && (
            <Checklist
              label={t('exportScopeStances')}
              empty={t('exportNoNotesYet')}
              items={stances.map(({ stance, count }) => ({
                key: stance,
                text: t('exportOptionCount', stanceLabel(stance), count),
                checked: choice.stances.includes(stance),
              }))}
              onToggle={(stance) => setChoice((c) => ({ ...c, stances: toggle(c.stances, stance as Stance) }))}
              testid="export-stances"
            />
          )}
          {choice.scope === 'pick' && (
            <>
              <Checklist
                label={t('exportScopePick')}
                empty={t('exportNoNotesYet')}
                items={pickItems(placed.notes, choice.ids)}
                onToggle={(id) => setChoice((c) => ({ ...c, ids: toggle(c.ids, id) }))}
                testid="export-pick"
              />
              <div class="export-row">
                <button type="button" class="export-link" onClick={() => setChoice((c) => ({ ...c, ids: placed.notes.map((n) => n.id) }))}>
                  {t('exportPickAll')}
                </button>
                <button type="button" class="export-link" onClick={() => setChoice((c) => ({ ...c, ids: [] }))}>
                  {t('exportPickNone')}
                </button>
              </div>
            </>
          )}
          <label class="export-row">
            <input
              type="checkbox"
              data-testid="export-comments"
              checked={choice.comments}
              onChange={(e) => setChoice((c) => ({ ...c, comments: e.currentTarget.checked }))}
            />
            {t('exportIncludeComments', comments.length)}
          </label>
        </fieldset>
      )}

      <p class="export-summary" data-testid="export-summary">
        {compact ? t('exportSummaryCompact', letter.counts.notes, letter.counts.comments) : t('exportSummary', letter.counts.items, letter.counts.notes, letter.counts.comments)}
      </p>
      {plan.empty && (
        <p class="export-empty" id={ids.empty} role="status" data-testid="export-empty" data-reason={plan.empty}>
          {t(EMPTY_KEYS[plan.empty])}
        </p>
      )}
      {placed.unplaced.length > 0 && outline.articles.length > 0 && (
        <p class="export-hint" data-testid="export-unplaced">
          {t('exportUnplaced', placed.unplaced.length)}
        </p>
      )}

      <dl class="export-mail">
        <dt id={ids.to}>{t('exportTo')}</dt>
        <dd>
          {letter.email.to ?? <span class="export-hint">{t('exportNoEmail')}</span>}
          {letter.email.to && <CopyButton text={letter.email.to} what={t('exportTo')} />}
        </dd>
        <dt id={ids.subject}>{t('exportSubject')}</dt>
        <dd>
          <span data-testid="export-subject">{letter.email.subject}</span>
          <CopyButton text={letter.email.subject} what={t('exportSubject')} />
        </dd>
      </dl>

      <div class="export-actions">
        {plan.mailto !== null ? (
          <a
            ref={mailtoRef}
            class="export-primary"
            data-action="mailto"
            href={plan.mailto}
            onClick={(e) => {
              if (urgency === 'late' && !lateAccepted.current) {
                e.preventDefault();
                setConfirming('mailto');
              }
            }}
          >
            {t('exportOpenMail')}
          </a>
        ) : (
          plan.canExport && (
            <>
              {button('mail-new', 'letterMailNew', true)}
              {/* the message itself: To and Subject only; clicked after the letter is on the clipboard */}
              <a ref={mailNewRef} href={mailtoHeadUrl(letter)} hidden aria-hidden="true" tabIndex={-1} data-testid="export-mail-new-link" />
              <p class="export-hint" id={ids.mailto} data-testid="export-mailto-too-long">
                {t('letterMailNewHint')} {t('exportMailtoTooLong', MAILTO_MAX)}
              </p>
            </>
          )
        )}
        <div class="export-row">
          {button('eml', 'exportDownloadEml')}
          <label class="export-attach">
            <input type="checkbox" data-testid="export-attach" checked={attachDocx} onChange={(e) => setAttachDocx(e.currentTarget.checked)} />
            {t('exportAttachDocx')}
          </label>
        </div>
        <div class="export-row">
          {button('docx', 'exportDownloadDocx')}
          {button('print', 'exportPrint')}
        </div>
        <div class="export-row">
          {button('copy-rich', 'exportCopyRich')}
          {!compact && button('copy-md', 'exportCopyMarkdown')}
        </div>
        {plan.canExport && plan.noRecipient && <p class="export-hint">{t('exportNoEmailHint')}</p>}
      </div>

      {!compact && plan.canExport && <SiteForm letter={letter} web={outline.channels.web} />}

      <p class={`export-status ${status?.tone ?? ''}`} role="status" data-testid="export-status">
        {status?.tone === 'busy' && <progress class="export-progress" aria-label={status.text} />}
        {status && status.tone !== 'error' ? status.text : ''}
      </p>
      {status?.tone === 'error' && (
        <p class="export-error" role="alert" data-testid="export-error">
          {status.text}
        </p>
      )}

      <div class="export-signature">
        {profileError !== null ? (
          <p class="export-error">{t('exportProfileUnreadable', profileError)}</p>
        ) : profileEmpty ? (
          <p class="export-hint">{t('exportProfileEmpty')}</p>
        ) : (
          profileLoaded && (
            <p class="export-hint" data-testid="export-signer">
              {t('exportSignedBy', [profile.name, profile.organisation].filter((s) => s.trim() !== '').join(' · ') || profile.email || profile.phone)}
            </p>
          )
        )}
        <button type="button" class="export-link" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('exportEditProfile')}
        </button>
      </div>

      {confirming !== null && (
        // asked once: exporting after the deadline
        <Dialog
          title={t('exportLateTitle')}
          class="export-dialog"
          buttons={{ cancel: 'export-button', confirm: 'export-primary' }}
          cancelLabel={t('exportLateCancel')}
          confirmLabel={t('exportLateConfirm')}
          testId="export-late-confirm"
          confirmTestId="export-late-ok"
          onClose={() => setConfirming(null)}
          onConfirm={() => {
            const action = confirming;
            lateAccepted.current = true;
            setConfirming(null);
            void run(action);
          }}
        >
          <p>{t('exportLateBody', notice.deadline ?? '')}</p>
        </Dialog>
      )}
    </div>
  );
}

const NO_NOTES: NoteRecord[] = [];
const NO_COMMENTS: never[] = [];

/** The hand-picked list: each live note by article, stance and the start of its suggestion. */
function pickItems(notes: readonly NoteRecord[], ids: readonly string[]) {
  const sorted = [...notes].sort(
    (a, b) => a.article.number - b.article.number || a.article.sub - b.article.sub || (a.passage?.start ?? -1) - (b.passage?.start ?? -1),
  );
  return sorted.map((n) => {
    const words = (n.suggestion || n.reason || n.passage?.exact || '').replace(/\s+/g, ' ').trim();
    const preview = words.length > PREVIEW_CHARS ? `${words.slice(0, PREVIEW_CHARS)}…` : words;
    return {
      key: n.id,
      text: [n.article.label, stanceLabel(n.stance), preview].filter((s) => s !== '').join(' · '),
      checked: ids.includes(n.id),
    };
  });
}

function Checklist(props: {
  label: string;
  empty: string;
  items: Array<{ key: string; text: string; checked: boolean }>;
  onToggle(key: string): void;
  testid: string;
}) {
  if (props.items.length === 0) return <p class="export-hint">{props.empty}</p>;
  return (
    <ul class="export-checklist" aria-label={props.label} data-testid={props.testid}>
      {props.items.map((it) => (
        <li key={it.key}>
          <label>
            <input type="checkbox" value={it.key} checked={it.checked} onChange={() => props.onToggle(it.key)} />
            <span>{it.text}</span>
          </label>
        </li>
      ))}
    </ul>
  );
}

/** 3 days or fewer left: said prominently; after the deadline: said before anything is exported. */
function DeadlineNotice({ urgency, deadline, now }: { urgency: DeadlineUrgency; deadline: string | null; now: Date }) {
  if (urgency === 'soon') {
    return (
      <p class="export-deadline soon" role="alert" data-testid="export-deadline" data-urgency="soon">
        <strong>{describeDeadline(deadline, now).text}</strong> {t('exportDeadlineSoon', deadline ?? '')}
      </p>
    );
  }
  if (urgency === 'late') {
    return (
      <p class="export-deadline late" data-testid="export-deadline" data-urgency="late">
        {t('exportDeadlinePassed', deadline ?? '')}
      </p>
    );
  }
  return null;
}
