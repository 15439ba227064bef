/**
 * The letter as Markdown (CommonMark with a GFM table for the table form), for pasting into editors and issue
 * trackers. The reviewer's text is escaped so that it reads exactly as typed, never as markup.
 */
import type { Letter, LetterItem } from './model';
import type { RenderOptions } from './text';
import { WORDING } from './wording';

/**
 * Escapes text for a Markdown paragraph: every ASCII punctuation mark that can start markup is backslash-escaped,
 * and so are line-start markers (#, -, +, =, 1.). Returns one escaped string per line.
 */
function escapeLines(text: string): string[] {
  return text.split('\n').map((line) =>
    line
      .replace(/[\\`*_[\]<>|~&#]/g, '\\$&')
      .replace(/^(\s*)([-+=])/, '$1\\$2')
      .replace(/^(\s*\d+)([.)])/, '$1\\$2'),
  );
}

/** A paragraph per line of `text`, the first one after `lead` (already Markdown). */
function paragraphs(lead: string, text: string): string[] {
  const lines = escapeLines(text);
  return [lead + (lines[0] ?? ''), ...lines.slice(1).filter((l) => l.trim() !== '')];
}

/** A block quote of `text`, one quoted paragraph per line. */
function quote(text: string): string {
  return escapeLines(text)
    .filter((l) => l.trim() !== '')
    .map((l) => `> ${l}`)
    .join('\n>\n');
}

/** A GFM table cell: escaped, pipes escaped, line breaks as <br>. */
function cell(text: string): string {
  return escapeLines(text)
    .filter((l) => l.trim() !== '')
    .join('<br>');
}

const label = (name: string) => `**${name}**：`;

function itemBlocks(item: LetterItem): string[] {
  const marker = item.marker === '' ? '' : `${item.marker.replace('.', '\\.')} `;
  const blocks = [`${marker}${label(item.original.label)}`, quote(item.original.text)];
  blocks.push(...paragraphs(label(WORDING.opinion), item.opinion));
  if (item.reason !== '') blocks.push(...paragraphs(label(WORDING.reason), item.reason));
  return blocks;
}

/**
 * Returns the letter as Markdown with "\n" line ends: # title, the addressee and lead-in as paragraphs, ## sections,
 * ### per article (prose: 原文 as a block quote, 修改意见, 理由) or one GFM table (序号 | 条款 | 原文 | 修改意见 | 理由,
 * line breaks inside a cell as <br>), then the signature lines and the date. All reviewer and notice text is
 * escaped. Never throws for a Letter.
 */
export function renderMarkdown(letter: Letter, options: RenderOptions = {}): string {
  const form = options.form ?? letter.form;
  const blocks: string[] = [`# ${escapeLines(letter.title).join(' ')}`];
  if (letter.addressee !== null) blocks.push(...paragraphs('', letter.addressee));
  blocks.push(...paragraphs('', letter.leadIn));
  if (letter.general !== null) {
    blocks.push(`## ${letter.general.heading}`);
    letter.comments.forEach((c, i) => blocks.push(...paragraphs(letter.commentMarkers[i]!, c)));
  }
  if (letter.specific !== null) {
    blocks.push(`## ${letter.specific.heading}`);
    if (form === 'table') {
      const rows = [
        `| ${WORDING.columns.join(' | ')} |`,
        `|${WORDING.columns.map(() => ' --- ').join('|')}|`,
        ...letter.items.map(
          (it) => `| ${[String(it.index), it.clause, it.original.text, it.opinion, it.reason].map(cell).join(' | ')} |`,
        ),
      ];
      blocks.push(rows.join('\n'));
    } else {
      for (const a of letter.articles) {
        blocks.push(`### ${a.marker}${escapeLines(a.heading).join(' ')}`);
        for (const item of a.items) blocks.push(...itemBlocks(item));
      }
    }
  }
  // the signature as one paragraph of lines (CommonMark hard breaks: a backslash at the end of a line)
  const signature = letter.signature.map((f) => escapeLines(WORDING.labelled(f.label, f.value)).join(' '));
  blocks.push(signature.join('\\\n'), letter.date);
  return blocks.filter((b) => b !== '').join('\n\n') + '\n';
}
