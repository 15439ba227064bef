import { toChineseNumeral } from '../../regulation/numerals';

/**
 * A jinan.gov.cn-style page of `count` articles (a chapter heading every 500), one <p> each: the benchmark's and
 * the e2e tests' huge page (issue 10: 100,000 articles). Article N reads "第N条 本条为第N条，规定……".
 */
export function hugePage(count = 100_000): string {
  const parts: string[] = [];
  for (let i = 1; i <= count; i++) {
    if (i % 500 === 1) parts.push(`<p style="text-align:center;"><strong>第${toChineseNumeral((i - 1) / 500 + 1)}章\u3000示例事项</strong></p>`);
    parts.push(`<p>第${toChineseNumeral(i)}条 本条为示例条文，编号${i}，规定相关事项。</p>`);
  }
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>十万条的示例条例_济南市人民政府</title></head>
<body><div class="header">济南市人民政府</div><div class="article"><h1>十万条的示例条例（征求意见稿）</h1><div id="zoom">
${parts.join('\n')}
</div></div></body></html>`;
}
