import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where the fixture server serves the second version of the sample draft (a new URL, as a new draft gets). */
export const SECOND_PATH = '/art/2024/10/22/art_1861_4990001.html';
export const SECOND_URL = `http://www.jinan.gov.cn${SECOND_PATH}`;

/**
 * The sample draft's next version, for e2e tests of versions: a realistic edited copy, not a published page. The
 * status in its title becomes 草案修改稿, and 第一条 to 第三条 take the wording of the regulation Jinan enacted in
 * November 2024 (tests/versions/jinan-digital-economy-2024-enacted.txt): the real changes of those articles. The rest
 * of the draft is left as it was (the whole enacted text was not available).
 */
export function secondVersionHtml(): string {
  const draft = readFileSync(resolve(import.meta.dirname, '../../../sample/jinan-digital-economy-draft.html'), 'utf8');
  const enacted = readFileSync(resolve(import.meta.dirname, '../../versions/jinan-digital-economy-2024-enacted.txt'), 'utf8').split('\n');
  const article = (label: string) => {
    const at = enacted.findIndex((l) => l.startsWith(label));
    const lines = [enacted[at]!.slice(label.length)];
    for (let k = at + 1; k < enacted.length && enacted[k] !== '' && !/^第[一二三四五六七八九十]+条/.test(enacted[k]!); k++) lines.push(enacted[k]!);
    return lines;
  };
  let html = draft.replaceAll('(征求意见稿)', '(草案修改稿)');
  for (const label of ['第一条', '第二条', '第三条']) {
    const re = new RegExp(`<p style="text-indent:2em;">${label} [^<]*</p>`);
    if (!re.test(html)) throw new Error(`no ${label} paragraph in the sample`);
    const [first, ...more] = article(label);
    html = html.replace(re, [`<p style="text-indent:2em;">${label} ${first}</p>`, ...more.map((m) => `<p style="text-indent:2em;">${m}</p>`)].join('\n'));
  }
  return html;
}
