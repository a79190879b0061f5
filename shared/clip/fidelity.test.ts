import { afterAll, describe, expect, test } from 'vitest';
import { namesFromByline } from './body-reader';
import { findDateInText } from './dates';
import { extractMetadata, primaryLanguage } from './metadata';
import { sameSite, siteOf } from './site';
import { fixture, parseHtml } from './testing/html';
import { foldForCompare, splitSiteSuffix, stripSiteSuffix } from './title';
import type { PageMetadata } from './types';

/** The rules behind issue #16's fixture pages, one by one, at the pages' real addresses. */
const windows: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(windows.map((close) => close()));
});

function extract(html: string, url: string): PageMetadata {
  const { doc, close } = parseHtml(html.endsWith('.html') ? fixture(html) : html, url);
  windows.push(close);
  return extractMetadata(doc, url);
}

describe('canonical addresses across sites', () => {
  test('a syndicated story keeps its own address: the wire canonical is disputed by og:url and JSON-LD', () => {
    const url = 'https://www.shireherald.example.co.uk/news/uk-drought-orders-extended?src=rss';
    const m = extract('syndicated-canonical.html', url);
    expect(m.url).toBe(url);
    expect(m.canonicalUrl).toBe(
      'https://www.shireherald.example.co.uk/news/uk-drought-orders-extended',
    );
    expect(m.provenance?.canonicalUrl).toBe('og:url');
  });

  test('a cross-site canonical is trusted when og:url agrees, and the clip keeps the page address', () => {
    const url = 'https://devnotes.example.com/lena/five-ways-cld-3k2j';
    const m = extract('cross-site-canonical-agreed.html', url);
    expect(m.url).toBe(url);
    expect(m.canonicalUrl).toBe('https://www.lenaschmidt.example.net/blog/five-ways-cld');
  });

  test('a cross-site canonical with nothing to confirm it is dropped; one within the site is kept', () => {
    const page = '<link rel="canonical" href="https://other.example.net/story">';
    expect(extract(page, 'https://mirror.example.org/story').canonicalUrl).toBeUndefined();
    const mobile = '<link rel="canonical" href="https://www.example.org/story">';
    expect(extract(mobile, 'https://m.example.org/story').canonicalUrl).toBe(
      'https://www.example.org/story',
    );
  });

  test('sites: registrable domains approximated, country second levels, IPs', () => {
    expect(siteOf('https://news.bbc.example.co.uk/x')).toBe('example.co.uk');
    expect(siteOf('https://www.example.com/')).toBe('example.com');
    expect(siteOf('https://a.b.example.com.au/')).toBe('example.com.au');
    expect(siteOf('http://127.0.0.1:8080/a')).toBe('127.0.0.1');
    expect(siteOf('http://localhost:3000/')).toBe('localhost');
    expect(siteOf('not a url')).toBeUndefined();
    expect(sameSite('https://m.example.org/a', 'https://www.example.org/b')).toBe(true);
    expect(sameSite('https://wire.example-press.com/', 'https://example.co.uk/')).toBe(false);
  });
});

describe('JSON-LD main entity', () => {
  const ld = (json: string) => `<script type="application/ld+json">${json}</script>`;

  test('of two articles, the one whose mainEntityOfPage or url is the page wins', () => {
    const html = ld(`[
      {"@type":"NewsArticle","headline":"Related story","author":{"name":"Wrong Person"},"url":"https://n.example.com/other"},
      {"@type":"NewsArticle","headline":"This story","author":{"name":"Right Person"},"mainEntityOfPage":{"@type":"WebPage","@id":"https://n.example.com/this"}}
    ]`);
    const m = extract(html, 'https://n.example.com/this?utm_source=x');
    expect(m.title).toBe('This story');
    expect(m.authors).toEqual(['Right Person']);
  });

  test('a WebPage, Organization or BreadcrumbList never wins over an article; Dataset only when alone', () => {
    const withArticle = ld(`{"@graph":[
      {"@type":"WebPage","@id":"https://s.example.org/p","url":"https://s.example.org/p","name":"Page name"},
      {"@type":"Organization","name":"Org"},{"@type":"BreadcrumbList","itemListElement":[]},
      {"@type":"Dataset","name":"Stats","url":"https://s.example.org/p"},
      {"@type":"BlogPosting","headline":"The post","datePublished":"2020-02-02"}]}`);
    const m = extract(withArticle, 'https://s.example.org/p');
    expect([m.title, m.type, m.publishedAt]).toEqual(['The post', 'blog-post', '2020-02-02']);
    const alone = extract(
      ld('{"@type":"Dataset","name":"River levels 1990-2020"}'),
      'https://d.example.org/',
    );
    expect([alone.title, alone.type]).toEqual(['River levels 1990-2020', 'dataset']);
  });

  test('a node nested in another is found by its @id from elsewhere', () => {
    const html = ld(`{"@graph":[
      {"@type":"Article","headline":"H","publisher":{"@id":"#org"},
       "isPartOf":{"@type":"WebSite","publisher":{"@type":"Organization","@id":"#org","name":"Nested Org"}}}]}`);
    expect(extract(html, 'https://o.example.org/').publisher).toBe('Nested Org');
  });
});

