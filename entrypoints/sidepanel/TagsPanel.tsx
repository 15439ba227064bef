import { useMemo, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import { request } from '../../shared/messages';
import { TAG_MAX_CHARS } from '../../storage/limits';
import { useAnnounce } from './announce';
import { Dialog } from '../../components/Dialog';
import { errorText } from './errors';
import { useLive } from './live';
import { notesWithAny, tagUsage, type TagUsage } from './notes-view';

type Action = { kind: 'rename'; tag: string } | { kind: 'merge'; tags: string[] } | { kind: 'delete'; tag: string };

const quoted = (name: string) => t('panelQuoted', name);
const quotedList = (names: readonly string[]) => names.map(quoted).join(t('panelListSeparator'));

/**
 * The tags tab: every tag of every draft with the number of notes carrying it; rename, merge several into
 * one, delete. Each states what it will change ("将从 3 条笔记中删除标签“数据”") and asks first; the
 * background does the write and every view follows.
 */
export function TagsPanel() {
  const announce = useAnnounce();
  const live = useLive(
    (db) =>
      db.transaction('r', db.tags, db.notes, async () => {
        const tags = await db.tags.toArray();
        const noteTags: string[][] = [];
        await db.notes.each((n) => {
          if (n.deleted === undefined && n.tags.length) noteTags.push(n.tags);
        });
        return { tags, noteTags };
      }),
    [],
  );
  const data = live.state === 'ready' ? live.value : null;
  const usage = useMemo(() => (data ? tagUsage(data.tags, data.noteTags) : []), [data]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [action, setAction] = useState<Action | null>(null);
  // only tags that still exist count as selected (one may have been renamed elsewhere)
  const picked = usage.filter((u) => selected.has(u.name)).map((u) => u.name);
  const countOf = (names: readonly string[]) => notesWithAny(data?.noteTags ?? [], names);

  const toggle = (name: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(name)) next.add(name);
      return next;
    });

  const done = (message: string) => {
    setAction(null);
    setSelected(new Set());
    announce(message);
  };

  return (
    <div class="tags-view">
      <h2>{t('panelTagsHeading')}</h2>
      <p class="hint">{t('panelTagsIntro')}</p>
      {live.state === 'error' && <p role="alert" class="error">{errorText(live.error)}</p>}
      {live.state === 'ready' && usage.length === 0 && <p class="empty-inline">{t('panelTagsEmpty')}</p>}
      {usage.length > 0 && (
        <>
          <div class="tag-toolbar">
            <button type="button" class="merge" disabled={picked.length < 2} onClick={() => setAction({ kind: 'merge', tags: picked })}>
              {t('panelTagsMerge', picked.length)}
            </button>
          </div>
          <ul class="tag-list" data-testid="tag-list">
            {usage.map((u) => (
              <TagRow
                key={u.name}
                tag={u}
                checked={selected.has(u.name)}
                onToggle={() => toggle(u.name)}
                onRename={() => setAction({ kind: 'rename', tag: u.name })}
                onDelete={() => setAction({ kind: 'delete', tag: u.name })}
              />
            ))}
          </ul>
        </>
      )}
      {action?.kind === 'rename' && (
        <RenameDialog
          from={action.tag}
          existing={usage}
          count={countOf([action.tag])}
          onClose={() => setAction(null)}
          onDone={(to, n) => done(t('panelTagRenamed', action.tag, to, n))}
        />
      )}
      {action?.kind === 'merge' && (
        <MergeDialog
          sources={action.tags}
          count={countOf(action.tags)}
          onClose={() => setAction(null)}
          onDone={(target, n) => done(t('panelTagsMerged', quotedList(action.tags), target, n))}
        />
      )}
      {action?.kind === 'delete' && (
        <DeleteDialog
          tag={action.tag}
          count={countOf([action.tag])}
          onClose={() => setAction(null)}
          onDone={(n) => done(t('panelTagDeleted', action.tag, n))}
        />
      )}
    </div>
  );
}

interface RowProps {
  tag: TagUsage;
  checked: boolean;
  onToggle(): void;
  onRename(): void;
  onDelete(): void;
}

