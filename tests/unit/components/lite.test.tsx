// @vitest-environment happy-dom
/** @jsxImportSource ../../../components/lite */
import { describe, expect, test, vi } from 'vitest';
import { Fragment } from '../../../components/lite/jsx-runtime';
import { render } from '../../../components/lite/render';

/** The in-page UI's renderer (components/lite): what a redraw keeps, changes and drops. */
describe('components/lite render', () => {
  test('draws elements, attributes, styles and text; a redraw keeps the same nodes and changes only what changed', () => {
    const root = document.body.appendChild(document.createElement('div'));
    const view = (n: number, tone: string) => (
      <div class="layer" lang="zh-CN">
        <p class="counts" aria-expanded="false" data-tone={tone}>
          {n} 条
        </p>
        <button type="button" style={{ top: `${n}px`, left: '4px' }} title={`第${n}条`}>
          ＋
        </button>
      </div>
    );
    render(view(3, 'open'), root);
    expect(root.innerHTML).toBe(
      '<div class="layer" lang="zh-CN"><p class="counts" aria-expanded="false" data-tone="open">3 条</p><button type="button" style="top: 3px; left: 4px;" title="第3条">＋</button></div>',
    );
    const p = root.querySelector('p')!;
    const button = root.querySelector('button')!;
    button.focus();
    render(view(5, 'soon'), root);
    expect(root.querySelector('p')).toBe(p);
    expect(root.querySelector('button')).toBe(button);
    expect(document.activeElement).toBe(button);
    expect(p.textContent).toBe('5 条');
    expect(p.getAttribute('data-tone')).toBe('soon');
    expect(button.style.top).toBe('5px');
  });

  test('a conditional child keeps its siblings in place; null, false and undefined draw nothing', () => {
    const root = document.createElement('div');
    const view = (a: boolean) => (
      <div>
        {a && <span class="a">a</span>}
        {null}
        <details class="d">
          <summary>s</summary>
        </details>
        {undefined}
      </div>
    );
    render(view(true), root);
    const details = root.querySelector('details')!;
    details.setAttribute('open', ''); // the reviewer opened it
    render(view(false), root);
    expect(root.querySelector('.a')).toBeNull();
    expect(root.querySelector('details')).toBe(details);
    expect(details.hasAttribute('open')).toBe(true);
    render(view(true), root);
    expect(root.firstElementChild!.firstElementChild!.className).toBe('a');
    expect(root.querySelector('details')).toBe(details);
  });

  test('keyed children follow their key: reordered, dropped, and a new key is a new element', () => {
    const root = document.createElement('ul');
    const view = (keys: string[]) => keys.map((k) => <li key={k}>{k}</li>);
    render(view(['a', 'b', 'c']), root);
    const [a, b, c] = [...root.children];
    render(view(['c', 'a']), root);
    expect([...root.children]).toEqual([c, a]);
    expect(b!.isConnected).toBe(false);
    render(view(['c', 'a', 'b']), root);
    expect(root.children[2]).not.toBe(b);
    expect(root.textContent).toBe('cab');
  });

  test('function components and keyed fragments draw in place', () => {
    const root = document.createElement('dl');
    const Row = ({ k, v }: { k: string; v: string }) => (
      <Fragment>
        <dt>{k}</dt>
        <dd>{v}</dd>
      </Fragment>
    );
    render([<Row key="x" k="邮箱" v="a@b.cn" />, <Row key="y" k="地址" v="某路1号" />], root);
    expect(root.innerHTML).toBe('<dt>邮箱</dt><dd>a@b.cn</dd><dt>地址</dt><dd>某路1号</dd>');
    const dd = root.querySelectorAll('dd')[1];
    render([<Row key="y" k="地址" v="某路2号" />], root);
    expect(root.innerHTML).toBe('<dt>地址</dt><dd>某路2号</dd>');
    expect(root.querySelector('dd')).toBe(dd);
  });

  test('listeners: one per event type, replaced on redraw, removed with their prop', () => {
    const root = document.createElement('div');
    const first = vi.fn();
    const second = vi.fn();
    render(<button onClick={first} onMouseDown={first} />, root);
    const button = root.querySelector('button')!;
    button.click();
    expect(first).toHaveBeenCalledTimes(1);
    render(<button onClick={second} />, root);
    button.click();
    button.dispatchEvent(new MouseEvent('mousedown'));
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(1);
    render(<button />, root);
    button.click();
    expect(second).toHaveBeenCalledTimes(1);
  });

  test('attributes: a removed or false one goes (aria-* keeps "false"), true is present, a removed style is cleared', () => {
    const root = document.createElement('div');
    render(<p title="t" hidden={true} aria-hidden={false} style={{ top: '1px', left: '2px' }} />, root);
    const p = root.querySelector('p')!;
    expect(p.hasAttribute('hidden')).toBe(true);
    expect(p.getAttribute('aria-hidden')).toBe('false');
    render(<p hidden={false} style={{ top: '1px' }} />, root);
    expect(p.hasAttribute('title')).toBe(false);
    expect(p.hasAttribute('hidden')).toBe(false);
    expect(p.hasAttribute('aria-hidden')).toBe(false);
    expect(p.style.left).toBe('');
    expect(p.style.top).toBe('1px');
  });
});
