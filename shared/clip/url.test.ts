import { describe, expect, test } from 'vitest';
import { normalizeUrl, resolveHttpUrl, sourceKey } from './url';

describe('normalizeUrl', () => {
  test('keeps only http(s)', () => {
    expect(normalizeUrl('javascript:alert(1)')).toBeNull();
    expect(normalizeUrl('data:text/html,<b>x</b>')).toBeNull();
    expect(normalizeUrl('file:///etc/passwd')).toBeNull();
    expect(normalizeUrl('ftp://files.example.org/a')).toBeNull();
    expect(normalizeUrl('mailto:a@example.org')).toBeNull();
    expect(normalizeUrl('/relative/path')).toBeNull();
    expect(normalizeUrl('not a url')).toBeNull();
    expect(normalizeUrl('')).toBeNull();
    expect(normalizeUrl(`https://example.org/${'a'.repeat(5000)}`)).toBeNull();
  });

  test('lower-cases scheme and host, drops the default port, keeps path case', () => {
    expect(normalizeUrl('HTTPS://News.Example.COM:443/World/Story')).toBe(
      'https://news.example.com/World/Story',
    );
    expect(normalizeUrl('http://example.org:80/a')).toBe('http://example.org/a');
    expect(normalizeUrl('http://example.org:8080/a')).toBe('http://example.org:8080/a');
  });

  test('removes the fragment and any credentials', () => {
    expect(normalizeUrl('https://example.org/page#section-2')).toBe('https://example.org/page');
    expect(normalizeUrl('https://ann:secret@example.org/page')).toBe('https://example.org/page');
  });

  test('removes tracking parameters and keeps the others in order', () => {
    expect(
      normalizeUrl(
        'https://example.org/a?id=7&utm_source=news&utm_medium=email&page=2&fbclid=XYZ&gclid=1&q=loops&UTM_Campaign=x',
      ),
    ).toBe('https://example.org/a?id=7&page=2&q=loops');
    expect(
      normalizeUrl(
        'https://example.org/a?dclid=1&msclkid=2&mc_cid=3&mc_eid=4&igshid=5&_hsenc=6&_hsmi=7&ref_src=twsrc&b=1',
      ),
    ).toBe('https://example.org/a?b=1');
    // Parameter spelling is kept as written (no re-encoding of values).
    expect(normalizeUrl('https://example.org/s?q=a+b&x=%20y')).toBe(
      'https://example.org/s?q=a+b&x=%20y',
    );
  });

  test('drops a trailing ? and empty pairs', () => {
    expect(normalizeUrl('https://example.org/a?')).toBe('https://example.org/a');
    expect(normalizeUrl('https://example.org/a?utm_source=x')).toBe('https://example.org/a');
    expect(normalizeUrl('https://example.org/a?&&b=1&')).toBe('https://example.org/a?b=1');
  });

  test('is idempotent', () => {
    const once = normalizeUrl('HTTP://Example.org:80/p?a=1&utm_term=z#top');
    expect(once).toBe('http://example.org/p?a=1');
    expect(normalizeUrl(once!)).toBe(once);
  });
});

describe('resolveHttpUrl', () => {
  test('resolves relative addresses against the page and refuses other schemes', () => {
    expect(resolveHttpUrl('/img/icon.png', 'https://a.example.org/x/y')).toBe(
      'https://a.example.org/img/icon.png',
    );
    expect(resolveHttpUrl('../z', 'https://a.example.org/x/y/')).toBe('https://a.example.org/x/z');
    expect(resolveHttpUrl('//cdn.example.net/f.ico', 'https://a.example.org/')).toBe(
      'https://cdn.example.net/f.ico',
    );
    expect(resolveHttpUrl('  JaVaScRiPt:alert(1) ', 'https://a.example.org/')).toBeUndefined();
    expect(resolveHttpUrl('java\nscript:alert(1)', 'https://a.example.org/')).toBeUndefined();
    expect(resolveHttpUrl('data:image/png;base64,AAAA', 'https://a.example.org/')).toBeUndefined();
  });
});

describe('sourceKey', () => {
  test('prefers the canonical URL, so two visits of one page share a source', () => {
    const first = sourceKey({
      url: 'https://m.example.com/story/1?utm_source=twitter',
      canonicalUrl: 'https://www.example.com/story/1',
    });
    const second = sourceKey({ url: 'https://www.example.com/story/1?fbclid=abc#comments' });
    expect(first).toBe('https://www.example.com/story/1');
    expect(second).toBe(first);
  });

  test('falls back to the page URL when the canonical is unusable', () => {
    expect(sourceKey({ url: 'https://example.org/p#x', canonicalUrl: 'javascript:void(0)' })).toBe(
      'https://example.org/p',
    );
    expect(sourceKey({ url: 'file:///tmp/x.html' })).toBeNull();
  });
});
