/**
 * A JSX runtime for the in-page UI without Preact (the content script's size budget): `jsx` makes plain
 * `{type, props, key}` nodes that `render` (./render.ts) draws. Function components are plain functions of their
 * props, with no state and no hooks. A file opts in with the pragma `@jsxImportSource` pointing here; its JSX is
 * typed with Preact's JSX types, which the nodes here share in shape.
 */
import type { Fragment as PreactFragment } from 'preact';
export type { JSX } from 'preact';

export interface LiteNode {
  type: string | ((props: Record<string, unknown>) => unknown);
  props: Record<string, unknown>;
  key: unknown;
}

export function jsx(type: LiteNode['type'], props: Record<string, unknown>, key?: unknown): LiteNode {
  return { type, props, key };
}
export { jsx as jsxs, jsx as jsxDEV };

/** Its children, in place (a keyed fragment keys them). Typed as Preact's, for the JSX type checks. */
export const Fragment = ((props: { children?: unknown }) => props.children) as unknown as typeof PreactFragment;
