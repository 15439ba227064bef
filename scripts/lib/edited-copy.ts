/**
 * A deterministic "next version" of a statute for the versions benchmark and tests: articles edited, split, merged,
 * deleted, added and moved, everything renumbered, with the truth recorded (which old articles each new article
 * came from and how), so that an alignment can be checked against it.
 */
import { toChineseNumeral } from '../../regulation/numerals';
import type { VersionArticle } from '../../versions/align';
import { seeded } from './seeded';

export type EditKind = 'same' | 'edited' | 'split' | 'merged' | 'added' | 'moved';

export interface EditedCopy {
  articles: VersionArticle[];
  /** For each new article: how it was made and the old indexes it came from (empty for added). */
  truth: Array<{ kind: EditKind; old: number[] }>;
  /** Old indexes deleted. */
  deleted: number[];
}


const INSERTS = ['县级以上人民政府', '依照有关法律、行政法规的规定', '但是法律另有规定的除外', '并及时向社会公布', '应当予以保护'];

/** Replaces a few short spans of `text` with stock phrases (about one edit per 60 characters, at least one). */
function edit(text: string, rand: () => number): string {
  let out = text;
  const edits = Math.max(1, Math.floor(text.length / 60));
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * Math.max(1, out.length - 6));
    const cut = 1 + Math.floor(rand() * 4);
    out = out.slice(0, at) + INSERTS[Math.floor(rand() * INSERTS.length)]! + out.slice(at + cut);
  }
  return out;
}

/** Splits at the paragraph break nearest the middle, else at the 。 nearest the middle; null when neither exists. */
function splitText(text: string): [string, string] | null {
  const mid = text.length / 2;
  let best = -1;
  for (const sep of ['\n', '。']) {
    for (let i = text.indexOf(sep); i !== -1; i = text.indexOf(sep, i + 1)) {
      if (i < 10 || i > text.length - 10) continue;
      if (best === -1 || Math.abs(i - mid) < Math.abs(best - mid)) best = i;
    }
    if (best !== -1) break;
  }
  if (best === -1) return null;
  const cut = text[best] === '\n' ? best : best + 1;
  return [text.slice(0, cut).trim(), text.slice(cut).trim()];
}

/**
 * Returns the edited copy of `older` made with `seed`: about every 9th article edited, every 37th split (when it
 * has a sentence to split at), every 41st merged with the next, every 53rd deleted, a new article after every
 * 47th, and every 97th moved 40 places on; then all renumbered 第一条, 第二条, …. Pure: the same input and seed give
 * the same copy.
 */
export function editedCopy(older: readonly VersionArticle[], seed = 2026): EditedCopy {
  const rand = seeded(seed);
  const out: Array<{ text: string; kind: EditKind; old: number[] }> = [];
  const deleted: number[] = [];
  const moved: Array<{ text: string; old: number; to: number }> = [];
  for (let i = 0; i < older.length; i++) {
    const text = older[i]!.text;
    if (i % 53 === 52) {
      deleted.push(i);
      continue;
    }
    if (i % 97 === 96 && i + 40 < older.length) {
      moved.push({ text, old: i, to: i + 40 });
      continue;
    }
    if (i % 41 === 40 && i + 1 < older.length && (i + 1) % 53 !== 52 && (i + 1) % 97 !== 96) {
      out.push({ text: `${text}\n${older[i + 1]!.text}`, kind: 'merged', old: [i, i + 1] });
      i++;
      continue;
    }
    const halves = i % 37 === 36 ? splitText(text) : null;
    if (halves !== null) {
      out.push({ text: halves[0], kind: 'split', old: [i] }, { text: halves[1], kind: 'split', old: [i] });
    } else if (i % 9 === 4 && text.length > 20) {
      out.push({ text: edit(text, rand), kind: 'edited', old: [i] });
    } else {
      out.push({ text, kind: 'same', old: [i] });
    }
    if (i % 47 === 46) {
      out.push({ text: `为了落实第${toChineseNumeral(i + 1)}条新增要求，有关部门应当在${2 + (i % 5)}个月内制定配套办法，并向社会公布实施情况（新增第${i}号）。`, kind: 'added', old: [] });
    }
    for (const m of moved) if (m.to === i) out.push({ text: m.text, kind: 'moved', old: [m.old] });
  }
  const articles = out.map((a, k) => ({ number: k + 1, sub: 0, label: `第${toChineseNumeral(k + 1)}条`, text: a.text }));
  return { articles, truth: out.map((a) => ({ kind: a.kind, old: a.old })), deleted };
}
