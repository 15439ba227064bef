/**
 * The canonical form of a page URL, used to recognise the same draft when it is opened again.
 *
 * For http and https: `https://` + lowercase host (no trailing dot, no user:password, no port 80/443)
 * + path with trailing slashes removed (the root stays `/`) + the query without tracking parameters,
 * sorted by name (values of a repeated name keep their order). The hash is dropped. http and https map to
 * the same form, so a draft read over both is one document. Paths keep their case and their file names
 * (`index.html` stays: servers differ on whether it is the directory).
 * Other schemes (file:, chrome-extension:) keep their parsed form minus the hash.
 */

/** Query parameters that say how the reader got here, not what the page is. Compared lowercase. */
export const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  'spm',
  'spm_id_from',
  'from',
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'msclkid',
  'yclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  // WeChat article links: __biz, mid, idx and sn identify the article; these only track the share.
  'scene',
  'srcid',
  'chksm',
  'clicktime',
  'enterid',
  'isappinstalled',
  'sharer_sharetime',
  'sharer_shareid',
  'sharer_shareinfo',
  'sharer_shareinfo_first',
  'share_token',
  'wxfrom',
]);

const isTracking = (name: string): boolean => {
  const n = name.toLowerCase();
  return n.startsWith('utm_') || TRACKING_PARAMS.has(n);
};

/**
 * Returns the canonical form of `url` described above. Never throws: a string that does not parse as an
 * absolute URL (or is not a string) comes back trimmed (or as '').
 */
export function normaliseUrl(url: string): string {
  if (typeof url !== 'string') return '';
  const input = url.trim();
  let u: URL;
  try {
    u = new URL(input);
  } catch {
    return input;
  }
  u.hash = '';
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return u.href;

  const host = u.hostname.replace(/\.$/, '');
  const port = u.port === '' || u.port === '80' || u.port === '443' ? '' : `:${u.port}`;
  const path = u.pathname.replace(/\/+$/, '') || '/';
  const params = new URLSearchParams();
  for (const [name, value] of u.searchParams) if (!isTracking(name)) params.append(name, value);
  params.sort();
  const search = params.toString(); // (not params.size: Chrome 113 / Firefox 112 and later only)
  const query = search ? `?${search}` : '';
  return `https://${host}${port}${path}${query}`;
}