describe('bylines, dates and titles in the text', () => {
  test('names from bylines', () => {
    expect(namesFromByline('By Ana Ruiz and Tom Lee | 3 March 2024')).toEqual([
      'Ana Ruiz',
      'Tom Lee',
    ]);
    expect(namesFromByline('Words by Sione Taufa')).toEqual(['Sione Taufa']);
    expect(namesFromByline('By Jane Doe, Science Correspondent')).toEqual(['Jane Doe']);
    expect(namesFromByline('Por Lucía Hernández')).toEqual(['Lucía Hernández']);
    expect(namesFromByline('von Johanna Berger, 2. Nov.')).toEqual(['Johanna Berger']);
    expect(namesFromByline('Jane Doe is a reporter who covers climate and energy policy')).toEqual(
      [],
    );
    expect(namesFromByline('https://example.org/u/1')).toEqual([]);
  });

  test('the published date of a byline text, not the update', () => {
    expect(findDateInText('Published 3 March 2024 · Updated 5 March 2024')).toBe('2024-03-03');
    expect(findDateInText('Updated 5 March 2024, published March 1, 2024')).toBe('2024-03-01');
    expect(findDateInText('Updated 2024-03-05. Story from 2024-02-01')).toBe('2024-02-01');
    expect(findDateInText('January 9, 2024 · 6 min read')).toBe('2024-01-09');
    expect(findDateInText('Room 3 Block 2024')).toBeUndefined();
  });

  test('a site suffix is cut only when it names the site, quotes and dashes folded', () => {
    expect(stripSiteSuffix('Why ‘slow news’ matters | Kate’s Desk', ["Kate's Desk"])).toBe(
      'Why ‘slow news’ matters',
    );
    expect(stripSiteSuffix('Smith – Jones debate', ['Example News'])).toBe('Smith – Jones debate');
    expect(splitSiteSuffix('Title — The Site')).toEqual({ head: 'Title', site: 'The Site' });
    expect(foldForCompare('“The” Site—X')).toBe(foldForCompare('"the" site-x'));
  });

  test('bylines in asides, footers, comments and related stories are not the author', () => {
    const m = extract(
      `<html class="comments-open"><body class="has-comments"><article>
       <div class="comment-list"><p class="byline">By Commenter One</p></div>
       <aside><p class="byline">By Aside Person</p></aside>
       <div class="related-links"><p class="byline">By Related Writer</p></div>
       <p class="byline">By The Author</p></article></body></html>`,
      'https://b.example.org/',
    );
    expect(m.authors).toEqual(['The Author']);
  });

  test('the <title> suffix names the site only when the heading does not carry it too', () => {
    const html = (h1: string) =>
      `<html><head><title>Smith - Jones debate</title></head><body><h1>${h1}</h1></body></html>`;
    expect(
      extract(html('Smith - Jones debate'), 'https://t.example.org/').siteName,
    ).toBeUndefined();
    expect(extract(html('Smith'), 'https://t.example.org/').siteName).toBe('Jones debate');
  });

  test('body tags written after an early-closed head are read, and <meta itemprop> in the body', () => {
    const m = extract(
      `<html><head><title>T</title><img src="/p.gif"><meta name="author" content="Late Meta">
       <link rel="canonical" href="/c"></head><body><p>x</p>
       <div itemscope><meta itemprop="datePublished" content="2019-05-06"></div></body></html>`,
      'https://late.example.org/a',
    );
    expect(m.authors).toEqual(['Late Meta']);
    expect(m.canonicalUrl).toBe('https://late.example.org/c');
    expect(m.publishedAt).toBe('2019-05-06');
  });

  test('language: the tag as given and its primary subtag', () => {
    const m = extract('<html lang="zh-Hant-TW"><title>t</title></html>', 'https://z.example.org/');
    expect([m.language, m.primaryLanguage]).toEqual(['zh-Hant-TW', 'zh']);
    expect(primaryLanguage('en-GB')).toBe('en');
  });
});
