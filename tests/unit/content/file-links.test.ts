// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addFileButtons } from '../../../entrypoints/content/file-links';
import type { FilesPutReply } from '../../../shared/files-messages';

/** The closed shadow roots the buttons are drawn in (caught as they are attached). */
let roots: ShadowRoot[] = [];
const attach = Element.prototype.attachShadow;

beforeEach(() => {
  fakeBrowser.reset();
  roots = [];
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
    const root = attach.call(this, init);
    roots.push(root);
    return root;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** A notice page with one attachment link; its button (if any) is clicked as the reviewer does. */
function notice(href: string, text = '附件:征求意见稿.pdf'): HTMLAnchorElement {
  document.body.innerHTML = `<div class="fujian"><a href="${href}">${text}</a></div>`;
  return document.querySelector('a')!;
}

/** Clicks the button as a trusted click (a page's own click would be ignored), then waits for the answer. */
async function clickButton(root: ShadowRoot): Promise<string> {
  const button = root.querySelector('button')!;
  const click = new MouseEvent('click', { bubbles: true, composed: true });
  Object.defineProperty(click, 'isTrusted', { value: true });
  button.dispatchEvent(click);
  await vi.waitFor(() => expect(button.disabled).toBe(false));
  return root.querySelector('span')!.textContent ?? '';
}

const response = (status: number, headers: Record<string, string> = {}) => new Response(status === 200 ? 'bytes' : null, { status, headers });

describe('the attachment button: a failed open says why, in words', () => {
  test('the site answers 404: the status, with what to do', async () => {
    notice(`${location.origin}/module/download/downfile.jsp?filename=gone.pdf`);
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(response(404));
    expect(addFileButtons(document, location.href)).toBe(1);
    expect(await clickButton(roots[0]!)).toBe('filesFetchFailed(附件:征求意见稿.pdf,404)');
  });

  test('the connection fails: the same sentence, without a status', async () => {
    notice(`${location.origin}/module/download/downfile.jsp?filename=gone.pdf`);
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
    addFileButtons(document, location.href);
    expect(await clickButton(roots[0]!)).toBe('filesFetchFailed(附件:征求意见稿.pdf,-)');
  });

  test('the file is too large or cannot be kept: the background answer in words, never its code', async () => {
    notice(`${location.origin}/module/download/downfile.jsp?filename=big.pdf`);
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => response(200));
    // (the fake browser types sendMessage's answer as void)
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage') as unknown as { mockResolvedValue: (v: FilesPutReply) => void };
    send.mockResolvedValue({ ok: false, kind: 'pdf', error: 'too-large' });
    addFileButtons(document, location.href);
    expect(await clickButton(roots[0]!)).toBe('filesTooLarge(附件:征求意见稿.pdf)');
    send.mockResolvedValue({ ok: false, kind: 'pdf', error: 'internal' });
    expect(await clickButton(roots[0]!)).toBe('filesSaveFailed(附件:征求意见稿.pdf)');
    send.mockResolvedValue({ ok: true, sha256: 'a'.repeat(64), kind: 'pdf' });
    expect(await clickButton(roots[0]!)).toBe(''); // opened: the last failure is cleared
  });

  test('the extension was restarted (no background to answer): reload the page, for a file here or on another site', async () => {
    notice(`${location.origin}/module/download/downfile.jsp?filename=a.pdf`);
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => response(200));
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('Extension context invalidated.'));
    addFileButtons(document, location.href);
    expect(await clickButton(roots[0]!)).toBe('errUnreachable');
    notice('https://other.example.org/files/a.pdf');
    addFileButtons(document, location.href);
    expect(await clickButton(roots[1]!)).toBe('errUnreachable');
  });
});

describe('an extensionless attachment link', () => {
  test('a server that refuses HEAD is asked with GET, stopped at the headers', async () => {
    notice(`${location.origin}/attach/down.aspx?id=8`, '附件:征求意见稿全文');
    const signals: Array<AbortSignal | null | undefined> = [];
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async (_url, init) => {
      signals.push(init?.signal);
      return init?.method === 'HEAD' ? response(405) : response(200, { 'content-type': 'application/octet-stream', 'content-disposition': 'attachment; filename="draft.pdf"' });
    });
    expect(addFileButtons(document, location.href)).toBe(0); // by its address: nothing
    await vi.waitFor(() => expect(roots).toHaveLength(1));
    expect(fetch.mock.calls.map(([, init]) => init?.method ?? 'GET')).toEqual(['HEAD', 'GET']);
    expect(signals[1]!.aborted).toBe(true); // the download stopped once the headers were in
  });

  test('a HEAD answer that names no file type asks nothing more', async () => {
    notice(`${location.origin}/attach/list.aspx?id=9`, '下载专区');
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValue(response(200, { 'content-type': 'text/html' }));
    addFileButtons(document, location.href);
    await new Promise((ok) => setTimeout(ok, 20));
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(roots).toHaveLength(0);
  });
});
