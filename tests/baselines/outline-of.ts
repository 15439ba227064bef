/**
 * Reads one baseline input the way the CLI does (scripts/outline.ts): an .html page through happy-dom,
 * page/blocks.ts and page/hints.ts; a .txt file one paragraph per line. The first line of a baseline names
 * its source (`# source: …` in a .txt, an HTML comment in an .html) and is not part of the notice.
 */
import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { readBlocks } from '../../page/blocks';
import { readHints } from '../../page/hints';
import { paragraphsFromText, toOutlineJson, type OutlineJson } from '../../regulation/json';
import { parseOutline } from '../../regulation/outline';
import type { Outline } from '../../regulation/types';

export function outlineOfBaseline(path: string): Outline {
  const text = readFileSync(path, 'utf8');
  if (/\.html?$/i.test(path)) {
    const window = new Window({
      settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true },
    });
    const doc = window.document as unknown as Document;
    doc.write(text);
    const outline = parseOutline(readBlocks(doc.body ?? doc.documentElement), readHints(doc));
    void window.happyDOM.close();
    return outline;
  }
  const body = text.startsWith('# source:') ? text.slice(text.indexOf('\n') + 1) : text;
  return parseOutline(paragraphsFromText(body));
}

/** The CLI's JSON of a baseline input, plus `titles` (the drafts a multi-draft notice names; not in the CLI). */
export function jsonOfBaseline(path: string): OutlineJson & { titles: string[] } {
  const o = outlineOfBaseline(path);
  return { ...toOutlineJson(o), titles: o.titles };
}

if (process.argv[1]?.endsWith('outline-of.ts')) {
  for (const f of process.argv.slice(2)) process.stdout.write(JSON.stringify(jsonOfBaseline(f), null, 2) + '\n');
}
