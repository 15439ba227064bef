import { Fragment } from 'preact';
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import type { NoteRecord, Stance } from '../storage/schema';
import { STANCES } from '../storage/schema';
import { TAG_MAX_CHARS } from '../storage/limits';
import { t } from '../shared/i18n';
import { errorWords } from './error-words';
import { DraftSaver, type SaveAnswer, type SaverState } from './draft-saver';
import { stanceLabel } from './stance';
import { TagInput, type TagOption } from './TagInput';

/** What the reviewer edits of a note. */
export type NoteFields = Pick<NoteRecord, 'stance' | 'suggestion' | 'reason' | 'comment' | 'tags'>;

export const EMPTY_FIELDS: NoteFields = { stance: 'modify', suggestion: '', reason: '', comment: '', tags: [] };

const fieldsOf = (n: NoteFields): NoteFields => ({
  stance: n.stance,
  suggestion: n.suggestion,
  reason: n.reason,
  comment: n.comment,
  tags: [...n.tags],
});

/** (kept here too for the views that import it from the editor) */
export { errorWords };

/** Every editor with unsaved text, so the page can write them all when it is left. */
const open = new Set<DraftSaver<NoteRecord, NoteFields>>();

/** Writes every open editor's pending text now (the tab is being closed or hidden). */
export function flushAllEditors(): Promise<void> {
  return Promise.all([...open].map((s) => s.flush())).then(() => undefined);
}

export interface NoteEditorProps {
  /** The note's id (a fresh UUID for a new note: its first save creates it). */
  id: string;
  /** The note as stored now, or null before its first save; follows other tabs' writes. */
  stored: NoteRecord | null;
  /** What the passage note quotes, if any. */
  quote: string | null;
  tags: readonly TagOption[];
  save(fields: NoteFields, id: string, baseRevision: number | undefined): Promise<SaveAnswer<NoteRecord, NoteFields>>;
  onDelete(id: string): void;
  /** Told of every change the reviewer makes, with the revision the draft builds on (undefined: a new note). */
  onDraft?(fields: NoteFields, baseRevision: number | undefined): void;
}

/**
 * The note form: stance, suggested wording, reason, private remark, tags. Saves as the reviewer types (see
 * DraftSaver), says whether the text is stored, keeps it through failed writes, and shows both versions when
 * another tab changed the note meanwhile.
 */
export function NoteEditor({ id, stored, quote, tags, save, onDelete, onDraft }: NoteEditorProps) {
  const [fields, setFields] = useState<NoteFields>(() => fieldsOf(stored ?? EMPTY_FIELDS));
  const [state, setState] = useState<SaverState<NoteRecord, NoteFields> | null>(null);
  const uid = useId();
  const mounted = useRef(true);
  const saveRef = useRef(save);
  saveRef.current = save;
  const saver = useMemo(() => {
    const s = new DraftSaver<NoteRecord, NoteFields>({
      id,
      stored,
      save: (d, i, b) => saveRef.current(d, i, b),
      onState: (st) => {
        if (mounted.current) setState(st);
        if (!s.dirty && st.status !== 'conflict') open.delete(s);
      },
    });
    return s;
  }, [id]); // one saver per note: `stored` only seeds it

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      void saver.flush().finally(() => {
        saver.close();
        open.delete(saver);
      });
    };
  }, [saver]);

  // another tab saved this note: show it, unless our own text is pending (then the save will ask)
  useEffect(() => {
    if (stored && saver.external(stored)) setFields(fieldsOf(stored));
  }, [stored, saver]);

  const change = (patch: Partial<NoteFields>) => {
    const next = { ...fields, ...patch };
    setFields(next);
    open.add(saver);
    saver.edit(next);
    onDraft?.(next, saver.current.revision || undefined);
  };
  const status = state?.status ?? 'idle';
  const conflict = state?.conflict ?? null;

  return (
    // leaving a box writes what was typed in it at once
    <div class="editor" onFocusOut={() => void saver.flush()}>
      {quote && (
        <blockquote class="quote" aria-label={t('editorPassage')}>
          {quote}
        </blockquote>
      )}
      <fieldset class="stances">
        <legend>{t('fieldStance')}</legend>
        {STANCES.map((s: Stance) => (
          <label key={s} class={fields.stance === s ? 'stance on' : 'stance'}>
            <input type="radio" name={`${uid}-stance`} value={s} checked={fields.stance === s} onChange={() => change({ stance: s })} />
            {stanceLabel(s)}
          </label>
        ))}
      </fieldset>
      <label class="field">
        <span>{t('fieldSuggestion')}</span>
        <textarea
          rows={3}
          data-field="suggestion"
          placeholder={t('fieldSuggestionHint')}
          value={fields.suggestion}
          onInput={(e) => change({ suggestion: (e.target as HTMLTextAreaElement).value })}
        />
      </label>
      <label class="field">
        <span>{t('fieldReason')}</span>
        <textarea rows={3} data-field="reason" value={fields.reason} onInput={(e) => change({ reason: (e.target as HTMLTextAreaElement).value })} />
      </label>
      <label class="field">
        <span>{t('fieldComment')}</span>
        <textarea rows={2} data-field="comment" value={fields.comment} onInput={(e) => change({ comment: (e.target as HTMLTextAreaElement).value })} />
      </label>
      <div class="field">
        <span id={`${uid}-tags`}>{t('fieldTags')}</span>
        <TagInput value={fields.tags} options={tags} maxChars={TAG_MAX_CHARS} onChange={(tags) => change({ tags })} />
      </div>
      {conflict && (
        <section class="conflict" role="alert" aria-labelledby={`${uid}-conflict`}>
          <h3 id={`${uid}-conflict`}>{t('conflictTitle')}</h3>
          <div class="versions">
            <Version title={t('conflictMine')} fields={conflict.mine} />
            <Version title={t('conflictTheirs')} fields={conflict.theirs} />
          </div>
          <div class="row">
            <button type="button" class="primary" onClick={() => void saver.resolve('mine')}>
              {t('conflictKeepMine')}
            </button>
            <button
              type="button"
              onClick={() => {
                setFields(fieldsOf(conflict.theirs));
                void saver.resolve('theirs');
              }}
            >
              {t('conflictTakeTheirs')}
            </button>
          </div>
        </section>
      )}
      <div class="row footer">
        <p class={`status status-${status}`} role="status" aria-live="polite">
          {status === 'saving' && t('saveSaving')}
          {status === 'pending' && t('savePending')}
          {status === 'saved' && `✓ ${t('saveSaved')}`}
          {status === 'error' && (
            <Fragment>
              {t('saveError', errorWords(state?.error ?? undefined))}
              {state?.error !== 'too-large' && state?.error !== 'invalid' && ` ${t('saveRetrying')}`}{' '}
              <button type="button" class="link" onClick={() => void saver.flush()}>
                {t('actionRetry')}
              </button>
            </Fragment>
          )}
        </p>
        {(stored || state?.revision) && (
          <button type="button" class="danger" onClick={() => onDelete(id)}>
            {t('actionDeleteNote')}
          </button>
        )}
      </div>
    </div>
  );
}

function Version({ title, fields }: { title: string; fields: NoteFields }) {
  return (
    <div class="version">
      <h4>{title}</h4>
      <p>
        <strong>{stanceLabel(fields.stance)}</strong>
      </p>
      {fields.suggestion && <p>{fields.suggestion}</p>}
      {fields.reason && <p class="muted">{fields.reason}</p>}
      {fields.comment && <p class="muted">{fields.comment}</p>}
      {fields.tags.length > 0 && <p class="muted">{fields.tags.join('、')}</p>}
    </div>
  );
}
