import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { CHROME_BUILD } from '../../scripts/lib/launch';
import { COMPILE_HINT, CONTENT_MODULE, CONTENT_SCRIPT } from '../../shared/content-files';

/** The content script runs in every matching page: it must stay lean and never carry the database or the letter. */
describe('the built content script', () => {
  const code = readFileSync(`${CHROME_BUILD}/content-scripts/content.js`, 'utf8');

  test('has no Dexie, no docx and no letter renderers in it', () => {
    expect(code).not.toMatch(/Dexie|indexedDB/);
    expect(code).not.toMatch(/w:document|patchText|X-Unsent/); // docx and the .eml writer
  });

  test('is valid for Chrome: no Unicode noncharacters (Chrome refuses to load such a file as "not UTF-8")', () => {
    expect(code).not.toMatch(/[\ufdd0-\ufdef\ufffe\uffff]/);
  });

  // What every page loads is the reader, the highlights, the markers, the selection button and the banner: the note
  // editor is its own extension page (entrypoints/note-frame); the notice's fields are read by the background
  // (notice:read, page/notice.ts); a note that no longer stands where it was is looked for by the background too
  // (anchor:place, anchoring/quick.ts places the others); the banner is drawn without Preact (components/lite);
  // WXT's content script context is replaced by page/content-context.ts. Issue 9's budget: 30 KB (Node's zlib, level 9).
  test('is at most 30 KB gzip, and carries no note editor, tag input, draft saver, notice parser, anchoring search or Preact', () => {
    expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(30 * 1024);
    expect(code).not.toMatch(/fieldSuggestion|conflictKeepMine|tag-list|waitingSince/);
    expect(code).not.toMatch(/邮件主题|截止日期|征求意见稿/); // regulation/notice.ts, read in the background
    expect(code).not.toMatch(/__hooks|preact/i);
    expect(code).not.toContain('\\u201c\\u201dA-Z]/g'); // anchoring/similarity.ts's folding, used by the full search only
  });

  test('announces nothing to the page: no window message or document event saying that the extension started', () => {
    // WXT's own content script context posts "<extension id>:content:wxt:content-script-started" to the page
    expect(code).not.toMatch(/content-script-started/);
  });

  test('writes nothing to the page\'s performance timeline unless the benchmark asks', () => {
    expect(code).not.toMatch(/performance\.(mark|measure)\(`regdraft/);
  });
});

/**
 * The side panel's first paint waits for every script its page loads up front (its module and the chunks the page
 * preloads). Dexie and the storage code around it (about 105 KB) come after that paint (entrypoints/sidepanel/live.ts):
 * loaded up front they took 35 to 45 ms of the panel's start on the test machine.
 */
describe('the built side panel', () => {
  const html = readFileSync(`${CHROME_BUILD}/sidepanel.html`, 'utf8');
  const upFront = [...html.matchAll(/(?:src|href)="\/(chunks\/[^"]+\.js)"/g)].map((m) => m[1]!);

  test('loads no Dexie before its first paint, and does load it later', () => {
    expect(upFront.length).toBeGreaterThan(1);
    // (Dexie's own property names: its class and function names are minified away)
    const dexie = /_dbSchema|dbReadyPromise/;
    for (const file of upFront) expect(readFileSync(`${CHROME_BUILD}/${file}`, 'utf8'), file).not.toMatch(dexie);
    // every chunk a preloaded one imports is preloaded too (else it would be fetched, one round trip later, up front)
    for (const file of upFront) {
      for (const m of readFileSync(`${CHROME_BUILD}/${file}`, 'utf8').matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) expect(upFront, `${file} imports ${m[1]}`).toContain(`chunks/${m[1]}`);
    }
    const main = readFileSync(`${CHROME_BUILD}/${upFront[0]}`, 'utf8');
    const lazy = [...main.matchAll(/import\(["'`]\.\/([^"'`]+\.js)["'`]\)/g)].map((m) => m[1]!);
    // live-db, loaded after the first paint, is Dexie's way in (its own chunk or the one it imports)
    const loaded = (f: string) => readFileSync(`${CHROME_BUILD}/chunks/${f}`, 'utf8');
    const withDeps = (f: string) => [loaded(f), ...[...loaded(f).matchAll(/from"\.\/([^"]+\.js)"/g)].map((m) => loaded(m[1]!))].join('');
    expect(lazy.some((f) => dexie.test(withDeps(f)))).toBe(true);
  });
});

/** What pages evaluate as a classic script (shared/content-files.ts): the loader, which must do nothing but import the reader. */
describe('the built content script loader', () => {
  const loader = readFileSync(`${CHROME_BUILD}/content-loader.js`, 'utf8');

  test('is under 1 KB and imports the reader; none of the reader is in it', () => {
    expect(loader.length).toBeLessThan(1024);
    expect(loader).toMatch(/import\(/);
    expect(loader).toContain(CONTENT_MODULE);
    expect(loader).not.toMatch(/regdraft-ui|attachShadow|createTreeWalker/);
  });

  test('the module it imports is the reader after V8\'s compile hint; the reader the toolbar injects has none', () => {
    const reader = readFileSync(`${CHROME_BUILD}${CONTENT_SCRIPT}`, 'utf8');
    expect(readFileSync(`${CHROME_BUILD}${CONTENT_MODULE}`, 'utf8')).toBe(`${COMPILE_HINT}\n${reader}`);
    // a classic script compiles on the page's main thread: with the hint, all of it in one task
    expect(reader.startsWith('(function(){')).toBe(true);
  });
});