function TagRow({ tag, checked, onToggle, onRename, onDelete }: RowProps) {
  return (
    <li class="tag-row" data-tag={tag.name}>
      <label class="tag-pick">
        <input type="checkbox" checked={checked} onChange={onToggle} aria-label={t('panelTagSelect', tag.name)} />
        <span class="swatch" style={{ background: tag.color }} aria-hidden="true" />
        <span class="tag-name">{tag.name}</span>
      </label>
      <span class="tag-count">{t('panelTagsCount', tag.count)}</span>
      <button type="button" class="rename" aria-label={t('panelTagRenameLabel', tag.name)} onClick={onRename}>
        {t('panelTagRename')}
      </button>
      <button type="button" class="delete" aria-label={t('panelTagDeleteLabel', tag.name)} onClick={onDelete}>
        {t('panelNoteDelete')}
      </button>
    </li>
  );
}

/** A tag name as the store will take it: trimmed, 1–TAG_MAX_CHARS characters; null when it will not. */
function cleanName(v: string): string | null {
  const s = v.trim();
  return s.length >= 1 && s.length <= TAG_MAX_CHARS ? s : null;
}

/** Runs a tag request for a dialog: busy while it runs, the error shown in the dialog when refused. */
function useRun() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async <T,>(work: () => Promise<T>, then: (v: T) => void) => {
    setBusy(true);
    setError(null);
    try {
      then(await work());
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };
  return { busy, error, run };
}

function RenameDialog(props: { from: string; existing: TagUsage[]; count: number; onClose(): void; onDone(to: string, n: number): void }) {
  const { from, existing, count, onClose, onDone } = props;
  const [value, setValue] = useState(from);
  const { busy, error, run } = useRun();
  const to = cleanName(value);
  const same = to === from;
  const merging = to !== null && !same && existing.some((e) => e.name === to);
  return (
    <Dialog
      title={t('panelTagRenameTitle')}
      confirmLabel={t('panelTagRename')}
      disabled={busy || to === null || same}
      onClose={onClose}
      onConfirm={() => void run(() => request({ type: 'tag:rename', from, to: to! }), () => onDone(to!, count))}
    >
      <label class="field-block">
        <span>{t('panelTagNewName')}</span>
        <input
          type="text"
          value={value}
          maxLength={TAG_MAX_CHARS + 20}
          autoFocus
          aria-invalid={to === null}
          onInput={(e) => setValue((e.target as HTMLInputElement).value)}
        />
      </label>
      {to === null && <p class="error">{t('panelTagNameInvalid', TAG_MAX_CHARS)}</p>}
      {to !== null && !same && <p class="confirm-text">{t('panelTagRenameConfirm', count, from, to)}</p>}
      {merging && <p class="hint">{t('panelTagRenameIntoExisting', to)}</p>}
      {error && <p role="alert" class="error">{error}</p>}
    </Dialog>
  );
}

function MergeDialog(props: { sources: string[]; count: number; onClose(): void; onDone(target: string, n: number): void }) {
  const { sources, count, onClose, onDone } = props;
  const [value, setValue] = useState(sources[0] ?? '');
  const { busy, error, run } = useRun();
  const target = cleanName(value);
  const listId = 'merge-targets';
  return (
    <Dialog
      title={t('panelTagMergeTitle')}
      confirmLabel={t('panelTagMergeAction')}
      disabled={busy || target === null}
      onClose={onClose}
      onConfirm={() => void run(() => request({ type: 'tag:merge', sources, target: target! }), () => onDone(target!, count))}
    >
      <label class="field-block">
        <span>{t('panelTagMergeTarget')}</span>
        <input
          type="text"
          list={listId}
          value={value}
          autoFocus
          aria-invalid={target === null}
          onInput={(e) => setValue((e.target as HTMLInputElement).value)}
        />
        <datalist id={listId}>
          {sources.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      </label>
      {target === null ? (
        <p class="error">{t('panelTagNameInvalid', TAG_MAX_CHARS)}</p>
      ) : (
        <p class="confirm-text">{t('panelTagMergeConfirm', count, quotedList(sources), target)}</p>
      )}
      {error && <p role="alert" class="error">{error}</p>}
    </Dialog>
  );
}

function DeleteDialog(props: { tag: string; count: number; onClose(): void; onDone(n: number): void }) {
  const { tag, count, onClose, onDone } = props;
  const { busy, error, run } = useRun();
  return (
    <Dialog
      title={t('panelTagDeleteTitle')}
      confirmLabel={t('panelNoteDelete')}
      danger
      disabled={busy}
      onClose={onClose}
      onConfirm={() => void run(() => request({ type: 'tag:delete', name: tag }), () => onDone(count))}
    >
      <p class="confirm-text">{t('panelTagDeleteConfirm', count, tag)}</p>
      {error && <p role="alert" class="error">{error}</p>}
    </Dialog>
  );
}
