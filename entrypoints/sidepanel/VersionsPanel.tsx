import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Outline } from '../../regulation/types';
import { t, type MessageKey } from '../../shared/i18n';
import { request } from '../../shared/messages';
import { versionsRequest } from '../../shared/version-messages';
import type { DocumentRecord, NoteRecord } from '../../storage';
import type { FateOverrideRecord, VersionLinkRecord, VersionTextRecord } from '../../storage/versions';
import { alignVersions, mostlyAlike, type Alignment, type ChangeKind, type VersionArticle } from '../../versions/align';
import { diffArticle } from '../../versions/diff';
import { FATES, fateSummary, noteFates, type Fate, type NoteFate } from '../../versions/fates';
import { buildFollowUpLetter, carryNote, effectiveFate } from '../../versions/followup';
import { loadProfile } from '../../components/profile-store';
import { stanceLabel } from '../../components/stance';
import { letterFileName, renderDocx } from '../../letter';
import { baseTitle, sameRegulation, titleStatus } from '../../versions/title';
import { declineKey } from '../../versions/page';
import { DECLINED_KEY } from '../../shared/page-version-messages';
import { browser } from 'wxt/browser';
import { useAnnounce } from './announce';
import { useLive } from './live';

export type { VersionAt } from './version-text';
import type { VersionAt } from './version-text';

interface Data {
  documents: DocumentRecord[];
  texts: Map<string, VersionTextRecord>;
  links: VersionLinkRecord[];
}

const KIND_LABEL: Record<ChangeKind, MessageKey> = {
  unchanged: 'versionsKindUnchanged',
  changed: 'versionsKindChanged',
  moved: 'versionsKindMoved',
  split: 'versionsKindSplit',
  merged: 'versionsKindMerged',
  added: 'versionsKindAdded',
  deleted: 'versionsKindDeleted',
};
const FATE_LABEL: Record<Fate, MessageKey> = {
  adopted: 'versionsFateAdopted',
  modified: 'versionsFateModified',
  unchanged: 'versionsFateUnchanged',
  deleted: 'versionsFateDeleted',
};

const docTitle = (d: DocumentRecord | undefined, text: VersionTextRecord | undefined) => d?.title ?? text?.title ?? d?.url ?? '';

/**
 * The "版本" tab: this draft's chain of versions, an offer to link a reviewed draft of the same regulation as the
 * earlier version (the reviewer decides), a hand link, and against the earlier version: the article-by-article
 * comparison with a character diff, the fate of each note (overrulable), and carrying the notes over.
 */
