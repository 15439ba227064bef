import type { LiteNode } from './jsx-runtime';

/** What render keeps on the nodes it made: the node's key among its siblings, its props or text, its listeners. */
interface Made {
  __k?: string;
  __p?: Record<string, unknown>;
  __v?: string;
  __l?: Record<string, (e: Event) => void>;
}
type MadeNode = ChildNode & Made;

/**
 * Draws `tree` (./jsx-runtime.ts nodes) into `parent`, reusing the nodes drawn last time: an element stays the same
 * element as long as its type and place (or key) stay, so focus, an open <details> and a running animation survive
 * a redraw; only changed attributes, listeners and texts are touched. Places are the child's index in its JSX
 * (conditional children keep theirs when absent) or its `key`.
 */
export function render(tree: unknown, parent: Element | ShadowRoot): void {
  const list: Array<{ key: string; v: LiteNode | string }> = [];
  flatten(tree, '', list);
  const old = new Map<string, MadeNode>();
  for (const n of [...parent.childNodes] as MadeNode[]) {
    if (n.__k !== undefined) old.set(n.__k, n);
  }
  const doc = parent.ownerDocument ?? document;
  const nodes: MadeNode[] = [];
  for (const { key, v } of list) {
    let node = old.get(key);
    if (node) old.delete(key);
    if (typeof v === 'string') {
      if (!node) node = doc.createTextNode(v);
      else if (node.__v !== v) (node as unknown as Text).data = v;
      node.__v = v;
    } else {
      const el = (node ??= doc.createElement(v.type as string)) as MadeNode & Element;
      setProps(el, v.props, el.__p ?? {});
      el.__p = v.props;
      render(v.props.children, el);
    }
    node.__k = key;
    nodes.push(node);
  }
  for (const n of old.values()) n.remove();
  nodes.forEach((n, i) => {
    const at = parent.childNodes[i];
    if (at !== n) parent.insertBefore(n, at ?? null);
  });
}

/** The nodes `c` stands for, in order, each with its place: index path, or key, then its type. */
function flatten(c: unknown, path: string, out: Array<{ key: string; v: LiteNode | string }>): void {
  if (c == null || typeof c === 'boolean') return;
  if (Array.isArray(c)) {
    c.forEach((x, i) => flatten(x, `${path}.${i}`, out));
    return;
  }
  if (typeof c !== 'object') {
    out.push({ key: `${path}#`, v: String(c) });
    return;
  }
  const n = c as LiteNode;
  const at = n.key == null ? path : `${path.slice(0, path.lastIndexOf('.') + 1)}k${String(n.key)}`;
  if (typeof n.type === 'function') flatten(n.type(n.props), `${at}>`, out);
  else out.push({ key: `${at}${n.type}`, v: n });
}

function listen(this: Made, e: Event): void {
  this.__l?.[e.type]?.(e);
}

function setProps(el: Element & Made, props: Record<string, unknown>, old: Record<string, unknown>): void {
  for (const k in old) if (!(k in props)) setProp(el, k, undefined, old[k]);
  for (const k in props) if (props[k] !== old[k]) setProp(el, k, props[k], old[k]);
}

function setProp(el: Element & Made, name: string, v: unknown, was: unknown): void {
  if (name === 'children') return;
  if (name === 'style') {
    const s = (el as HTMLElement).style as unknown as Record<string, string>;
    const now = (v ?? {}) as Record<string, string>;
    for (const k in (was ?? {}) as object) if (!(k in now)) s[k] = '';
    for (const k in now) s[k] = now[k]!;
    return;
  }
  if (name.startsWith('on')) {
    const type = name.slice(2).toLowerCase();
    const l = (el.__l ??= {});
    if (!l[type]) el.addEventListener(type, listen);
    if (typeof v === 'function') l[type] = v as (e: Event) => void;
    else delete l[type];
    return;
  }
  const attr = name === 'className' ? 'class' : name;
  // (as Preact: aria-* and data-* keep "false"; any other false or null removes the attribute)
  if (v == null || (v === false && attr[4] !== '-')) el.removeAttribute(attr);
  else el.setAttribute(attr, v === true ? '' : String(v));
}
