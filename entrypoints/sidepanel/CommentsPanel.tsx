import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { DraftSaver, flushOnLeave, type SaveAnswer, type SaverState } from '../../components/draft-saver';
import { t } from '../../shared/i18n';
import { request } from '../../shared/messages';
import type { CommentRecord } from '../../storage/schema';
import { useAnnounce } from './announce';
import { errorKey, errorText } from './errors';
import { useLive } from './live';
import { UndoToast, type Toast } from './UndoToast';

interface Props {
  /** The page's draft in the database, or null before it has one. */
  documentId: string | null;
  /** Creates the draft's record when it has none yet and returns its id. */
  ensureDocument(): Promise<string>;
}

type Draft = { text: string };

/**
 * The general comments tab (总体意见): every comment of the draft as an editor that saves as the reviewer
 * types (debounced, revision-checked: a save that missed another tab's edit shows both versions to choose
 * from); add; delete with undo (the comment is saved again under its id).
 */
export function CommentsPanel({ documentId, ensureDocument }: Props) {
  const announce = useAnnounce();
  const live = useLive(
    async (db): Promise<CommentRecord[]> => (documentId ? db.comments.where('documentId').equals(documentId).toArray() : []),
    [documentId],
    documentId,
  );
  const stored = useMemo(
    () => (live.state === 'ready' ? [...live.value].sort((a, b) => a.createdAt - b.createdAt) : []),
    [live],
  );
  // comments added here and not stored yet: id → the document they belong to
  const [fresh, setFresh] = useState<Array<{ id: string; documentId: string }>>([]);
  const [toast, setToast] = useState<Toast | null>(null);
  const toastKey = useRef(0);
  const focusId = useRef<string | null>(null);
  const [adding, setAdding] = useState(false);

  const rows = useMemo(() => {
    const ids = new Set(stored.map((c) => c.id));
    return [
      ...stored.map((c) => ({ id: c.id, documentId: c.documentId, record: c as CommentRecord | null })),
      ...fresh.filter((f) => !ids.has(f.id)).map((f) => ({ ...f, record: null })),
    ];
  }, [stored, fresh]);

  const add = async () => {
    setAdding(true);
    try {
      const doc = await ensureDocument();
      const id = crypto.randomUUID();
      focusId.current = id;
      setFresh((f) => [...f, { id, documentId: doc }]);
    } catch (e) {
      announce(errorText(e));
    } finally {
      setAdding(false);
    }
  };

  const removed = (row: { id: string; documentId: string }, record: CommentRecord | null) => {
    setFresh((f) => f.filter((x) => x.id !== row.id));
    if (!record) return; // never stored: nothing to delete or undo
    const message = t('panelCommentDeleted');
    announce(message);
    setToast({
      key: ++toastKey.current,
      message,
      undo: () =>
        void request({ type: 'comment:save', comment: { id: record.id, documentId: record.documentId, text: record.text } }).then(
          () => announce(t('panelCommentRestored')),
          (e: unknown) => announce(errorText(e)),
        ),
    });
  };

  return (
    <div class="comments-view">
      <h2>{t('panelCommentsHeading')}</h2>
      <p class="hint">{t('panelCommentsIntro')}</p>
      {live.state === 'error' && <p role="alert" class="error">{errorText(live.error)}</p>}
      {live.state === 'ready' && rows.length === 0 && <p class="empty-inline">{t('panelCommentsEmpty')}</p>}
      <ol class="comments">
        {rows.map((row, i) => (
          <CommentEditor
            key={row.id}
            id={row.id}
            documentId={row.documentId}
            record={row.record}
            index={i + 1}
            autoFocus={focusId.current === row.id}
            onDeleted={(record) => removed(row, record)}
          />
        ))}
      </ol>
      <button type="button" class="add-comment" disabled={adding} onClick={() => void add()}>
        {t('panelCommentAdd')}
      </button>
      {toast && <UndoToast key={toast.key} toast={toast} onDone={() => setToast(null)} />}
    </div>
  );
}

interface EditorProps {
  id: string;
  documentId: string;
  record: CommentRecord | null;
  index: number;
  autoFocus: boolean;
  /** The comment was deleted (its record as it was, for undo), or dropped before it was ever stored (null). */
  onDeleted(record: CommentRecord | null): void;
}

