import { useRef, useState } from 'preact/hooks';
import { stanceLabel } from '../../components/stance';
import { t } from '../../shared/i18n';
import { request, type NotesReplies } from '../../shared/messages';
import type { ImportConflict } from '../../storage/backup';
import type { CommentRecord, NoteRecord } from '../../storage/schema';
import { useAnnounce } from './announce';
import { conflictKey, resolutionRequests, type ConflictChoice } from './backup-conflicts';
import { errorText } from './errors';

type ItemState =
  | { kind: 'open'; note?: 'changed' | 'failed'; error?: string }
  | { kind: 'busy' }
  | { kind: 'done'; choice: ConflictChoice };

const date = (ms: number) => new Date(ms).toLocaleString();

/**
 * The notes and general comments an import found with different text here and in the file: each shown with
 * both versions side by side (as the two-tab conflict), and three choices: keep this browser's, take the
 * file's, keep both. Nothing is written until the reviewer chooses; a choice on a note that changed
 * meanwhile shows the new text and asks again.
 */
export function BackupConflicts({ conflicts: initial }: { conflicts: ImportConflict[] }) {
  const announce = useAnnounce();
  const [conflicts, setConflicts] = useState(initial);
  const [states, setStates] = useState<Record<string, ItemState>>({});
  const list = useRef<HTMLOListElement>(null);
  const stateOf = (c: ImportConflict): ItemState => states[conflictKey(c)] ?? { kind: 'open' };
  const setState = (key: string, s: ItemState) => setStates((all) => ({ ...all, [key]: s }));
  const left = conflicts.filter((c) => stateOf(c).kind !== 'done').length;

  const choose = async (c: ImportConflict, choice: ConflictChoice, index: number) => {
    const key = conflictKey(c);
    setState(key, { kind: 'busy' });
    try {
      for (const message of resolutionRequests(c, choice)) {
        const answer = (await request(message)) as NotesReplies['note:save'] | NotesReplies['comment:save'] | NoteRecord;
        if ('ok' in answer && !answer.ok) {
          // changed since the import read it: show what is stored now and ask again
          const stored = answer.conflict.theirs;
          setConflicts((all) => all.map((x) => (conflictKey(x) === key ? ({ ...x, mine: stored } as ImportConflict) : x)));
          setState(key, { kind: 'open', note: 'changed' });
          announce(t('storageConflictChanged'));
          return;
        }
      }
      setState(key, { kind: 'done', choice });
      announce(doneText(choice));
      // the next open conflict gets the focus, so a keyboard user goes on where they are
      const next = list.current?.querySelectorAll<HTMLElement>('li.import-conflict')[index + 1];
      next?.querySelector<HTMLButtonElement>('button')?.focus();
    } catch (e) {
      setState(key, { kind: 'open', note: 'failed', error: errorText(e) });
    }
  };

  return (
    <section class="import-conflicts" aria-labelledby="import-conflicts-heading" data-testid="import-conflicts">
      <h3 id="import-conflicts-heading">{t('storageConflictsHeading', conflicts.length)}</h3>
      <p class="hint">{left > 0 ? t('storageConflictsIntro') : t('storageConflictsDone')}</p>
      <ol ref={list}>
        {conflicts.map((c, i) => {
          const s = stateOf(c);
          return (
            <li key={conflictKey(c)} class="import-conflict conflict" data-kind={c.kind} data-id={c.mine.id} data-state={s.kind}>
              <h4>{c.kind === 'note' ? t('storageConflictNote', c.mine.article.label) : t('storageConflictComment')}</h4>
              {s.kind === 'done' ? (
                <p class="resolved" role="status">
                  {doneText(s.choice)}
                </p>
              ) : (
                <>
                  {s.kind === 'open' && s.note === 'changed' && <p role="alert">{t('storageConflictChanged')}</p>}
                  {s.kind === 'open' && s.note === 'failed' && <p role="alert">{s.error}</p>}
                  <div class="versions">
                    <figure data-side="mine">
                      <figcaption>
                        {t('storageConflictHere', date(c.mine.updatedAt))}
                        {c.kind === 'note' && c.mine.deleted !== undefined && ` ${t('storageConflictInBin')}`}
                      </figcaption>
                      <Version c={c} side="mine" />
                    </figure>
                    <figure data-side="theirs">
                      <figcaption>{t('storageConflictFile', date(c.theirs.updatedAt))}</figcaption>
                      <Version c={c} side="theirs" />
                    </figure>
                  </div>
                  <div class="conflict-choices">
                    <button type="button" class="keep-mine" disabled={s.kind === 'busy'} onClick={() => void choose(c, 'mine', i)}>
                      {t('storageConflictKeepMine')}
                    </button>
                    <button type="button" class="take-theirs" disabled={s.kind === 'busy'} onClick={() => void choose(c, 'theirs', i)}>
                      {t('storageConflictTakeFile')}
                    </button>
                    <button type="button" class="keep-both" disabled={s.kind === 'busy'} onClick={() => void choose(c, 'both', i)}>
                      {t('storageConflictKeepBoth')}
                    </button>
                  </div>
                </>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function doneText(choice: ConflictChoice): string {
  return t(choice === 'mine' ? 'storageConflictKeptMine' : choice === 'theirs' ? 'storageConflictTookFile' : 'storageConflictKeptBoth');
}

function Version({ c, side }: { c: ImportConflict; side: 'mine' | 'theirs' }) {
  if (c.kind === 'comment') return <p class="version-text">{(c[side] as CommentRecord).text}</p>;
  const n = c[side] as NoteRecord;
  return (
    <div class="version-note">
      <p>
        <strong>{stanceLabel(n.stance)}</strong>
      </p>
      {n.suggestion && <p class="version-text suggestion">{n.suggestion}</p>}
      {n.reason && <p class="version-text muted reason">{n.reason}</p>}
      {n.comment && <p class="version-text muted comment">{n.comment}</p>}
      {n.tags.length > 0 && <p class="muted tags">{n.tags.join('、')}</p>}
    </div>
  );
}
