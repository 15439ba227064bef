import { describe, expect, test } from 'vitest';
import { normaliseUrl } from '../../../storage/url';

describe('normaliseUrl', () => {
  test('lowercases the host, drops the hash, tracking parameters, and sorts the rest', () => {
    expect(normaliseUrl('HTTP://WWW.Example.GOV.cn/zhengce/2024/Draft.htm?utm_source=wx&b=2&spm=1.2&a=1&from=timeline#p3')).toBe(
      'https://www.example.gov.cn/zhengce/2024/Draft.htm?a=1&b=2',
    );
  });

  test('http and https are the same page; default ports and user info go', () => {
    const canonical = 'https://example.gov.cn/a/b.htm';
    for (const u of ['http://example.gov.cn/a/b.htm', 'https://example.gov.cn/a/b.htm', 'http://example.gov.cn:80/a/b.htm', 'https://user:pw@example.gov.cn:443/a/b.htm']) {
      expect(normaliseUrl(u), u).toBe(canonical);
    }
    expect(normaliseUrl('http://example.gov.cn:8080/a')).toBe('https://example.gov.cn:8080/a');
  });

  test('only a trailing slash leaves the path: case and index.html stay, the root stays /', () => {
    expect(normaliseUrl('https://example.cn/zhengce/')).toBe('https://example.cn/zhengce');
    expect(normaliseUrl('https://example.cn/zhengce//')).toBe('https://example.cn/zhengce');
    expect(normaliseUrl('https://example.cn/ZhengCe/index.html')).toBe('https://example.cn/ZhengCe/index.html');
    expect(normaliseUrl('https://example.cn/')).toBe('https://example.cn/');
    expect(normaliseUrl('https://example.cn')).toBe('https://example.cn/');
    expect(normaliseUrl('https://example.cn./a')).toBe('https://example.cn/a');
  });

  test('tracking names match case-insensitively; a repeated name keeps its value order; an empty query goes', () => {
    expect(normaliseUrl('https://e.cn/p?UTM_Medium=x&FROM=y')).toBe('https://e.cn/p');
    expect(normaliseUrl('https://e.cn/p?b=2&a=2&a=1')).toBe('https://e.cn/p?a=2&a=1&b=2');
    expect(normaliseUrl('https://e.cn/p?')).toBe('https://e.cn/p');
  });

  test('a WeChat article keeps its identity parameters and loses the share tracking', () => {
    expect(
      normaliseUrl('https://mp.weixin.qq.com/s?__biz=MzA5&mid=2650&idx=1&sn=abc&chksm=8b&scene=21&sharer_shareid=9#wechat_redirect'),
    ).toBe('https://mp.weixin.qq.com/s?__biz=MzA5&idx=1&mid=2650&sn=abc');
  });

  test('non-ASCII paths and queries come out in one encoded form', () => {
    expect(normaliseUrl('https://e.cn/草案.htm?q=条例')).toBe(normaliseUrl('https://e.cn/%E8%8D%89%E6%A1%88.htm?q=%E6%9D%A1%E4%BE%8B'));
  });

  test('other schemes keep their form without the hash', () => {
    expect(normaliseUrl('file:///home/me/draft.html#x')).toBe('file:///home/me/draft.html');
  });

  test('never throws: unparseable input comes back trimmed', () => {
    expect(normaliseUrl('  not a url  ')).toBe('not a url');
    expect(normaliseUrl('')).toBe('');
    expect(normaliseUrl('http://')).toBe('http://');
    expect(normaliseUrl(undefined as unknown as string)).toBe('');
  });
});
