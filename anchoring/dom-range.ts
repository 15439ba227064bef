/**
 * Article offsets ⇄ DOM ranges. An article's `text` is built by regulation/outline.ts from the page's
 * blocks: the heading block's text after `bodyOffset`, then each later block of the article that is
 * neither blank nor a link list, each passed through cleanText (runs of [ \t\r\n\f\v\u00a0] → one
 * space, then the edges trimmed of \s, U+3000, U+00A0, U+FEFF), non-empty ones joined with "\n".
 * This module replays that transform with a map from every character of `text` back to the block
 * text (and so to a text node and offset), and checks that the replay gives `text` exactly: blocks
 * that no longer hold the article give null, never a range over the wrong characters.
 *
 * The round-trip rule: for 0 ≤ start < end ≤ text.length,
 *   passageToRanges(...).map((r) => r.toString().replace(/[ \t\r\n\f\v\u00a0]+/g, ' ')).join('\n')
 *   === text.slice(start, end) with leading and trailing "\n" removed,
 * because each range covers one block (a "\n" is the gap between two ranges) and a collapsed space
 * maps to its whole whitespace run.
 */
import type { Block } from '../page/blocks';
import { firstNonSpace } from '../regulation/headings';
import type { Article } from '../regulation/types';

type MappedArticle = Pick<Article, 'text' | 'paragraphs' | 'bodyOffset'>;

interface Piece {
  /** Index of the block in `blocks`. */
  block: number;
  /** Offset in the article text where this block's cleaned text starts. */
  at: number;
  /** For each character of the cleaned text: where it starts and ends in block.text. */
  from: Int32Array;
  to: Int32Array;
}

const EDGE_RE = /[\s\u3000\u00a0\ufeff]/;

function isInner(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0;
}

/** cleanText(src.slice(offset)) with, for each output character, its source span in src. */
function cleanWithMap(src: string, offset: number): { text: string; from: Int32Array; to: Int32Array } {
  const chars: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let i = offset;
  while (i < src.length) {
    if (isInner(src.charCodeAt(i))) {
      let j = i + 1;
      while (j < src.length && isInner(src.charCodeAt(j))) j++;
      chars.push(' ');
      from.push(i);
      to.push(j);
      i = j;
    } else {
      chars.push(src[i]!);
      from.push(i);
      to.push(i + 1);
      i++;
    }
  }
  let a = 0;
  let b = chars.length;
  while (a < b && EDGE_RE.test(chars[a]!)) a++;
  while (b > a && EDGE_RE.test(chars[b - 1]!)) b--;
  return { text: chars.slice(a, b).join(''), from: Int32Array.from(from.slice(a, b)), to: Int32Array.from(to.slice(a, b)) };
}

const cache = new WeakMap<object, { blocks: readonly Block[]; pieces: Piece[] | null }>();

/** The article's pieces, one per contributing block, or null when the blocks do not rebuild its text. */
function mapArticle(blocks: readonly Block[], article: MappedArticle): Piece[] | null {
  const hit = cache.get(article);
  if (hit !== undefined && hit.blocks === blocks) return hit.pieces;
  const pieces = buildPieces(blocks, article);
  cache.set(article, { blocks, pieces });
  return pieces;
}

function buildPieces(blocks: readonly Block[], article: MappedArticle): Piece[] | null {
  const [first, end] = article.paragraphs;
  if (!Number.isInteger(first) || !Number.isInteger(end) || first < 0 || end > blocks.length || first >= end) return null;
  const pieces: Piece[] = [];
  const parts: string[] = [];
  let at = 0;
  for (let p = first; p < end; p++) {
    const b = blocks[p]!;
    let offset = 0;
    if (p === first) {
      offset = article.bodyOffset;
      if (offset >= b.text.length) continue;
    } else if (firstNonSpace(b.text) >= b.text.length || b.link) continue;
    const c = cleanWithMap(b.text, offset);
    if (c.text.length === 0) continue;
    if (parts.length) at += 1; // the "\n" between paragraphs
    pieces.push({ block: p, at, from: c.from, to: c.to });
    parts.push(c.text);
    at += c.text.length;
  }
  return parts.join('\n') === article.text ? pieces : null;
}

/** The text node and offset in it for block text offset `pos`: in the node holding the character at
 * `pos` (a start), or the one holding the character before it (an end). */
