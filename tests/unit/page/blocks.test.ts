// @vitest-environment happy-dom
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { readBlocks } from '../../../page/blocks';
import { LiveBlocks } from '../../../page/live-blocks';

function page(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}
const texts = (root: Node, skip?: Element) => readBlocks(root, skip).map((b) => b.text.trim());

describe('readBlocks', () => {
  test('a label split across spans reads as one block, with its nodes and offsets', () => {
    const body = page('<p><span>第三十</span><span>三条</span>　地方金融监管部门应当</p><p>第三十四条 下一条</p>');
    const blocks = readBlocks(body);
    expect(blocks.map((b) => b.text)).toEqual(['第三十三条　地方金融监管部门应当', '第三十四条 下一条']);
    expect(blocks[0]!.nodes).toHaveLength(3);
    expect(blocks[0]!.starts).toEqual([0, 3, 5]);
    expect(blocks[0]!.element.tagName).toBe('P');
  });

  test('<br> breaks a paragraph into lines; inline markup does not', () => {
    const body = page('<p>(一)第一项;<br>(二)第二项。</p><p><strong>第十条</strong>&nbsp;支持</p>');
    expect(texts(body)).toEqual(['(一)第一项;', '(二)第二项。', '第十条\u00a0支持']);
  });

  test('full-width indentation is kept in the text; script, style and the skipped host are not read', () => {
    const body = page('<p>　　第四十七条　交通</p><script>var x="第一条"</script><style>p{}</style><div id="ui">第九条 UI</div>');
    const ui = document.getElementById('ui')!;
    expect(readBlocks(body, ui).map((b) => b.text)).toEqual(['　　第四十七条　交通']);
  });

  test('blocks made only of links are flagged; mixed ones are not', () => {
    const body = page('<ul><li><a href="/1">第一条</a></li></ul><p>见<a href="/x">第二条</a>规定</p>');
    expect(readBlocks(body).map((b) => [b.text, b.link])).toEqual([
      ['第一条', true],
      ['见第二条规定', false],
    ]);
  });

  test('nested blocks split the text of their container', () => {
    const body = page('<div>引言<p>第一条 甲</p>结语</div>');
    expect(texts(body)).toEqual(['引言', '第一条 甲', '结语']);
  });

  test('text the reader cannot see is not read: display:none, visibility:hidden, hidden, template, noscript', () => {
    const body = page(
      '<style>.gone{display:none}</style>' +
        '<p>第三条　本条<span style="display:none">（隐藏的注释）</span>规定<span class="gone">类隐藏</span>原则。</p>' +
        '<p>第四条 <span style="visibility:hidden">看不见</span>可见<span hidden>属性隐藏</span></p>' +
        '<div style="visibility:hidden"><p>整段看不见<span style="visibility:visible">但这里可见</span></p></div>' +
        '<div hidden><p>第五条 隐藏的条文</p></div>' +
        '<template><p>第六条 模板</p></template><noscript><p>第七条 无脚本</p></noscript>',
    );
    expect(texts(body)).toEqual(['第三条　本条规定原则。', '第四条 可见', '但这里可见']);
  });

  test('whitespace-only text makes no block; an empty page gives none', () => {
    expect(readBlocks(page('<p>  \n </p><div></div>'))).toEqual([]);
  });
});

describe('LiveBlocks', () => {
  let body: HTMLElement;
  beforeEach(() => {
    body = page('<div id="zoom"><p>第一条 甲</p><p>第二条 乙</p></div>');
  });

  const observe = (live: LiveBlocks, change: () => void) =>
    new Promise<boolean>((ok) => {
      const mo = new MutationObserver((records) => {
        mo.disconnect();
        ok(live.apply(records));
      });
      mo.observe(body, { childList: true, subtree: true, characterData: true });
      change();
    });

  test('an appended paragraph is read alone, in document order', async () => {
    const live = new LiveBlocks(body, null);
    const p = document.createElement('p');
    p.textContent = '第三条 丙';
    expect(await observe(live, () => document.getElementById('zoom')!.appendChild(p))).toBe(true);
    expect(live.blocks.map((b) => b.text)).toEqual(['第一条 甲', '第二条 乙', '第三条 丙']);
    expect(live.lastReadChars).toBe('第三条 丙'.length);
  });

  test('a paragraph inserted in the middle lands in the middle', async () => {
    const live = new LiveBlocks(body, null);
    const p = document.createElement('p');
    p.textContent = '第一条之一 插入';
    await observe(live, () => body.querySelector('p')!.after(p));
    expect(live.blocks.map((b) => b.text)).toEqual(['第一条 甲', '第一条之一 插入', '第二条 乙']);
  });

  test('edited text re-reads only its paragraph; a removed paragraph goes', async () => {
    const live = new LiveBlocks(body, null);
    await observe(live, () => ((body.querySelector('p')!.firstChild as Text).data = '第一条 甲改'));
    expect(live.blocks.map((b) => b.text)).toEqual(['第一条 甲改', '第二条 乙']);
    expect(live.lastReadChars).toBe('第一条 甲改'.length);
    await observe(live, () => body.querySelectorAll('p')[1]!.remove());
    expect(live.blocks.map((b) => b.text)).toEqual(['第一条 甲改']);
  });

  test('inline content added inside a paragraph re-reads that paragraph', async () => {
    const live = new LiveBlocks(body, null);
    const span = document.createElement('span');
    span.textContent = '补充';
    await observe(live, () => body.querySelectorAll('p')[1]!.appendChild(span));
    expect(live.blocks.map((b) => b.text)).toEqual(['第一条 甲', '第二条 乙补充']);
  });

  test('paragraphs whose text nodes were split and wrapped (highlights) are read again in place, without a document-position compare', async () => {
    body = page(`<div id="zoom">${Array.from({ length: 40 }, (_, i) => `<p>第${i + 1}条 正文${i + 1}</p>`).join('')}</div>`);
    const live = new LiveBlocks(body, null);
    const before = live.blocks.map((b) => b.text);
    const compare = vi.spyOn(Node.prototype, 'compareDocumentPosition');
    try {
      // every third paragraph: its text split and the second half wrapped in a <mark>, as the highlights do
      const changed = await observe(live, () => {
        body.querySelectorAll('p').forEach((p, i) => {
          if (i % 3) return;
          const rest = (p.firstChild as Text).splitText(3);
          const mark = document.createElement('mark');
          rest.replaceWith(mark);
          mark.append(rest);
        });
      });
      expect(changed).toBe(false); // the same text
      expect(compare).not.toHaveBeenCalled();
    } finally {
      compare.mockRestore();
    }
    expect(live.blocks.map((b) => b.text)).toEqual(before);
    // the blocks hold the fresh nodes: the wrapped half is the block's second node
    expect(live.blocks[0]!.nodes[1]!.parentElement!.tagName).toBe('MARK');
  });

  test('a paragraph moved in the same batch as it is edited is read in its new place', async () => {
    const live = new LiveBlocks(body, null);
    await observe(live, () => {
      const [first, second] = body.querySelectorAll('p');
      second!.after(first!);
      (first!.firstChild as Text).data = '第一条 甲改';
    });
    expect(live.blocks.map((b) => b.text)).toEqual(['第二条 乙', '第一条 甲改']);
  });

  test('changes inside the skipped UI host are ignored', async () => {
    const host = document.createElement('div');
    body.appendChild(host);
    const live = new LiveBlocks(body, host);
    expect(await observe(live, () => host.appendChild(document.createTextNode('第九条 ui')))).toBe(false);
    expect(live.blocks).toHaveLength(2);
  });
});