function CommentEditor({ id, documentId, record, index, autoFocus, onDeleted }: EditorProps) {
  const announce = useAnnounce();
  const [text, setText] = useState(record?.text ?? '');
  const [state, setState] = useState<SaverState<CommentRecord, Draft> | null>(null);
  const [busy, setBusy] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const saver = useMemo(
    () =>
      new DraftSaver<CommentRecord, Draft>({
        id,
        stored: record,
        save: (draft, cid, baseRevision) => saveComment(documentId, draft, cid, baseRevision),
        onState: setState,
      }),
    [id],
  );

  useEffect(() => {
    if (autoFocus) area.current?.focus();
    const stop = flushOnLeave(() => void saver.flush());
    return () => {
      stop();
      void saver.flush().finally(() => saver.close());
    };
  }, [saver]);

  // another tab (or an import) changed this comment: show it unless the reviewer's own text is pending
  useEffect(() => {
    if (record && saver.external(record)) setText(record.text);
  }, [record]);

  const conflict = state?.status === 'conflict' ? state.conflict : null;
  const label = t('panelCommentLabel', index);

  const remove = async () => {
    setBusy(true);
    try {
      await saver.flush();
      if (saver.current.revision === 0) {
        saver.close();
        return onDeleted(null);
      }
      const was = await request({ type: 'comment:delete', id });
      saver.close();
      onDeleted(was);
    } catch (e) {
      announce(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li class="comment" data-comment={id}>
      <textarea
        ref={area}
        value={text}
        rows={4}
        aria-label={label}
        placeholder={t('panelCommentPlaceholder')}
        readOnly={!!conflict}
        onInput={(e) => {
          const v = (e.target as HTMLTextAreaElement).value;
          setText(v);
          saver.edit({ text: v });
        }}
        onBlur={() => void saver.flush()}
      />
      <div class="comment-foot">
        <span class={`save-state state-${state?.status ?? 'idle'}`} data-testid="save-state">
          {statusText(state)}
        </span>
        {state?.status === 'error' && (
          <button type="button" class="link" onClick={() => void saver.flush()}>
            {t('panelActionRetry')}
          </button>
        )}
        <button type="button" class="delete" disabled={busy} aria-label={t('panelCommentDeleteLabel', index)} onClick={() => void remove()}>
          {t('panelNoteDelete')}
        </button>
      </div>
      {conflict && (
        <div class="conflict" role="alert">
          <p>{t('panelCommentConflict')}</p>
          <div class="versions">
            <figure>
              <figcaption>{t('panelCommentMine')}</figcaption>
              <p class="version-text">{conflict.mine.text}</p>
              <button type="button" onClick={() => void saver.resolve('mine')}>
                {t('panelCommentKeepMine')}
              </button>
            </figure>
            <figure>
              <figcaption>{t('panelCommentTheirs')}</figcaption>
              <p class="version-text">{conflict.theirs.text}</p>
              <button
                type="button"
                onClick={() => {
                  setText(conflict.theirs.text);
                  void saver.resolve('theirs');
                }}
              >
                {t('panelCommentKeepTheirs')}
              </button>
            </figure>
          </div>
        </div>
      )}
    </li>
  );
}

function statusText(state: SaverState<CommentRecord, Draft> | null): string {
  switch (state?.status) {
    case 'pending':
      return t('panelCommentUnsaved');
    case 'saving':
      return t('panelCommentSaving');
    case 'saved':
      return t('panelCommentSaved');
    case 'error':
      return t('panelCommentSaveFailed', t(errorKey(state.error ?? 'internal')));
    default:
      return '';
  }
}

/** One comment:save request in the shape DraftSaver expects; throws RequestError when refused. */
async function saveComment(
  documentId: string,
  draft: Draft,
  id: string,
  baseRevision: number | undefined,
): Promise<SaveAnswer<CommentRecord, Draft>> {
  const comment: Record<string, unknown> = { id, documentId, text: draft.text };
  if (baseRevision !== undefined) comment.baseRevision = baseRevision;
  const r = await request({ type: 'comment:save', comment });
  return r.ok ? { ok: true, record: r.comment } : { ok: false, conflict: { mine: { text: r.conflict.mine.text }, theirs: r.conflict.theirs } };
}
