import { afterAll, describe, expect, test } from 'vitest';
import { extractMetadata } from './metadata';
import { sourceKey } from './url';
import { fixture, parseHtml } from './testing/html';
import type { PageMetadata } from './types';

const windows: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(windows.map((close) => close()));
});

function extract(name: string, pageUrl: string): PageMetadata {
  const { doc, close } = parseHtml(fixture(name), pageUrl);
  windows.push(close);
  return extractMetadata(doc, pageUrl);
}

function extractHtml(html: string, pageUrl = 'https://site.example.org/a/b.html'): PageMetadata {
  const { doc, close } = parseHtml(html, pageUrl);
  windows.push(close);
  return extractMetadata(doc, pageUrl);
}

/** No value anywhere in the result contains markup. */
function expectPlainText(meta: PageMetadata) {
  for (const value of Object.values(meta).flat()) {
    if (typeof value === 'string') expect(value).not.toMatch(/<\/?[a-z][^>]*>|<script/i);
  }
}

describe('extractMetadata on fixture pages', () => {
  test('journal article: Highwire citation_* tags give the citation', () => {
    const m = extract(
      'journal-article-highwire.html',
      'https://journals.example.org/jsp/article/view/2041?utm_source=toc#sec2',
    );
    expect(m.title).toBe('Feedback loops in community health systems: a mixed-methods study');
    expect(m.authors).toEqual(['Okafor, Adaeze', 'Lindqvist, Johan', 'María José García-López']);
    expect(m.publishedAt).toBe('2023-06-14');
    expect(m.doi).toBe('10.5555/jsp.2023.0412');
    // The site's own name (og:site_name); the journal is the container (issue #16: a journal's
    // "… Online" site used to become the journal's title).
    expect(m.siteName).toBe('JSP Online');
    expect(m.containerTitle).toBe('Journal of Systems Practice');
    expect(m.publisher).toBe('Example University Press');
    expect(m.language).toBe('en');
    expect(m.type).toBe('scholarly-article');
    expect(m.canonicalUrl).toBe('https://journals.example.org/jsp/article/view/2041');
    expect(m.pdfUrl).toBe('https://journals.example.org/jsp/article/download/2041/pdf');
    expect(m.favicon).toBe('https://journals.example.org/static/favicon-32.png');
    expect(m.url).toBe('https://journals.example.org/jsp/article/view/2041?utm_source=toc#sec2');
    expect(m.provenance?.title).toBe('citation_title');
  });

  test('preprint: citation_* beats Dublin Core, arXiv id makes it a preprint', () => {
    const m = extract('preprint-arxiv.html', 'https://preprints.example.org/abs/2401.01234');
    expect(m.title).toBe('Leverage Points in Networked Social Systems');
    expect(m.authors).toEqual(['Chen, Wei', 'van der Berg, Anouk', 'Smith Jr., Robert']);
    expect(m.publishedAt).toBe('2024-01-03');
    expect(m.type).toBe('preprint');
    expect(m.description).toBe(
      "We rank Meadows' leverage points by their structural position in causal loop diagrams.",
    );
    expect(m.siteName).toBe('Preprint Archive');
    expect(m.pdfUrl).toBe('https://preprints.example.org/pdf/2401.01234v2');
    expect(m.canonicalUrl).toBe('https://preprints.example.org/abs/2401.01234v2');
    expect(m.doi).toBeUndefined();
  });

  test('news article: JSON-LD @graph with @id references, an invalid block skipped', () => {
    const m = extract(
      'news-jsonld-graph.html',
      'https://news.example.com/uk/2024/02/river-towns-flood-defences?fbclid=abc',
    );
    // og:title outranks the JSON-LD headline ("… & share one plan"), often cut short on real pages.
    expect(m.title).toBe('River towns rebuild flood defences together');
    expect(m.provenance?.title).toBe('og:title');
    expect(m.authors).toEqual(['Priya Raman', "Tom O'Neill"]);
    expect(m.publishedAt).toBe('2024-02-20T07:00:00+01:00');
    expect(m.type).toBe('news-article');
    expect(m.siteName).toBe('The Daily Example');
    expect(m.publisher).toBe('Example News Group Ltd');
    expect(m.language).toBe('en-GB');
    expect(m.description).toBe(
      'Five towns along the river agreed a shared plan after the winter floods.',
    );
    // The canonical link carried utm_source: it is dropped, so both addresses file under one source.
    expect(m.canonicalUrl).toBe('https://news.example.com/uk/2024/02/river-towns-flood-defences');
    expect(sourceKey(m)).toBe('https://news.example.com/uk/2024/02/river-towns-flood-defences');
    expect(m.favicon).toBe('https://static.news.example.com/favicon.ico');
  });

  test('blog with OpenGraph only: relative og:url resolved, og:locale as language', () => {
    const m = extract(
      'blog-opengraph.html',
      'https://fieldnotes.example.net/2024/03/weaving-workshop/?utm_medium=social',
    );
    expect(m.title).toBe('Notes from a weaving workshop');
    expect(m.authors).toEqual(['Sam Rivera']);
    expect(m.publishedAt).toBe('2024-03-08');
    expect(m.siteName).toBe('Field Notes');
    expect(m.canonicalUrl).toBe('https://fieldnotes.example.net/2024/03/weaving-workshop');
    expect(m.language).toBe('en-US');
    expect(m.type).toBe('article');
    expect(m.favicon).toBe('https://fieldnotes.example.net/favicon.ico');
  });

  test('encyclopedia article: canonical, lang and <title>, nothing invented', () => {
    const m = extract(
      'encyclopedia-wiki.html',
      'https://en.m.encyclopedia.example.org/wiki/Causal_loop_diagram#Reinforcing',
    );
    expect(m.title).toBe('Causal loop diagram - Example Encyclopedia');
    expect(m.canonicalUrl).toBe('https://en.encyclopedia.example.org/wiki/Causal_loop_diagram');
    expect(m.language).toBe('en');
    expect(m.authors).toEqual([]);
    expect(m.publishedAt).toBeUndefined();
    expect(m.doi).toBeUndefined();
    expect(m.type).toBe('webpage');
    expect(m.favicon).toBe('https://en.m.encyclopedia.example.org/static/favicon/encyclopedia.ico');
  });

  test('government report: Dublin Core, PDF link and JSON-LD Report', () => {
    const m = extract('government-report.html', 'https://water.example.gov/publications/rwso-2025');
    expect(m.title).toBe('Regional Water Security Outlook 2025');
    expect(m.authors).toEqual(['Department of Water Example']);
    expect(m.publishedAt).toBe('2025-04-02');
    expect(m.type).toBe('report');
    expect(m.language).toBe('en-AU');
    expect(m.publisher).toBe('Department of Water Example, Government of Exampleland');
    expect(m.pdfUrl).toBe('https://water.example.gov/publications/rwso-2025/rwso-2025-full.pdf');
    expect(m.description).toMatch(/^An outlook on water supply and demand/);
    // DC.identifier is an ISBN: not mistaken for a DOI.
    expect(m.doi).toBeUndefined();
  });

  test('video page: VideoObject gives type, upload date and channel', () => {
    const m = extract(
      'video-page.html',
      'https://video.example.com/watch?v=a1B2c3D4e5F&feature=share&si=xyz',
    );
    expect(m.type).toBe('video');
    expect(m.title).toBe('Systems thinking in 5 minutes');
    expect(m.publishedAt).toBe('2022-11-15T14:03:22-08:00');
    expect(m.authors).toEqual(['Learning Loops Channel']);
    expect(m.siteName).toBe('ExampleTube');
    expect(m.canonicalUrl).toBe('https://video.example.com/watch?v=a1B2c3D4e5F');
    expect(m.favicon).toBe('https://video.example.com/s/favicon_144.png');
  });

  test('video type also comes from og:video alone', () => {
    const m = extractHtml(
      '<html><head><meta property="og:video" content="https://v.example.org/e/1"><title>Clip</title></head></html>',
    );
    expect(m.type).toBe('video');
  });

  test('page with no metadata: <title> (whitespace collapsed), else the URL', () => {
    const m = extract('no-metadata.html', 'https://intranet.example.org/notes/2024-05-02.html');
    expect(m.title).toBe('Meeting notes: river catchment partners');
    expect(m.authors).toEqual([]);
    expect(m.type).toBe('webpage');
    expect(m.canonicalUrl).toBeUndefined();
    expect(m.language).toBeUndefined();
    expect(m.favicon).toBe('https://intranet.example.org/favicon.ico');

    const bare = extractHtml('<p>Nothing here</p>', 'https://bare.example.org/x?y=1');
    expect(bare.title).toBe('https://bare.example.org/x?y=1');
    expect(bare.provenance?.title).toBe('url');
  });

  test('conflicting metadata: the documented precedence decides', () => {
    const m = extract(
      'conflicting-metadata.html',
      'https://conflict.example.org/article/42?ref=home',
    );
    expect(m.title).toBe('Highwire title wins');
    expect(m.authors).toEqual(['Highwire, Author One', 'Highwire, Author Two']);
    // citation_publication_date is not a date, so the next Highwire date tag is used.
    expect(m.publishedAt).toBe('2021-07-04');
    expect(m.provenance?.publishedAt).toBe('citation_date');
    expect(m.doi).toBe('10.1234/highwire.wins');
    // No citation_abstract: Dublin Core outranks JSON-LD, OpenGraph and meta description.
    expect(m.description).toBe('Dublin Core description wins over JSON-LD and OpenGraph.');
    // DC.language (fr) outranks JSON-LD inLanguage (es) and <html lang="de">.
    expect(m.language).toBe('fr');
    // og:site_name names the website; the journal title is the container.
    expect(m.siteName).toBe('OpenGraph site name wins over the journal title');
    expect(m.containerTitle).toBe('Highwire Journal Wins');
    expect(m.canonicalUrl).toBe('https://conflict.example.org/article/42');
    expect(m.type).toBe('scholarly-article');
  });

  test('non-English pages: French and Japanese text and language kept intact', () => {
    const fr = extract('non-english-fr.html', 'https://quotidien.example.fr/societe/boucles');
    expect(fr.title).toBe('Les boucles de rétroaction expliquées');
    expect(fr.language).toBe('fr-FR');
    expect(fr.authors).toEqual(['Élodie Marchand']);
    expect(fr.publishedAt).toBe('2024-03-12');
    expect(fr.siteName).toBe("Le Quotidien d'Exemple");
    expect(fr.description).toContain("systèmes s'emballent");

    const ja = extract('non-english-ja.html', 'https://machi.example.jp/posts/mimamori');
    expect(ja.title).toBe('地域の見守りネットワークをつくる');
    expect(ja.language).toBe('ja');
    expect(ja.authors).toEqual(['山田 花子']);
    expect(ja.publishedAt).toBe('2023-10-01T09:00:00+09:00');
    expect(ja.siteName).toBe('まちづくり通信');
    expect(ja.type).toBe('blog-post');
  });

  test('hostile page: no markup, no script, no non-http(s) URL, everything capped', () => {
    const m = extract('hostile.html', 'https://evil.example.com/page');
    expectPlainText(m);
    // Browsers parse <title> as raw text ("<script>...</script>Totally <b>normal</b> page ...");
    // happy-dom builds elements inside it and drops them. Either way only plain words remain.
    expect(m.title).toMatch(/^Totally (normal )?page$/);
    expect(m.canonicalUrl).toBeUndefined();
    expect(m.favicon).toBe('https://evil.example.com/favicon.ico');
    expect(m.pdfUrl).toBeUndefined();
    expect(m.language).toBeUndefined();
    expect(m.description).toBe('Safe descriptionevil text');
    expect(m.authors[0]).toBe('Mallory');
    expect(m.authors[1]).toHaveLength(100);
    for (const u of [m.url, m.canonicalUrl, m.favicon, m.pdfUrl]) {
      if (u !== undefined) expect(u).toMatch(/^https?:\/\//);
    }
    expect(JSON.stringify(m)).not.toMatch(/javascript:|data:|alert/i);
  });

  test('DOI found only in the text of the page', () => {
    const m = extract('doi-in-text.html', 'https://coop.example.org/papers/17');
    expect(m.doi).toBe('10.48550/rsl.2022.117');
    expect(m.provenance?.doi).toBe('text');
  });

  test('DOI from a doi.org link when no tag gives one', () => {
    const m = extractHtml(
      '<title>t</title><p>Text first</p><a href="https://dx.doi.org/10.1000%2Fabc.123">full text</a><p>then 10.9999/later</p>',
    );
    expect(m.doi).toBe('10.1000/abc.123');
    expect(m.provenance?.doi).toBe('doi.org link');
  });

  test('eprints repository: eprints.* first, PRISM and Dublin Core behind it', () => {
    const m = extract('eprints-repository.html', 'https://eprints.example.ac.uk/18842/');
    expect(m.title).toBe('Mapping the informal care economy: actors, ties and gaps');
    expect(m.authors).toEqual(['Nakamura, Keiko']);
    expect(m.publishedAt).toBe('2021-09');
    expect(m.doi).toBe('10.17863/ex.18842');
    expect(m.type).toBe('thesis');
    expect(m.publisher).toBe('Example University');
    expect(m.pdfUrl).toBe('https://eprints.example.ac.uk/18842/1/Nakamura_thesis.pdf');
  });

  test('every fixture page yields plain text and http(s) URLs only', () => {
    const names = [
      'journal-article-highwire.html',
      'preprint-arxiv.html',
      'news-jsonld-graph.html',
      'blog-opengraph.html',
      'encyclopedia-wiki.html',
      'government-report.html',
      'video-page.html',
      'no-metadata.html',
      'conflicting-metadata.html',
      'non-english-fr.html',
      'non-english-ja.html',
      'hostile.html',
      'doi-in-text.html',
      'eprints-repository.html',
    ];
    for (const name of names) {
      const m = extract(name, 'https://fixture.example.org/page');
      expectPlainText(m);
      expect(m.title.length).toBeGreaterThan(0);
      expect(m.title.length).toBeLessThanOrEqual(500);
      expect((m.description ?? '').length).toBeLessThanOrEqual(5000);
      for (const a of m.authors) expect(a.length).toBeLessThanOrEqual(100);
    }
  });
});

describe('extractMetadata details', () => {
  test('JSON-LD: nested author objects, givenName/familyName, full-IRI types, top-level arrays', () => {
    const m = extractHtml(`<html><head><script type="application/ld+json">[
      {"@context":"https://schema.org","@type":"https://schema.org/ScholarlyArticle","name":"A study",
       "author":[{"@type":"Person","givenName":"Ada","familyName":"Byron"},"Grace Hopper",{"@type":"Organization","name":"Team X"}],
       "datePublished":"March 5, 2021","identifier":{"@type":"PropertyValue","propertyID":"DOI","value":"10.7777/abc"},
       "isPartOf":{"@type":"PublicationIssue","isPartOf":{"@type":"Periodical","name":"Journal of Examples"}}}
    ]</script></head></html>`);
    expect(m.title).toBe('A study');
    expect(m.authors).toEqual(['Ada Byron', 'Grace Hopper', 'Team X']);
    expect(m.publishedAt).toBe('2021-03-05');
    expect(m.doi).toBe('10.7777/abc');
    expect(m.containerTitle).toBe('Journal of Examples');
    expect(m.type).toBe('scholarly-article');
  });

  test('a WebPage whose mainEntity is an Article describes the article', () => {
    const m = extractHtml(`<script type="application/ld+json">{"@type":"WebPage","name":"Page name",
      "mainEntity":{"@type":"Article","headline":"The article","author":{"name":"Kim Lee"}}}</script>`);
    expect(m.title).toBe('The article');
    expect(m.authors).toEqual(['Kim Lee']);
    expect(m.type).toBe('article');
  });

  test('dates in the formats pages use become ISO 8601', () => {
    const dateOf = (content: string) =>
      extractHtml(`<meta name="citation_publication_date" content="${content}">`).publishedAt;
    expect(dateOf('2023/06/14')).toBe('2023-06-14');
    expect(dateOf('2023')).toBe('2023');
    expect(dateOf('15 March 2021')).toBe('2021-03-15');
    expect(dateOf('2021-03-15T10:20:30.123Z')).toBe('2021-03-15T10:20:30Z');
    expect(dateOf('Mon, 15 Mar 2021 10:00:00 +0200')).toBe('2021-03-15T10:00:00+02:00');
    expect(dateOf('2021-02-30')).toBeUndefined();
  });

  test('time[datetime] is the last resort for the date', () => {
    const m = extractHtml(
      '<body><nav><time datetime="2001-01-01">x</time></nav><article><p>a</p><time datetime="2022-09-09T10:00">y</time></article></body>',
    );
    expect(m.publishedAt).toBe('2022-09-09T10:00:00');
    const pub = extractHtml(
      '<body><time datetime="2001-01-01">x</time><time pubdate datetime="2003-03-03">y</time></body>',
    );
    expect(pub.publishedAt).toBe('2003-03-03');
  });

  test('authors are de-duplicated; URLs in article:author are not names', () => {
    const m = extractHtml(
      '<meta name="citation_author" content="Lee, Kim"><meta name="citation_author" content="  lee,   kim "><meta name="citation_author" content="Ng, Al">',
    );
    expect(m.authors).toEqual(['Lee, Kim', 'Ng, Al']);
    const og = extractHtml(
      '<meta property="article:author" content="https://x.example.org/u/1"><meta name="author" content="Dee Dee">',
    );
    expect(og.authors).toEqual(['Dee Dee']);
  });

  test('citation_authors given as one semicolon-separated list', () => {
    const m = extractHtml('<meta name="citation_authors" content="Doe, Jane; Roe, Rick">');
    expect(m.authors).toEqual(['Doe, Jane', 'Roe, Rick']);
  });

  test('long values are capped: title 500, description 5000', () => {
    const m = extractHtml(
      `<title>${'word '.repeat(400)}</title><meta name="description" content="${'long '.repeat(3000)}">`,
    );
    expect(m.title.length).toBeLessThanOrEqual(500);
    expect(m.description!.length).toBeLessThanOrEqual(5000);
    expect(m.description!.length).toBeGreaterThan(4990);
  });

  test('pages that are not http(s) are refused with a clear error', () => {
    const { doc, close } = parseHtml('<title>x</title>', 'https://a.example.org/');
    windows.push(close);
    expect(() => extractMetadata(doc, 'file:///home/me/notes.html')).toThrow(
      /Only http\(s\) pages/,
    );
    expect(() => extractMetadata(doc, 'not a url')).toThrow(TypeError);
  });
});