function nodeAt(block: Block, pos: number, isEnd: boolean): { node: Text; offset: number } | null {
  const starts = block.starts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (isEnd ? starts[mid]! < pos : starts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  const node = block.nodes[lo];
  if (node === undefined) return null;
  const offset = pos - starts[lo]!;
  return offset >= 0 && offset <= node.length ? { node, offset } : null;
}

/** Whether the block's text nodes are still in the page and still read as the block's text. */
function isLive(block: Block): boolean {
  let at = 0;
  for (let j = 0; j < block.nodes.length; j++) {
    const node = block.nodes[j]!;
    if (!node.isConnected || block.starts[j] !== at || !block.text.startsWith(node.data, at)) return false;
    at += node.data.length;
  }
  return at === block.text.length;
}

/**
 * Returns the DOM ranges covering `article.text.slice(start, end)`: one Range per block the slice
 * touches, in order, each from the first to the last text-node character of that block's part
 * (indentation, the label and the "\n" between paragraphs are never inside a range; an empty list
 * when the slice is only "\n"). Returns null when the offsets are not integers with
 * 0 ≤ start < end ≤ text.length, or when `blocks` (the array the outline was parsed from) no longer
 * rebuild the article's text exactly, or their text nodes have changed or left the page since they
 * were read. Never throws.
 */
export function passageToRanges(blocks: readonly Block[], article: MappedArticle, start: number, end: number): Range[] | null {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > article.text.length || start >= end) return null;
  const pieces = mapArticle(blocks, article);
  if (pieces === null) return null;
  const ranges: Range[] = [];
  try {
    for (const piece of pieces) {
      const len = piece.from.length;
      const s = Math.max(start, piece.at);
      const e = Math.min(end, piece.at + len);
      if (s >= e) continue;
      const block = blocks[piece.block]!;
      if (!isLive(block)) return null;
      const a = nodeAt(block, piece.from[s - piece.at]!, false);
      const b = nodeAt(block, piece.to[e - 1 - piece.at]!, true);
      if (a === null || b === null) return null;
      const range = a.node.ownerDocument.createRange();
      range.setStart(a.node, a.offset);
      range.setEnd(b.node, b.offset);
      ranges.push(range);
    }
  } catch {
    return null; // the DOM changed under the blocks
  }
  return ranges;
}

/** The part [a, b) of a text node's data inside `range`, or null. */
function intersect(range: Range, node: Text): [number, number] | null {
  const len = node.length;
  const sc = range.startContainer === node;
  const ec = range.endContainer === node;
  if (!sc && !ec) return range.comparePoint(node, 0) === 0 && range.comparePoint(node, len) === 0 && len > 0 ? [0, len] : null;
  const a = sc ? range.startOffset : 0;
  const b = ec ? range.endOffset : len;
  return a < b ? [a, b] : null;
}

const NON_SPACE = /\S/;

function touchesText(range: Range, block: Block | undefined): boolean {
  if (block === undefined) return false;
  for (const node of block.nodes) {
    const part = intersect(range, node);
    if (part !== null && NON_SPACE.test(node.data.slice(part[0], part[1]))) return true;
  }
  return false;
}

/** First index k with sorted[k] > pos (sorted.length when none). */
function firstAbove(sorted: Int32Array, pos: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! > pos) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Returns the article-text offsets {start, end} of the characters of `article.text` that `range`
 * covers (a user's selection), clipped to the article's text: a selection that begins in the label
 * or indentation starts at the first text character. Returns null when the range is collapsed,
 * covers no character of the article's text, reaches non-blank text of the blocks just before or
 * after the article (it is not inside this one article), or when `blocks` no longer rebuild the
 * article's text or no longer match the page. Never throws.
 */
export function rangeToPassage(
  blocks: readonly Block[],
  article: MappedArticle,
  range: Range,
): { start: number; end: number } | null {
  const pieces = mapArticle(blocks, article);
  if (pieces === null || range.collapsed) return null;
  try {
    const [first, end] = article.paragraphs;
    if (touchesText(range, blocks[first - 1]) || touchesText(range, blocks[end])) return null;
    let lo = Infinity;
    let hi = -1;
    for (const piece of pieces) {
      const block = blocks[piece.block]!;
      if (!isLive(block)) return null;
      for (let j = 0; j < block.nodes.length; j++) {
        const part = intersect(range, block.nodes[j]!);
        if (part === null) continue;
        const srcA = block.starts[j]! + part[0];
        const srcB = block.starts[j]! + part[1];
        const k0 = firstAbove(piece.to, srcA); // first character ending after srcA
        const k1 = firstAbove(piece.from, srcB - 1) - 1; // last character starting before srcB
        if (k0 <= k1) {
          lo = Math.min(lo, piece.at + k0);
          hi = Math.max(hi, piece.at + k1 + 1);
        }
      }
    }
    return hi < 0 ? null : { start: lo, end: hi };
  } catch {
    return null;
  }
}