export function VersionsPanel({ outline, documentId, at = null }: { outline: Outline; documentId: string | null; at?: VersionAt | null }) {
  const announce = useAnnounce();
  const live = useLive<Data>(
    async (db) => {
      const [documents, texts, links] = await Promise.all([db.documents.toArray(), db.versionTexts.toArray(), db.versionLinks.toArray()]);
      return { documents, texts: new Map(texts.map((x) => [x.documentId, x])), links };
    },
    [],
  );
  const [error, setError] = useState('');

  if (documentId === null) return <p class="empty">{t('versionsNoDocument')}</p>;
  if (live.state !== 'ready') return <p class="empty">{t('panelLoading')}</p>;
  const { documents, texts, links } = live.value;
  const byId = new Map(documents.map((d) => [d.id, d]));
  const earlier = links.find((l) => l.to === documentId);
  const later = links.find((l) => l.from === documentId);

  const chain: string[] = [documentId];
  for (let at = earlier, guard = 0; at && guard < 100; guard++) {
    chain.unshift(at.from);
    at = links.find((l) => l.to === at!.from);
  }
  for (let at = later, guard = 0; at && guard < 100; guard++) {
    chain.push(at.to);
    at = links.find((l) => l.from === at!.to);
  }

  const link = async (from: string) => {
    setError('');
    try {
      await versionsRequest({ type: 'versions:link', from, to: documentId });
      announce(t('versionsLinked'));
    } catch (e) {
      setError(t('versionsLinkFailed'));
      console.warn('regdraft: link failed', e);
    }
  };
  const unlink = async (id: string) => {
    if (!confirm(t('versionsUnlinkConfirm'))) return;
    await versionsRequest({ type: 'versions:unlink', id }).catch(() => setError(t('versionsLinkFailed')));
  };

  const others = documents.filter((d) => d.id !== documentId && texts.has(d.id) && !chain.includes(d.id));
  return (
    <div class="versions" data-testid="versions">
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <section aria-labelledby="versions-chain-h">
        <h2 id="versions-chain-h">{t('versionsChain')}</h2>
        <ol class="version-chain" data-testid="version-chain">
          {chain.map((id) => {
            const d = byId.get(id);
            const status = titleStatus(docTitle(d, texts.get(id))) ?? t('versionsStatusNone');
            return (
              <li key={id} aria-current={id === documentId ? 'true' : undefined}>
                {docTitle(d, texts.get(id)) || id} <span class="status">({status})</span>
              </li>
            );
          })}
        </ol>
      </section>
      {!earlier && <Offer outline={outline} documentId={documentId} candidates={others} texts={texts} onLink={link} />}
      {!earlier && others.length > 0 && <HandLink others={others} texts={texts} onLink={link} />}
      {earlier && (
        <Compare
          key={earlier.id}
          link={earlier}
          older={texts.get(earlier.from)}
          olderDoc={byId.get(earlier.from)}
          outline={outline}
          documentId={documentId}
          at={at}
          onUnlink={() => void unlink(earlier.id)}
        />
      )}
    </div>
  );
}

/** A reviewed draft of the same regulation whose articles are mostly alike: "这是《…》的新版本吗?". */
function Offer(props: {
  outline: Outline;
  documentId: string;
  candidates: DocumentRecord[];
  texts: Map<string, VersionTextRecord>;
  onLink: (from: string) => void;
}) {
  const { outline, candidates, texts, documentId } = props;
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  // "不是" answered here or in the page's banner is remembered for that pair (storage.local, kept by the background)
  const [declined, setDeclined] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    void browser.storage.local
      .get(DECLINED_KEY)
      .then((v) => setDeclined(new Set(Array.isArray(v[DECLINED_KEY]) ? (v[DECLINED_KEY] as string[]) : [])))
      .catch(() => undefined);
  }, [documentId]);
  const decline = (from: string) => {
    setDismissed(new Set([...dismissed, from]));
    void browser.runtime.sendMessage({ type: 'versions:decline', from, to: documentId }).catch(() => undefined);
  };
  const offers = useMemo(
    () =>
      candidates.filter((d) => {
        const text = texts.get(d.id)!;
        if (!sameRegulation(d.title ?? text.title, outline.title)) return false;
        return mostlyAlike(alignVersions(text.articles, outline.articles));
      }),
    [candidates, texts, outline],
  );
  const shown = offers.filter((d) => !dismissed.has(d.id) && !declined.has(declineKey(d.id, documentId)));
  if (shown.length === 0) return null;
  return (
    <section class="version-offer" aria-labelledby="versions-offer-h" data-testid="version-offer">
      <h2 id="versions-offer-h">{t('versionsOfferHeading')}</h2>
      {shown.map((d) => (
        <p key={d.id}>
          {t('versionsOffer', d.title ?? texts.get(d.id)?.title ?? '')}{' '}
          <button type="button" onClick={() => props.onLink(d.id)}>
            {t('versionsOfferYes')}
          </button>{' '}
          <button type="button" onClick={() => decline(d.id)}>
            {t('versionsOfferNo')}
          </button>
        </p>
      ))}
    </section>
  );
}

