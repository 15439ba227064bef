/**
 * Which *site* a page belongs to: its registrable domain (eTLD+1), worked out offline from a small rule
 * instead of the whole Public Suffix List. A draft's notes follow it to another URL on their own only within
 * one site; another site has to be approved by the reviewer (storage/documents.ts).
 *
 * The rule: a two-letter country code with a generic second level (gov.cn, com.cn, org.cn, edu.cn, gov.hk,
 * gov.mo, gov.tw, co.uk, com.au …) or a Chinese province's second level (bj.cn, sd.cn …) is a public suffix of
 * two labels; every other top-level domain is a public suffix of one label. An IP address, `localhost` and a
 * single label are their own site.
 */

/** Second levels under a country code that are public suffixes (gov.cn, com.hk, edu.tw, co.uk …). */
const GENERIC_SECOND_LEVEL: ReadonlySet<string> = new Set([
  'gov', 'com', 'org', 'edu', 'net', 'ac', 'mil', 'int', 'idv', 'co', 'or', 'ne', 'go', 'gob', 'gouv', 'govt',
  'nom', 'ltd', 'plc', 'sch', 'res', 'gen', 'biz', 'info', 'web', 'nic', 'lg', 'police', 'ind', 'nhs',
]);

/** China's provincial second levels (bj.cn, sh.cn …): each is a public suffix like gov.cn. */
const CN_PROVINCES: ReadonlySet<string> = new Set([
  'ah', 'bj', 'cq', 'fj', 'gd', 'gs', 'gz', 'gx', 'ha', 'hb', 'he', 'hi', 'hk', 'hl', 'hn', 'jl', 'js', 'jx', 'ln',
  'mo', 'nm', 'nx', 'qh', 'sc', 'sd', 'sh', 'sn', 'sx', 'tj', 'tw', 'xj', 'xz', 'yn', 'zj',
]);

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * Returns the registrable domain of `host` (lowercased, without a trailing dot or port): www.jinan.gov.cn →
 * jinan.gov.cn, news.example.com → example.com, www.gov.cn → www.gov.cn (gov.cn is a public suffix),
 * 127.0.0.1 → 127.0.0.1. Never throws; '' for an empty host.
 */
export function registrableDomain(host: string): string {
  const h = String(host ?? '').trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  if (h === '' || h.startsWith('[') || IPV4.test(h) || !h.includes('.')) return h;
  const labels = h.split('.');
  const tld = labels[labels.length - 1]!;
  const second = labels[labels.length - 2]!;
  const twoLevelSuffix = tld.length === 2 && (GENERIC_SECOND_LEVEL.has(second) || (tld === 'cn' && CN_PROVINCES.has(second)));
  const keep = twoLevelSuffix ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/** The host of `url` (lowercased), or '' when it is not an absolute http(s) URL. Never throws. */
export function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname.toLowerCase() : '';
  } catch {
    return '';
  }
}

/** The registrable domain of `url`'s host, or '' when it has none (not http(s)). Never throws. */
export function siteOf(url: string): string {
  return registrableDomain(hostOf(url));
}

/** True when `a` and `b` are http(s) URLs of one site (registrable domain). Never throws. */
export function sameSite(a: string, b: string): boolean {
  const s = siteOf(a);
  return s !== '' && s === siteOf(b);
}
