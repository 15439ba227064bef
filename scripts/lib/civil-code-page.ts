import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A jinan.gov.cn-style page holding a whole statute from tests/corpus (one <p> per paragraph, structure
 * headings centred and bold, every tenth article label in <strong> like the CMS does): the benchmark's big page.
 */
export function corpusPage(file = 'civil-code-2020.txt', title = '中华人民共和国民法典'): string {
  const lines = readFileSync(resolve(import.meta.dirname, '../../tests/corpus', file), 'utf8').split('\n').slice(1);
  let n = 0;
  const body = lines
    .filter((l) => l.trim())
    .map((l) => {
      const line = escape(l.trim());
      if (/^第[一二三四五六七八九十百千零〇]+[编章节]/.test(line) && line.length < 40) {
        return `<p style="text-align:center;"><strong>${line}</strong></p>`;
      }
      const m = /^(第[一二三四五六七八九十百千零〇]+条)(.*)$/.exec(line);
      if (m && ++n % 10 === 0) return `<p style="text-indent:2em;"><strong>${m[1]}</strong>${m[2]}</p>`;
      return `<p style="text-indent:2em;">${line}</p>`;
    })
    .join('\n');
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}_济南市人民政府</title></head>
<body><div class="header">济南市人民政府</div><div class="article"><h1>${title}</h1><div id="zoom">
${body}
</div></div></body></html>`;
}
