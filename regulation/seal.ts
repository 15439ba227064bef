/**
 * Whether a notice asks organisations to seal their comment letter (单位意见需加盖公章, 签字盖章 …). DOM-free: it
 * reads the notice's text only.
 */

// 加盖公章 / 加盖单位公章 / 加盖印章 / 盖章 / 盖单位章 / 签字（盖章）/ 公章扫描件
const ASKS = /加盖(?:[^，。；\s]{0,6})?(?:公章|印章|章)|盖(?:单位)?(?:公)?章|公章(?:扫描件|原件)|单位(?:公章|印章)/g;
// 无需盖章 / 不需加盖公章 / 不必盖章 / 无须加盖印章 / 可不盖章
const WAIVED = /(?:无需|无须|不需|不需要|不必|不用|可不|免于?|不要求)\s*(?:加盖|盖)/;

/**
 * Returns true when `text` (the notice) asks for a seal on the letter somewhere and that mention is not waived in
 * the same sentence (无需盖章). Never throws for a string.
 */
export function asksForSeal(text: string): boolean {
  for (const m of text.matchAll(ASKS)) {
    const start = Math.max(text.lastIndexOf('。', m.index) + 1, text.lastIndexOf('；', m.index) + 1, text.lastIndexOf('\n', m.index) + 1);
    const before = text.slice(start, m.index + m[0].length);
    if (!WAIVED.test(before)) return true;
  }
  return false;
}
