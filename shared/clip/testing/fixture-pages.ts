/**
 * Test support: what each page under test/fixtures/pages must yield when clipped from a loopback
 * test server (`{origin}/<file>`, as test/e2e/extension.spec.ts serves them to the built
 * extension in Chromium and fixture-pages.test.ts parses them with happy-dom). One table for
 * both, so the two parsers are held to the same answers. `{origin}` in an expected value stands
 * for the server's origin; `undefined` means the field must be absent; a RegExp must match.
 *
 * The pages are hand-written, modelled on patterns real sites use (never copied), one per cause
 * issue #16 found; the first fourteen are the original fixture set.
 */

export interface FixturePage {
  readonly file: string;
  /** What the page is a model of, and what it checks. */
  readonly about: string;
  readonly expected: Readonly<Record<string, unknown>>;
  /** Which source must have supplied a field (PageMetadata.provenance). */
  readonly provenance?: Readonly<Record<string, string>>;
}

export const FIXTURE_PAGES: readonly FixturePage[] = [
  // ---- the original fourteen ------------------------------------------------------------------
  {
    file: 'journal-article-highwire.html',
    about: 'OJS-style journal article with Highwire citation_* tags',
    expected: {
      title: 'Feedback loops in community health systems: a mixed-methods study',
      authors: ['Okafor, Adaeze', 'Lindqvist, Johan', 'María José García-López'],
      publishedAt: '2023-06-14',
      doi: '10.5555/jsp.2023.0412',
      siteName: 'JSP Online',
      containerTitle: 'Journal of Systems Practice',
      publisher: 'Example University Press',
      language: 'en',
      primaryLanguage: 'en',
      type: 'scholarly-article',
      // Cross-site from the test server, trusted because citation_abstract_html_url agrees.
      canonicalUrl: 'https://journals.example.org/jsp/article/view/2041',
      pdfUrl: '{origin}/jsp/article/download/2041/pdf',
    },
  },
  {
    file: 'preprint-arxiv.html',
    about: 'arXiv-like preprint: citation_* and Dublin Core',
    expected: {
      title: 'Leverage Points in Networked Social Systems',
      authors: ['Chen, Wei', 'van der Berg, Anouk', 'Smith Jr., Robert'],
      publishedAt: '2024-01-03',
      type: 'preprint',
      siteName: 'Preprint Archive',
      canonicalUrl: 'https://preprints.example.org/abs/2401.01234v2',
      doi: undefined,
    },
  },
  {
    file: 'news-jsonld-graph.html',
    about: 'news article with a JSON-LD @graph of @id references and an invalid block',
    expected: {
      title: 'River towns rebuild flood defences together',
      authors: ['Priya Raman', "Tom O'Neill"],
      publishedAt: '2024-02-20T07:00:00+01:00',
      type: 'news-article',
      siteName: 'The Daily Example',
      publisher: 'Example News Group Ltd',
      language: 'en-GB',
      primaryLanguage: 'en',
      canonicalUrl: 'https://news.example.com/uk/2024/02/river-towns-flood-defences',
    },
  },
  {
    file: 'blog-opengraph.html',
    about: 'blog with OpenGraph only, a relative og:url',
    expected: {
      title: 'Notes from a weaving workshop',
      authors: ['Sam Rivera'],
      publishedAt: '2024-03-08',
      siteName: 'Field Notes',
      language: 'en-US',
      canonicalUrl: '{origin}/2024/03/weaving-workshop',
      type: 'article',
    },
  },
  {
    file: 'encyclopedia-wiki.html',
    about: 'Wikipedia-like article: canonical, lang and <title> only',
    expected: {
      title: 'Causal loop diagram - Example Encyclopedia',
      siteName: 'Example Encyclopedia',
      language: 'en',
      authors: [],
      publishedAt: undefined,
      type: 'webpage',
      // Its canonical is on another site than the test server and nothing else agrees.
      canonicalUrl: undefined,
    },
  },
  {
    file: 'government-report.html',
    about: 'government report: Dublin Core, a PDF link and a JSON-LD Report',
    expected: {
      title: 'Regional Water Security Outlook 2025',
      authors: ['Department of Water Example'],
      publishedAt: '2025-04-02',
      type: 'report',
      language: 'en-AU',
      primaryLanguage: 'en',
      publisher: 'Department of Water Example, Government of Exampleland',
      pdfUrl: '{origin}/publications/rwso-2025/rwso-2025-full.pdf',
      doi: undefined,
    },
  },
  {
    file: 'video-page.html',
    about: 'video page with a VideoObject',
    expected: {
      type: 'video',
      title: 'Systems thinking in 5 minutes',
      publishedAt: '2022-11-15T14:03:22-08:00',
      authors: ['Learning Loops Channel'],
      siteName: 'ExampleTube',
      canonicalUrl: 'https://video.example.com/watch?v=a1B2c3D4e5F',
    },
  },
  {
    file: 'no-metadata.html',
    about: 'a page with no metadata at all',
    expected: {
      title: 'Meeting notes: river catchment partners',
      authors: [],
      type: 'webpage',
      canonicalUrl: undefined,
      language: undefined,
      favicon: '{origin}/favicon.ico',
    },
  },
  {
    file: 'conflicting-metadata.html',
    about: 'every vocabulary at once, disagreeing: the precedence decides',
    expected: {
      title: 'Highwire title wins',
      authors: ['Highwire, Author One', 'Highwire, Author Two'],
      publishedAt: '2021-07-04',
      doi: '10.1234/highwire.wins',
      language: 'fr',
      siteName: 'OpenGraph site name wins over the journal title',
      containerTitle: 'Highwire Journal Wins',
      type: 'scholarly-article',
    },
  },
  {
    file: 'non-english-fr.html',
    about: 'French news page',
    expected: {
      title: 'Les boucles de rétroaction expliquées',
      language: 'fr-FR',
      primaryLanguage: 'fr',
      authors: ['Élodie Marchand'],
      publishedAt: '2024-03-12',
      siteName: "Le Quotidien d'Exemple",
    },
  },
  {
    file: 'non-english-ja.html',
    about: 'Japanese blog post',
    expected: {
      title: '地域の見守りネットワークをつくる',
      language: 'ja',
      primaryLanguage: 'ja',
      authors: ['山田 花子'],
      publishedAt: '2023-10-01T09:00:00+09:00',
      siteName: 'まちづくり通信',
      type: 'blog-post',
    },
  },
  {
    file: 'hostile.html',
    about: 'a hostile page: markup, scripts and javascript: URLs in every tag',
    expected: {
      // Browsers keep <title> raw text; happy-dom builds (and drops) elements in it.
      title: /^Totally (normal )?page$/,
      canonicalUrl: undefined,
      pdfUrl: undefined,
      language: undefined,
    },
  },
  {
    file: 'doi-in-text.html',
    about: 'a working paper whose DOI is only in its text',
    expected: { doi: '10.48550/rsl.2022.117' },
    provenance: { doi: 'text' },
  },
  {
    file: 'eprints-repository.html',
    about: 'EPrints repository record with PRISM and Dublin Core',
    expected: {
      title: 'Mapping the informal care economy: actors, ties and gaps',
      authors: ['Nakamura, Keiko'],
      publishedAt: '2021-09',
      doi: '10.17863/ex.18842',
      type: 'thesis',
      publisher: 'Example University',
    },
  },
  // ---- issue #16: one page per cause ------------------------------------------------------------
  {
    file: 'jsonld-yoast-graph.html',
    about:
      'Yoast-style @graph: an ImageObject before the Article, author and publisher as @id references',
    expected: {
      title: 'Why rural bus routes disappear, and how towns win them back',
      authors: ['Rosa Delgado'],
      publishedAt: '2024-05-21T06:45:12+00:00',
      publisher: 'Commons Transport Trust',
      siteName: 'Commons Transport Blog',
      type: 'article',
      language: 'en-US',
      primaryLanguage: 'en',
      canonicalUrl: 'https://commonstransport.example.org/2024/05/rural-bus-routes/',
    },
    provenance: { title: 'og:title', authors: 'json-ld', publishedAt: 'json-ld' },
  },
  {
    file: 'jsonld-dataset-first.html',
    about: 'news site whose analytics Dataset block comes before the NewsArticle',
    expected: {
      title: 'Heat pumps outsell gas boilers for the first time',
      authors: ['Marcus Webb', 'Lin Zhao'],
      publishedAt: '2025-01-14T05:00:00Z',
      type: 'news-article',
      publisher: 'The Globe Daily',
    },
    provenance: { authors: 'json-ld', publishedAt: 'json-ld' },
  },
  {
    file: 'jsonld-review.html',
    about: 'a book review: Review (not in the old list) after an Organization and an ImageObject',
    expected: {
      title: 'Thinking in Systems, ten years on: a review',
      authors: ['Harriet Osei'],
      publishedAt: '2018-09-12',
      type: 'article',
      siteName: 'The Reading Room',
      publisher: 'Reading Room Media Ltd',
    },
    provenance: { authors: 'json-ld' },
  },
  {
    file: 'head-closed-early.html',
    about: 'a tracking <img> in <head>: the parser closes it and every later meta lands in <body>',
    expected: {
      title: 'Council votes to open the river path all year',
      authors: ['Dafydd Morgan'],
      publishedAt: '2024-11-19T18:30:00+00:00',
      siteName: 'Valley Courier',
      canonicalUrl: 'https://www.valleycourier.example.co.uk/news/river-path-vote',
      favicon: 'https://www.valleycourier.example.co.uk/favicon-32.png',
      type: 'article',
    },
    provenance: { title: 'og:title', publishedAt: 'article:published_time' },
  },
  {
    file: 'body-microdata.html',
    about: 'blog with only body microdata: nested itemprop=author/name, datePublished on <abbr>',
    expected: {
      title: 'Gemeinschaftsgärten als Nachbarschaftsnetz',
      authors: ['Johanna Berger'],
      publishedAt: '2023-11-02T08:30:00+01:00',
      language: 'de-AT',
      primaryLanguage: 'de',
      siteName: 'Grätzl Notizen',
    },
    provenance: { authors: 'itemprop=author', publishedAt: 'itemprop=datePublished' },
  },
  {
    file: 'byline-classes.html',
    about: 'news page with a byline of author links and a dateline, a related-stories aside',
    expected: {
      title: 'Food banks see a third more families this winter',
      authors: ['Ana Ruiz', 'Tom Lee'],
      publishedAt: '2024-03-03',
      siteName: 'Northern Ledger',
      language: 'en-CA',
      primaryLanguage: 'en',
    },
    provenance: { authors: 'byline', publishedAt: 'byline date' },
  },
  {
    file: 'parsely-meta.html',
    about: 'public-radio page with Parse.ly tags and an article:author that is a URL',
    expected: {
      title: 'Inside the fight over the last dairy co-op',
      authors: ['Grace Whitfield', 'Omar Haddad'],
      publishedAt: '2023-08-17T10:05:00Z',
      siteName: 'Plains Public Radio',
    },
    provenance: { authors: 'parsely-author', publishedAt: 'parsely-pub-date' },
  },
  {
    file: 'sailthru-meta.html',
    about: 'magazine page with Sailthru tags and <meta name=publisher>',
    expected: {
      title: 'The quiet return of the repair café',
      authors: ['Priya Natarajan'],
      publishedAt: '2022-10-04T07:15:00',
      siteName: 'Makers Weekly',
      publisher: 'Makers Weekly',
    },
    provenance: {
      title: '<title>',
      authors: 'sailthru.author',
      publishedAt: 'sailthru.date',
      siteName: 'meta publisher',
    },
  },
  {
    file: 'og-article-variants.html',
    about: 'og:article:published_time, article:author as a name, application-name, pt-BR',
    expected: {
      title: 'Cooperativas de energia solar crescem no interior',
      authors: ['Beatriz Lima'],
      publishedAt: '2024-07-08T09:00:00-03:00',
      siteName: 'Jornal do Cerrado',
      language: 'pt-BR',
      primaryLanguage: 'pt',
    },
    provenance: {
      authors: 'article:author',
      publishedAt: 'article:published_time',
      siteName: 'application-name',
    },
  },
  {
    file: 'rel-author-time-text.html',
    about: 'static-site post: <a rel=author>, a <time> with no datetime, an "updated" footer time',
    expected: {
      authors: ['Mere Tipene'],
      publishedAt: '2024-01-09',
      siteName: 'Field and Stream Notes',
      language: 'en-NZ',
      primaryLanguage: 'en',
    },
    provenance: { authors: 'rel=author', publishedAt: 'time', siteName: '<title> suffix' },
  },
  {
    file: 'publisher-title-suffix.html',
    about: 'og:title with a " | Site" suffix matching <meta name=publisher>, quotes curly in one',
    expected: {
      title: "'Slow news' and the cost of being first",
      siteName: 'Kate’s Media Desk',
      publisher: 'Kate’s Media Desk',
      authors: ['Kate Brennan'],
      publishedAt: '2021-04-27',
      language: 'en-IE',
      primaryLanguage: 'en',
    },
    provenance: { title: 'og:title', siteName: 'meta publisher' },
  },
  {
    file: 'title-suffix-site.html',
    about: 'single-page-app article: site name only in the <title> suffix, a "Words by" byline',
    expected: {
      // The suffix names the site, but nothing else confirms it: the title is kept whole.
      title: 'Mapping volunteer networks after the 2022 floods | Riverside Gazette',
      siteName: 'Riverside Gazette',
      authors: ['Sione Taufa'],
      publishedAt: '2023-02-14',
    },
    provenance: { siteName: '<title> suffix', authors: 'byline', publishedAt: 'byline date' },
  },
  {
    file: 'empty-title-h1.html',
    about: 'an empty <title>: the article <h1>, not the logo <h1> nor the address',
    expected: {
      title: 'Cómo se organizó la red de agua del barrio',
      authors: ['Lucía Hernández'],
      language: 'es-MX',
      primaryLanguage: 'es',
    },
    provenance: { title: '<h1>', authors: 'byline' },
  },
  {
    file: 'syndicated-canonical.html',
    about: 'a syndicated wire story: canonical on the wire service, og:url and JSON-LD url its own',
    expected: {
      url: '{origin}/syndicated-canonical.html',
      title: 'Drought orders extended across three counties',
      publishedAt: '2025-08-12T14:20:00+01:00',
      siteName: 'Shire Herald',
      publisher: 'Shire Herald Media',
      // Not the wire's address; from the test server og:url is cross-site too and disputed.
      canonicalUrl: undefined,
      type: 'news-article',
    },
  },
  {
    file: 'cross-site-canonical-agreed.html',
    about: 'a cross-post whose canonical and og:url both name the author’s own site',
    expected: {
      url: '{origin}/cross-site-canonical-agreed.html',
      title: 'Five ways to draw a causal loop diagram',
      authors: ['Lena Schmidt'],
      canonicalUrl: 'https://www.lenaschmidt.example.net/blog/five-ways-cld',
    },
  },
];

/** The differences between `actual` and a page's expectations (empty when it passes). */
export function fixtureMismatches(
  page: FixturePage,
  actual: Readonly<Record<string, unknown>>,
  origin: string,
): string[] {
  const fill = (v: unknown): unknown =>
    typeof v === 'string' ? v.replaceAll('{origin}', origin) : v;
  const out: string[] = [];
  const check = (field: string, want: unknown, got: unknown) => {
    const ok =
      want instanceof RegExp
        ? typeof got === 'string' && want.test(got)
        : JSON.stringify(fill(want)) === JSON.stringify(got);
    if (!ok)
      out.push(
        `${page.file}: ${field} is ${JSON.stringify(got)}, expected ${String(want instanceof RegExp ? want : JSON.stringify(fill(want)))}`,
      );
  };
  for (const [field, want] of Object.entries(page.expected)) check(field, want, actual[field]);
  const provenance = (actual.provenance ?? {}) as Record<string, unknown>;
  for (const [field, want] of Object.entries(page.provenance ?? {}))
    check(`provenance.${field}`, want, provenance[field]);
  return out;
}
