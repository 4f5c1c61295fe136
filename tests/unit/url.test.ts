import { describe, expect, it } from 'vitest';
import { classifyUrl, normalizeUrl } from '../../utils/url';

describe('normalizeUrl', () => {
  it('drops the fragment and tracking parameters so share links find the same record', () => {
    const base = 'https://www.newspim.com/news/view/20250128000000';
    expect(normalizeUrl(`${base}#comments`)).toBe(base);
    expect(normalizeUrl(`${base}?utm_source=facebook&utm_medium=social&utm_campaign=x`)).toBe(base);
    expect(normalizeUrl(`${base}?fbclid=IwAR0abc`)).toBe(base);
    expect(normalizeUrl(`${base}?gclid=1&UTM_Content=2&_ga=3#top`)).toBe(base);
  });

  it('keeps the parameters that identify the article, in a stable order', () => {
    expect(normalizeUrl('https://news.example.kr/view.php?idxno=123&utm_source=x&sc=7')).toBe('https://news.example.kr/view.php?idxno=123&sc=7');
    expect(normalizeUrl('https://news.example.kr/view.php?sc=7&idxno=123')).toBe(normalizeUrl('https://news.example.kr/view.php?idxno=123&sc=7'));
  });

  it('lower-cases scheme and host and drops default ports, but keeps the path as it is', () => {
    expect(normalizeUrl('HTTPS://News.Example.COM:443/Politics/Story?id=1')).toBe('https://news.example.com/Politics/Story?id=1');
    expect(normalizeUrl('http://example.com:80/a/')).toBe('http://example.com/a/');
  });

  it('keeps Korean paths readable-equivalent and survives garbage', () => {
    expect(normalizeUrl('https://ko.example.org/wiki/부산#역사')).toBe('https://ko.example.org/wiki/%EB%B6%80%EC%82%B0');
    expect(normalizeUrl('  not a url  ')).toBe('not a url');
    expect(normalizeUrl('https://example.com/?utm_source=x')).toBe('https://example.com/');
  });
});

describe('classifyUrl', () => {
  it('reads web pages and local files', () => {
    expect(classifyUrl('https://example.com/a')).toBe('readable');
    expect(classifyUrl('http://127.0.0.1:8080/x.html')).toBe('readable');
    expect(classifyUrl('file:///home/me/saved.html')).toBe('readable');
  });

  it('refuses browser pages, extension pages and the extension stores', () => {
    for (const url of [
      'chrome://settings',
      'chrome://newtab/',
      'edge://settings',
      'about:blank',
      'chrome-extension://abcdef/popup.html',
      'moz-extension://1234/popup.html',
      'view-source:https://example.com',
      'https://chromewebstore.google.com/detail/x',
      'https://chrome.google.com/webstore/category/extensions',
      'https://addons.mozilla.org/en-US/firefox/',
    ]) {
      expect(classifyUrl(url), url).toBe('restricted');
    }
    expect(classifyUrl(undefined)).toBe('restricted');
  });

  it('calls other schemes unsupported', () => {
    expect(classifyUrl('data:text/html,hi')).toBe('unsupported');
    expect(classifyUrl('ftp://example.com/a')).toBe('unsupported');
    expect(classifyUrl('%%%')).toBe('unsupported');
  });
});
