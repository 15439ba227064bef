/**
 * A character diff of two versions of an article, made readable for Chinese.
 *
 * Chinese has no spaces, so a word diff needs a dictionary segmenter (Intl.Segmenter), whose dictionaries differ
 * between Chrome (ICU) and Firefox (ICU4X) and across versions: the same two texts would diff differently in the
 * two browsers and in tests. A character diff (jsdiff's diffChars, Myers' algorithm) is exact and the same
 * everywhere, but raw it scatters: 负责牵头推进 against 统筹协调推进 comes out as a dozen one-character shreds
 * kept together by a shared 推 or 协. So the raw diff gets a semantic cleanup in the manner of diff-match-patch's
 * cleanupSemantic: an equal run no longer than the larger edit (deleted or inserted text) on each side of it is folded into them, and runs of
 * deletions and insertions are then gathered (all deleted text before all inserted text). The result reads as
 * whole phrases replaced.
 */
import { diffChars } from 'diff';

export type DiffOp = 'equal' | 'delete' | 'insert';

export interface DiffPart {
  op: DiffOp;
  text: string;
}

/** Equal runs at most this long are never kept between two edits (a lone 的, 和, 、 shared by chance). */
const SHORT_EQUAL = 2;

/**
 * Returns the edits that turn `before` into `after`: equal, delete and insert parts in order, their texts
 * concatenated giving back `before` (equal + delete) and `after` (equal + insert). Semantic cleanup as described
 * above. Never throws; two empty strings give [].
 */
export function diffArticle(before: string, after: string): DiffPart[] {
  if (before === after) return before === '' ? [] : [{ op: 'equal', text: before }];
  const raw: DiffPart[] = diffChars(before, after).map((c) => ({
    op: c.added ? 'insert' : c.removed ? 'delete' : 'equal',
    text: c.value,
  }));
  return cleanupSemantic(raw);
}

/** Lengths of edits before and after each equal run, and folding of short equal runs into the edits around. */
export function cleanupSemantic(parts: readonly DiffPart[]): DiffPart[] {
  let list = merge(parts);
  let changed = true;
  while (changed) {
    changed = false;
    for (let k = 1; k < list.length - 1; k++) {
      const p = list[k]!;
      if (p.op !== 'equal') continue;
      const left = editLength(list, k, -1);
      const right = editLength(list, k, +1);
      if (left === 0 || right === 0) continue;
      if (p.text.length <= SHORT_EQUAL || (p.text.length <= left && p.text.length <= right)) {
        list = [...list.slice(0, k), { op: 'delete', text: p.text }, { op: 'insert', text: p.text }, ...list.slice(k + 1)];
        list = merge(list);
        changed = true;
        break;
      }
    }
  }
  return list;
}

/** The larger of the deleted and the inserted length next to an equal run at k, in one direction. */
function editLength(list: readonly DiffPart[], k: number, step: 1 | -1): number {
  let del = 0;
  let ins = 0;
  for (let x = k + step; x >= 0 && x < list.length && list[x]!.op !== 'equal'; x += step) {
    if (list[x]!.op === 'delete') del += list[x]!.text.length;
    else ins += list[x]!.text.length;
  }
  return Math.max(del, ins);
}

/** Gathers every run of edits into one delete then one insert, and joins neighbouring equal parts. */
function merge(parts: readonly DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let del = '';
  let ins = '';
  const flush = () => {
    if (del !== '') out.push({ op: 'delete', text: del });
    if (ins !== '') out.push({ op: 'insert', text: ins });
    del = ins = '';
  };
  for (const p of parts) {
    if (p.text === '') continue;
    if (p.op === 'delete') del += p.text;
    else if (p.op === 'insert') ins += p.text;
    else {
      flush();
      const last = out[out.length - 1];
      if (last && last.op === 'equal') last.text += p.text;
      else out.push({ op: 'equal', text: p.text });
    }
  }
  flush();
  return out;
}

/** The old text (equal + delete parts) and new text (equal + insert parts) of a diff. */
export function sidesOf(parts: readonly DiffPart[]): { before: string; after: string } {
  let before = '';
  let after = '';
  for (const p of parts) {
    if (p.op !== 'insert') before += p.text;
    if (p.op !== 'delete') after += p.text;
  }
  return { before, after };
}
