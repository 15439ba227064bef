import { Fragment } from 'preact';
import { useContext, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { CopyButton } from '../../components/CopyButton';
import { describeDeadline } from '../../components/deadline';
import type { Outline } from '../../regulation/types';
import { controlRequest } from '../../shared/control-messages';
import { t, type MessageKey } from '../../shared/i18n';
import { NOTICE_FIELD_MAX_CHARS } from '../../storage/limits';
import { NOTICE_FIELDS, type DocumentRecord, type NoticeField } from '../../storage/schema';
import { checkCorrection, effectiveNotice, fieldOf, type CorrectionProblem } from '../../storage/corrections';
import { AnnounceContext } from './announce';
import { errorText } from './errors';
import { useLive } from './live';

const LABELS: Record<NoticeField, MessageKey> = {
  title: 'controlFieldTitle',
  issuer: 'labelIssuer',
  deadline: 'labelDeadline',
  email: 'labelEmail',
  subject: 'labelSubject',
  envelope: 'labelEnvelope',
  address: 'labelAddress',
  postcode: 'labelPostcode',
  phone: 'labelPhone',
  fax: 'labelFax',
  web: 'labelWeb',
};
const COPY: ReadonlySet<NoticeField> = new Set(['email', 'subject', 'envelope', 'address']);
const PROBLEMS: Record<CorrectionProblem, MessageKey> = {
  date: 'controlProblemDate',
  email: 'controlProblemEmail',
  'too-long': 'controlProblemTooLong',
};

interface Props {
  /** The page's read (its `unsure` marks the fields to check). */
  outline: Outline;
  url: string;
  documentId: string | null;
  /** The draft's record, created on demand; throws RequestError 'ask' while the page's banner asks which draft it is. */
  ensureDocument(): Promise<string>;
  today?: Date;
}

/**
 * The notice details as the letter will use them, each correctable: title, issuer, deadline and every channel.
 * A corrected field is stored with the document (marked 已修正, the value read shown beside it, one press to go
 * back to it); a field the reader was unsure of is marked 请核对. On the document's own URL, what the last read
 * changed is listed (was / now) until the reviewer has seen it; on another URL the page's differing values are
 * offered, never taken on their own. Enter saves an edit, Esc cancels it and gives the focus back.
 */
export function NoticeFields({ outline, url, documentId, ensureDocument, today }: Props) {
  const announce = useContext(AnnounceContext);
  const doc = useLive(async (db) => (documentId ? ((await db.documents.get(documentId)) ?? null) : null), [documentId], documentId);
  const record: DocumentRecord | null = doc.state === 'ready' ? doc.value : null;
  const { notice, corrected, ownUrl } = effectiveNotice(outline, record, url);
  const unsure = new Set<string>(outline.unsure ?? []);
  const [editing, setEditing] = useState<NoticeField | null>(null);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const editButtons = useRef(new Map<NoticeField, HTMLButtonElement>());
  const input = useRef<HTMLInputElement>(null);
  // as the edit box is drawn, not after the next frame: keys typed right after pressing 修正 go into it
  useLayoutEffect(() => {
    if (editing) input.current?.focus();
  }, [editing]);
  const d = describeDeadline(notice.deadline, today);

  const focusEdit = (field: NoticeField) => setTimeout(() => editButtons.current.get(field)?.focus(), 0);
  const start = (field: NoticeField) => {
    setEditing(field);
    setDraft(fieldOf(notice, field) ?? '');
    setProblem(null);
  };
  const cancel = (field: NoticeField) => {
    setEditing(null);
    setProblem(null);
    focusEdit(field);
  };
  const send = async (field: NoticeField, value: string | null): Promise<boolean> => {
    try {
      const id = await ensureDocument();
      await controlRequest({ type: 'notice:correct', documentId: id, field, value });
      return true;
    } catch (e) {
      const text = errorText(e);
      setProblem(text);
      announce(text);
      return false;
    }
  };
  const save = async (field: NoticeField) => {
    const checked = checkCorrection(field, draft, NOTICE_FIELD_MAX_CHARS);
    if (!checked.ok) return setProblem(t(PROBLEMS[checked.problem]));
    if (await send(field, checked.value)) {
      setEditing(null);
      announce(t('controlSaved', `${t(LABELS[field])} ${checked.value || t('controlNone')}`));
      focusEdit(field);
    }
  };
  const revert = async (field: NoticeField) => {
    if (await send(field, null)) announce(t('controlReverted', t(LABELS[field])));
  };

  const readValue = (field: NoticeField) => (record ? fieldOf(effectiveNotice(outline, { ...record, corrections: {} }, url).notice, field) : fieldOf(outline, field));

  return (
    <>
      <p class="hint">{t('controlFieldsHint')}</p>
      {ownUrl && record?.changes && record.changes.length > 0 && (
        <div class="changes" role="status" data-testid="notice-changes">
          <p>{t('controlChangedTitle')}</p>
          <ul>
            {record.changes.map((c) => (
              <li key={c.field} data-field={c.field}>
                {t('controlWasNow', t(LABELS[c.field]), c.was ?? t('controlNone'), c.now ?? t('controlNone'))}
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => void controlRequest({ type: 'notice:seen', documentId: record.id }).catch((e) => announce(errorText(e)))}>
            {t('controlSeen')}
          </button>
        </div>
      )}
      <dl class="notice fields" data-testid="notice-fields">
        {NOTICE_FIELDS.map((field) => {
          const value = fieldOf(notice, field);
          const label = t(LABELS[field]);
          const isCorrected = corrected.has(field);
          const pageValue = fieldOf(outline, field);
          const offer = !ownUrl && !isCorrected && pageValue !== null && pageValue !== value ? pageValue : null;
          return (
            <Fragment key={field}>
              <dt>{label}</dt>
              <dd data-field={field} data-corrected={isCorrected ? 'true' : undefined}>
                {editing === field ? (
                  <span class="edit">
                    <input
                      type="text"
                      value={draft}
                      aria-label={label}
                      aria-invalid={problem ? 'true' : undefined}
                      aria-describedby={problem ? `problem-${field}` : undefined}
                      placeholder={field === 'deadline' ? '2025-06-30' : undefined}
                      ref={input}
                      onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter') {
                          e.preventDefault();
                          void save(field);
                        } else if (e.key === 'Escape') {
                          e.preventDefault();
                          e.stopPropagation();
                          cancel(field);
                        }
                      }}
                    />
                    <button type="button" class="primary" onClick={() => void save(field)}>
                      {t('controlSave')}
                    </button>
                    <button type="button" onClick={() => cancel(field)}>
                      {t('controlCancel')}
                    </button>
                    {problem && (
                      <span class="error" id={`problem-${field}`} role="alert">
                        {problem}
                      </span>
                    )}
                  </span>
                ) : (
                  <>
                    <span class="value">{value ?? '—'}</span>
                    {field === 'deadline' && value && (
                      <>
                        {' '}
                        <span class={`deadline deadline-${d.tone}`} data-tone={d.tone}>
                          {d.text}
                        </span>
                      </>
                    )}
                    {isCorrected && <span class="badge corrected">{t('controlCorrected')}</span>}
                    {!isCorrected && unsure.has(field) && (
                      <span class="badge unsure" title={t('controlUnsureHint')}>
                        {t('controlUnsure')}
                      </span>
                    )}
                    <button
                      type="button"
                      class="link"
                      data-action="correct"
                      aria-label={t('controlEditLabel', label)}
                      ref={(el) => void (el ? editButtons.current.set(field, el) : editButtons.current.delete(field))}
                      onClick={() => start(field)}
                    >
                      {t('controlEdit')}
                    </button>
                    {value && COPY.has(field) && <CopyButton text={value} what={label} root={document} />}
                    {isCorrected && (
                      <span class="read">
                        {t('controlReadValue', readValue(field) ?? t('controlNone'))}{' '}
                        <button type="button" class="link" data-action="revert" aria-label={t('controlRevertLabel', label)} onClick={() => void revert(field)}>
                          {t('controlRevert')}
                        </button>
                      </span>
                    )}
                    {offer && (
                      <span class="read" data-testid="offer">
                        {t('controlOtherPage', offer)}{' '}
                        <button
                          type="button"
                          class="link"
                          aria-label={t('controlAdoptLabel', label)}
                          onClick={() => void send(field, offer).then((ok) => ok && announce(t('controlSaved', `${label} ${offer}`)))}
                        >
                          {t('controlAdopt')}
                        </button>
                      </span>
                    )}
                  </>
                )}
              </dd>
            </Fragment>
          );
        })}
        {notice.published && (
          <>
            <dt>{t('labelPublished')}</dt>
            <dd>
              <span class="value">{notice.published}</span>
            </dd>
          </>
        )}
      </dl>
    </>
  );
}
