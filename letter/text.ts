/**
 * The letter as plain text: the email body, the mailto body and the text/plain half of a rich copy.
 */
import type { Letter, LetterForm, LetterItem } from './model';
import { WORDING } from './wording';

export interface RenderOptions {
  /** Overrides the letter's own form. */
  form?: LetterForm;
}

function itemLines(item: LetterItem): string[] {
  const lines = [
    (item.marker === '' ? '' : `${item.marker} `) + WORDING.labelled(item.original.label, item.original.text),
    WORDING.labelled(WORDING.opinion, item.opinion),
  ];
  if (item.reason !== '') lines.push(WORDING.labelled(WORDING.reason, item.reason));
  return lines;
}

function rowLines(item: LetterItem): string[] {
  const [index, clause, original, opinion, reason] = WORDING.columns;
  const lines = [
    WORDING.labelled(index, String(item.index)),
    WORDING.labelled(clause, item.clause),
    WORDING.labelled(original, item.original.text),
    WORDING.labelled(opinion, item.opinion),
  ];
  if (item.reason !== '') lines.push(WORDING.labelled(reason, item.reason));
  return lines;
}

/**
 * Returns the letter as plain text with "\n" line ends: title, addressee, lead-in, 一、总体意见, 二、具体修改意见
 * (in prose, each article under its （一） heading with 原文 / 修改意见 / 理由 lines; in the table form, one
 * 序号 / 条款 / 原文 / 修改意见 / 理由 block per item), then the signature and the date. Paragraphs are separated by
 * a blank line; every text is kept whole. Never throws for a Letter.
 */
export function renderText(letter: Letter, options: RenderOptions = {}): string {
  const form = options.form ?? letter.form;
  const blocks: string[] = [letter.title];
  if (letter.addressee !== null) blocks.push(letter.addressee);
  blocks.push(letter.leadIn);
  if (letter.general !== null) {
    blocks.push(letter.general.heading);
    letter.comments.forEach((c, i) => blocks.push(letter.commentMarkers[i] + c));
  }
  if (letter.specific !== null) {
    blocks.push(letter.specific.heading);
    if (form === 'table') {
      for (const item of letter.items) blocks.push(rowLines(item).join('\n'));
    } else {
      for (const a of letter.articles) {
        a.items.forEach((item, i) => {
          const lines = itemLines(item);
          blocks.push((i === 0 ? [a.marker + a.heading, ...lines] : lines).join('\n'));
        });
      }
    }
  }
  const signature = letter.signature.map((f) => WORDING.labelled(f.label, f.value));
  if (signature.length > 0) blocks.push(signature.join('\n'));
  blocks.push(letter.date);
  return blocks.join('\n\n') + '\n';
}
