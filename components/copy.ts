/**
 * Copies text to the clipboard. Uses the async Clipboard API where the page allows it (secure pages) and
 * otherwise a hidden textarea inside `root` (a shadow root keeps it out of the page's sight).
 * Resolves false when neither worked.
 */
export async function copyText(text: string, root: Node): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall back below
  }
  const doc = (root as Node).ownerDocument ?? document;
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.cssText = 'position:fixed;opacity:0;left:-9999px;top:0';
  const parent = root instanceof ShadowRoot ? root : doc.body;
  parent.appendChild(area);
  const active = (root instanceof ShadowRoot ? root.activeElement : doc.activeElement) as HTMLElement | null;
  area.select();
  let ok: boolean;
  try {
    ok = doc.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  active?.focus?.();
  return ok;
}
