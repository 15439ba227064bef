// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { VIRTUAL_FROM, VirtualGroups } from '../../../entrypoints/sidepanel/VirtualGroups';

interface Group {
  key: string;
  items: string[];
}

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

function draw(groups: Group[], whole?: number) {
  render(
    <VirtualGroups<string, Group>
      groups={groups}
      itemKey={(x) => x}
      whole={whole}
      renderGroup={(g, rows, padTop, padBottom) => (
        <section key={g.key} data-pad-bottom={padBottom} data-pad-top={padTop}>
          <ul>{rows}</ul>
        </section>
      )}
      renderItem={(x) => (
        <li key={x} data-vkey={x}>
          {x}
        </li>
      )}
    />,
    root,
  );
  return [...root.querySelectorAll('li')].map((li) => li.textContent);
}

const rows = (n: number) => Array.from({ length: n }, (_, i) => `n${i}`);

describe('VirtualGroups', () => {
  test('a short list is drawn whole', () => {
    expect(draw([{ key: 'a', items: rows(40) }])).toHaveLength(40);
  });

  test('the first part of a long list (the first look) is drawn as the long list will be: only what is near the view', () => {
    const drawn = draw([{ key: 'a', items: rows(40) }], 3000);
    // the view and one more window height of estimated rows (a test DOM has no layout to measure)
    expect(drawn.length).toBeGreaterThan(5);
    expect(drawn.length).toBeLessThan(40);
    expect(drawn).toEqual(rows(drawn.length));
    // the rows not drawn still take their room
    expect(Number(root.querySelector('section')!.getAttribute('data-pad-bottom'))).toBeGreaterThan(0);
  });

  test('a long list without a whole count is virtual too; a whole count at the threshold is not', () => {
    expect(draw([{ key: 'a', items: rows(VIRTUAL_FROM + 1) }]).length).toBeLessThan(VIRTUAL_FROM + 1);
    expect(draw([{ key: 'b', items: rows(40) }], VIRTUAL_FROM)).toHaveLength(40);
  });
});
