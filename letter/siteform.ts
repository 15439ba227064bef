/**
 * The letter for a website's own comment form (互动—调查征集 and the like): each note as a short text ready to
 * paste (条款, 修改意见, 理由), and the whole letter as plain text cut into numbered parts that each fit the
 * form's character limit. DOM-free.
 */
import type { Letter } from './model';
import { renderText } from './text';
import { WORDING } from './wording';

/** The limits a reviewer picks from; any other positive number may be typed. */
export const SITE_FORM_LIMITS = [500, 1_000, 2_000] as const;
/** Below this a part cannot hold its own number and a sentence: the limit is raised to it. */
export const SITE_FORM_MIN_LIMIT = 50;

export interface SiteFormNote {
  index: number;
  noteId: string;
  /** 第三条 / 第三条（立法目的） */
  clause: string;
  /** 条款：…\n修改意见：…\n理由：… (理由 only when given) */
  text: string;
}

/** Each note of the letter as a short text for one form entry: 条款, 修改意见 and 理由, without the 原文. */
export function siteFormNotes(letter: Letter): SiteFormNote[] {
  return letter.items.map((it) => {
    const lines = [WORDING.labelled(WORDING.columns[1], it.clause), WORDING.labelled(WORDING.opinion, it.opinion)];
    if (it.reason !== '') lines.push(WORDING.labelled(WORDING.reason, it.reason));
    return { index: it.index, noteId: it.noteId, clause: it.clause, text: lines.join('\n') };
  });
}

/** （1/3） : the number a part starts with. */
export const partMarker = (n: number, of: number) => `（${n}/${of}）`;

/** Length as a form counts it: one per code point (a Chinese character is one). */
export const formLength = (s: string) => [...s].length;

/** `text` cut after sentence ends (。！？；!?; and a closing quotation mark after one), each piece kept whole. */
function sentences(text: string): string[] {
  return text.match(/[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)]*|\n+|$)/g)!.filter((s) => s !== '');
}

/** Cuts a piece longer than `max` into pieces of at most `max` code points. */
function hardCut(piece: string, max: number): string[] {
  const cps = [...piece];
  const out: string[] = [];
  for (let i = 0; i < cps.length; i += max) out.push(cps.slice(i, i + max).join(''));
  return out;
}

/**
 * Splits plain text into parts of at most `limit` characters (code points), the part number （n/N） included
 * when there is more than one part. Cuts between blocks (a blank line: between notes) first, then after
 * sentences, and only inside a sentence longer than a part. A text that fits is returned whole, unnumbered.
 * `limit` below SITE_FORM_MIN_LIMIT counts as SITE_FORM_MIN_LIMIT. Never throws.
 */
export function splitForForm(text: string, limit: number): string[] {
  const max = Math.max(SITE_FORM_MIN_LIMIT, Math.floor(Number.isFinite(limit) ? limit : SITE_FORM_MIN_LIMIT));
  const body = text.replace(/\s+$/, '');
  if (formLength(body) <= max) return [body];
  // the marker takes room in each part: guess the number of parts, and try again if the guess was short
  for (let guess = Math.ceil(formLength(body) / max) + 1; ; guess *= 2) {
    const room = max - formLength(partMarker(guess, guess));
    const parts = pack(body, room);
    if (parts.length <= guess || room <= 1) return parts.map((p, i) => partMarker(i + 1, parts.length) + p);
  }
}

function pack(body: string, room: number): string[] {
  const pieces: string[] = [];
  const blocks = body.split(/(?<=\n\n)/);
  for (const block of blocks) {
    if (formLength(block) <= room) pieces.push(block);
    else for (const s of sentences(block)) pieces.push(...(formLength(s) <= room ? [s] : hardCut(s, room)));
  }
  const parts: string[] = [];
  let current = '';
  for (const piece of pieces) {
    if (current !== '' && formLength(current) + formLength(piece) > room) {
      parts.push(current);
      current = '';
    }
    current += piece;
  }
  if (current !== '') parts.push(current);
  return parts.map((p) => p.replace(/\s+$/, '')).filter((p) => p !== '');
}

/** The whole letter as plain text in parts for a form with `limit` characters (see splitForForm). */
export function siteFormParts(letter: Letter, limit: number): string[] {
  return splitForForm(renderText(letter), limit);
}