/** Link any reviewed document as the earlier version, by hand. */
function HandLink(props: { others: DocumentRecord[]; texts: Map<string, VersionTextRecord>; onLink: (from: string) => void }) {
  const [chosen, setChosen] = useState('');
  return (
    <section aria-labelledby="versions-hand-h">
      <h2 id="versions-hand-h">{t('versionsHandLink')}</h2>
      <select value={chosen} aria-label={t('versionsHandLink')} onChange={(e) => setChosen((e.target as HTMLSelectElement).value)} data-testid="version-pick">
        <option value="">{t('versionsPick')}</option>
        {props.others.map((d) => (
          <option key={d.id} value={d.id}>
            {d.title ?? props.texts.get(d.id)?.title ?? d.url}
          </option>
        ))}
      </select>{' '}
      <button type="button" disabled={chosen === ''} onClick={() => props.onLink(chosen)}>
        {t('versionsLinkButton')}
      </button>
    </section>
  );
}

function Compare(props: {
  link: VersionLinkRecord;
  older: VersionTextRecord | undefined;
  olderDoc: DocumentRecord | undefined;
  outline: Outline;
  documentId: string;
  at: VersionAt | null;
  onUnlink: () => void;
}) {
  const { link, older, outline, at } = props;
  const announce = useAnnounce();
  const [kind, setKind] = useState<ChangeKind | 'all' | 'edits'>('edits');
  const [busy, setBusy] = useState(false);
  const notesLive = useLive(
    async (db) => {
      const [notes, overrides] = await Promise.all([
        db.notes.where('documentId').equals(link.from).toArray(),
        db.fateOverrides.where('[from+to]').equals([link.from, link.to]).toArray(),
      ]);
      return { notes: notes.filter((n) => n.deleted === undefined), overrides };
    },
    [link.from, link.to],
  );
  const olderArticles: VersionArticle[] = older?.articles ?? [];
  const alignment: Alignment = useMemo(() => alignVersions(olderArticles, outline.articles), [older, outline]);
  // the page's marker asked for this article: its row is shown (whatever the filter), scrolled to and focused
  const shownAt = useRef(0);
  useEffect(() => {
    if (!at || !older || shownAt.current === at.key) return;
    shownAt.current = at.key; // once per ask: a later refresh of the page's outline leaves the focus where it is
    const row = alignment.rows[alignment.newRow[at.index] ?? -1];
    if (row && !(kind === 'all' || (kind === 'edits' ? row.kind !== 'unchanged' : row.kind === kind))) setKind('all');
    requestAnimationFrame(() => {
      const li = document.querySelector<HTMLElement>(`.version-rows [data-new~="${at.index}"]`);
      li?.scrollIntoView({ block: 'center' });
      li?.focus();
    });
  }, [at?.key, alignment]);
  if (!older) return <p class="empty">{t('versionsNoText')}</p>;

  const notes: NoteRecord[] = notesLive.state === 'ready' ? notesLive.value.notes : [];
  const overrides = new Map<string, Fate>(
    (notesLive.state === 'ready' ? notesLive.value.overrides : ([] as FateOverrideRecord[])).map((o) => [o.noteId, o.fate]),
  );
  const fates = noteFates(notes, { older: olderArticles, newer: outline.articles, alignment });
  const summary = fateSummary(fates, overrides);
  const carriedFrom = new Set(Object.values(link.carried));
  const toCarry = fates.filter((f) => !carriedFrom.has(f.noteId) && f.newIndexes.length > 0);

  const rows = alignment.rows.filter((r) =>
    kind === 'all' ? true : kind === 'edits' ? r.kind !== 'unchanged' : r.kind === kind,
  );
  const c = alignment.counts;

  const carry = async () => {
    setBusy(true);
    const carried: Record<string, string> = {};
    try {
      for (const f of toCarry) {
        const note = notes.find((n) => n.id === f.noteId)!;
        const made = carryNote(note, f, outline.articles, props.documentId);
        if (!made) continue;
        const tag = t('versionsCarriedTag');
        const saved = await request({ type: 'note:save', note: { ...made.input, tags: [...new Set([...made.input.tags, tag])] } as never });
        if (saved.ok) carried[saved.note.id] = made.from;
      }
      await versionsRequest({ type: 'versions:carried', linkId: link.id, carried });
      announce(t('versionsCarried', Object.keys(carried).length));
    } catch (e) {
      console.warn('regdraft: carrying notes failed', e);
      announce(t('versionsCarryFailed'));
    } finally {
      setBusy(false);
    }
  };

  // (the compare table's module, with the .docx writer, is loaded on first use: not with the side panel)
  const compareTable = () => import('../../versions/compare-table');
  const table = (m: Awaited<ReturnType<typeof compareTable>>) =>
    m.buildCompareTable(olderArticles, outline.articles, alignment, baseTitle(outline.title) || t('versionsUntitled'));
  const exportDocx = async () => {
    try {
      const m = await compareTable();
      const t0 = table(m);
      const bytes = await m.renderCompareDocx(t0);
      const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `${t0.title.replace(/[\\/:*?"<>|]/g, '')}.docx`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      announce(t('versionsExported'));
    } catch (e) {
      console.warn('regdraft: compare table export failed', e);
      announce(t('versionsExportFailed'));
    }
  };
  const download = (bytes: Uint8Array, name: string) => {
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  /** The letter for the next round: the points not adopted, on the new article numbers and text. */
  const followUp = async () => {
    try {
      const o = outline;
      const letter = buildFollowUpLetter({
        notice: { title: o.title, issuer: o.issuer, deadline: o.deadline, channels: o.channels },
        notes,
        fates,
        overrides,
        newer: outline.articles,
        comments: [],
        profile: await loadProfile(),
        options: { form: 'prose' },
        today: new Date().toLocaleDateString('sv'),
      });
      if (letter.empty) return announce(t('versionsFollowUpEmpty'));
      download(await renderDocx(letter), letterFileName(letter, 'docx'));
      announce(t('versionsExported'));
    } catch (e) {
      console.warn('regdraft: follow-up letter failed', e);
      announce(t('versionsExportFailed'));
    }
  };
  const print = async () => {
    const m = await compareTable();
    const frame = document.createElement('iframe');
    frame.style.cssText = 'position:fixed;width:0;height:0;border:0;';
    frame.srcdoc = m.renderCompareHtml(table(m));
    frame.onload = () => {
      frame.contentWindow?.print();
      setTimeout(() => frame.remove(), 60_000);
    };
    document.body.append(frame);
  };

  return (
    <>
      <section aria-labelledby="versions-compare-h">
        <h2 id="versions-compare-h">{t('versionsCompareWith', props.olderDoc?.title ?? older.title ?? '')}</h2>
        <p class="counts" data-testid="version-counts">
          {t('versionsCounts', c.unchanged, c.changed + c.moved + c.split + c.merged, c.added, c.deleted, alignment.renumbered)}
        </p>
        <label>
          {t('versionsFilter')}{' '}
          <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as typeof kind)} data-testid="version-filter">
            <option value="edits">{t('versionsFilterEdits')}</option>
            <option value="all">{t('versionsFilterAll')}</option>
            {(Object.keys(KIND_LABEL) as ChangeKind[]).map((k) => (
              <option key={k} value={k}>
                {t(KIND_LABEL[k])} ({c[k]})
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="button" class="link-like" onClick={props.onUnlink}>
          {t('versionsUnlink')}
        </button>
        <p>
          <button type="button" onClick={() => void exportDocx()} data-testid="compare-docx">
            {t('versionsExportDocx')}
          </button>{' '}
          <button type="button" onClick={print} data-testid="compare-print">
            {t('versionsPrint')}
          </button>
        </p>
        {rows.length === 0 && <p class="empty">{t('versionsNoRows')}</p>}
        <ol class="version-rows" data-testid="version-rows">
          {rows.map((r, k) => (
            <CompareRow key={k} row={r} older={olderArticles} newer={outline.articles} />
          ))}
        </ol>
      </section>
      <section aria-labelledby="versions-fates-h">
        <h2 id="versions-fates-h">{t('versionsFates')}</h2>
        {notes.length === 0 ? (
          <p class="empty">{t('versionsNoNotes')}</p>
        ) : (
          <>
            <p class="counts" data-testid="fate-summary">
              {t('versionsFateSummary', summary.total, summary.adopted, summary.modified, summary.unchanged, summary.deleted)}
            </p>
            <button type="button" disabled={busy || toCarry.length === 0} onClick={() => void carry()} data-testid="carry">
              {toCarry.length === 0 ? t('versionsCarriedAll') : t('versionsCarry', toCarry.length)}
            </button>{' '}
            <button type="button" onClick={() => void followUp()} data-testid="follow-up">
              {t('versionsFollowUp')}
            </button>
            <ul class="fates" data-testid="fates">
              {fates.map((f) => (
                <FateItem key={f.noteId} fate={f} note={notes.find((n) => n.id === f.noteId)!} override={overrides.get(f.noteId)} link={link} newer={outline.articles} />
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}

function CompareRow({ row, older, newer }: { row: Alignment['rows'][number]; older: readonly VersionArticle[]; newer: readonly VersionArticle[] }) {
  const oldLabels = row.old.map((i) => older[i]!.label).join('、');
  const newLabels = row.new.map((j) => newer[j]!.label).join('、');
  const before = row.old.map((i) => older[i]!.text).join('\n');
  const after = row.new.map((j) => newer[j]!.text).join('\n');
  return (
    <li class={`version-row ${row.kind}`} data-kind={row.kind} data-new={row.new.join(' ')} tabIndex={-1}>
      <div class="row-head">
        <span class="kind">{t(KIND_LABEL[row.kind])}</span> {oldLabels || '—'} → {newLabels || '—'}
        {row.renumbered && <span class="renumbered"> {t('versionsRenumbered')}</span>}
      </div>
      {row.kind === 'added' ? (
        <p class="diff">
          <ins>{after}</ins>
        </p>
      ) : row.kind === 'deleted' ? (
        <p class="diff">
          <del>{before}</del>
        </p>
      ) : row.textChanged ? (
        <p class="diff">
          {diffArticle(before, after).map((p, k) =>
            p.op === 'equal' ? <span key={k}>{p.text}</span> : p.op === 'delete' ? <del key={k}>{p.text}</del> : <ins key={k}>{p.text}</ins>,
          )}
        </p>
      ) : null}
    </li>
  );
}

function FateItem(props: { fate: NoteFate; note: NoteRecord; override: Fate | undefined; link: VersionLinkRecord; newer: readonly VersionArticle[] }) {
  const { fate, note, override, link } = props;
  const shown = effectiveFate(fate, override ? new Map([[fate.noteId, override]]) : new Map());
  const where = fate.newIndexes.map((j) => props.newer[j]!.label).join('、');
  const set = (value: string) =>
    void versionsRequest({
      type: 'versions:overrule',
      from: link.from,
      to: link.to,
      noteId: note.id,
      fate: value === '' ? null : (value as Fate),
    }).catch((e: unknown) => console.warn('regdraft: overrule failed', e));
  return (
    <li class={`fate ${shown}`} data-fate={shown} data-note={note.id}>
      <div>
        <strong>{note.article.label}</strong> {stanceLabel(note.stance)}
        {note.suggestion && <span class="suggestion">：{note.suggestion.slice(0, 80)}</span>}
      </div>
      <div>
        <span class="badge">{t(FATE_LABEL[shown])}</span>
        {where && <span class="where"> {t('versionsNowAt', where)}</span>}{' '}
        <select
          aria-label={t('versionsOverrule', note.article.label)}
          value={override ?? ''}
          onChange={(e) => set((e.target as HTMLSelectElement).value)}
        >
          <option value="">{t('versionsFateAuto', t(FATE_LABEL[fate.fate]))}</option>
          {FATES.map((f) => (
            <option key={f} value={f}>
              {t(FATE_LABEL[f])}
            </option>
          ))}
        </select>
      </div>
    </li>
  );
}
