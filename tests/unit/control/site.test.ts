import { describe, expect, test } from 'vitest';
import { registrableDomain, sameSite, siteOf } from '../../../shared/site';

describe('registrableDomain', () => {
  test.each([
    ['www.jinan.gov.cn', 'jinan.gov.cn'],
    ['other.jinan.gov.cn', 'jinan.gov.cn'],
    ['jinan.gov.cn', 'jinan.gov.cn'],
    ['www.gov.cn', 'www.gov.cn'],
    ['gov.cn', 'gov.cn'],
    ['www.miit.gov.cn', 'miit.gov.cn'],
    ['news.sina.com.cn', 'sina.com.cn'],
    ['www.cac.org.cn', 'cac.org.cn'],
    ['www.pku.edu.cn', 'pku.edu.cn'],
    ['www.info.gov.hk', 'info.gov.hk'],
    ['www.gov.mo', 'www.gov.mo'],
    ['www.dsaj.gov.mo', 'dsaj.gov.mo'],
    ['law.moj.gov.tw', 'moj.gov.tw'],
    ['www.beijing.bj.cn', 'beijing.bj.cn'],
    ['WWW.Example.COM.', 'example.com'],
    ['a.b.mirror-site.com', 'mirror-site.com'],
    ['www.npc.gov.cn:8080', 'npc.gov.cn'],
    ['www.legislation.gov.uk', 'legislation.gov.uk'],
    ['127.0.0.1', '127.0.0.1'],
    ['localhost', 'localhost'],
    ['', ''],
  ])('%s → %s', (host, site) => expect(registrableDomain(host)).toBe(site));
});

describe('sameSite', () => {
  test('subdomains of one registrable domain are one site; a mirror is not; non-web URLs never are', () => {
    expect(sameSite('http://www.jinan.gov.cn/a', 'https://other.jinan.gov.cn/b')).toBe(true);
    expect(sameSite('http://www.jinan.gov.cn/a', 'http://www.mirror-site.com/a')).toBe(false);
    expect(sameSite('http://www.jinan.gov.cn/a', 'http://www.qingdao.gov.cn/a')).toBe(false);
    expect(sameSite('file:///tmp/a.html', 'file:///tmp/b.html')).toBe(false);
    expect(siteOf('not a url')).toBe('');
  });
});
