import { afterAll, describe, expect, test } from 'vitest';
import type { SourceRecord } from '../schema/types';
import { mergeClipIntoSource, validateClip } from './clip';
import { sourcesToCslJson, splitName } from './csl';
import { extractMetadata } from './metadata';
import { fixture, parseHtml } from './testing/html';

const windows: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(windows.map((close) => close()));
});

/** The source the host would store for a page clip of a fixture. */
function sourceFor(name: string, pageUrl: string, id: string): SourceRecord {
  const { doc, close } = parseHtml(fixture(name), pageUrl);
  windows.push(close);
  const v = validateClip({
    clipId: `${id}-clip-0000000000`,
    kind: 'page',
    url: pageUrl,
    metadata: extractMetadata(doc, pageUrl),
    tags: ['evidence'],
    clippedBy: 'me',
    clippedAt: Date.UTC(2024, 5, 30, 23, 59),
  });
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  const m = mergeClipIntoSource(undefined, v.clip, id);
  if (!m.ok) throw new Error('merge failed');
  return m.source;
}

describe('sourcesToCslJson', () => {
  test('a journal article exports as article-journal with split authors, DOI and dates', () => {
    const [item] = sourcesToCslJson([
      sourceFor(
        'journal-article-highwire.html',
        'https://journals.example.org/jsp/article/view/2041',
        'src_j',
      ),
    ]);
    expect(item).toEqual({
      id: 'src_j',
      type: 'article-journal',
      title: 'Feedback loops in community health systems: a mixed-methods study',
      author: [
        { family: 'Okafor', given: 'Adaeze' },
        { family: 'Lindqvist', given: 'Johan' },
        { family: 'García-López', given: 'María José' },
      ],
      issued: { 'date-parts': [[2023, 6, 14]] },
      accessed: { 'date-parts': [[2024, 6, 30]] },
      URL: 'https://journals.example.org/jsp/article/view/2041',
      DOI: '10.5555/jsp.2023.0412',
      'container-title': 'Journal of Systems Practice',
      publisher: 'Example University Press',
      language: 'en',
      abstract: 'Generic site description for the journal platform.',
      keyword: 'evidence',
    });
  });

  test('type mapping across the fixture kinds', () => {
    const items = sourcesToCslJson([
      sourceFor('preprint-arxiv.html', 'https://preprints.example.org/abs/2401.01234', 'a'),
      sourceFor(
        'news-jsonld-graph.html',
        'https://news.example.com/uk/2024/02/river-towns-flood-defences',
        'b',
      ),
      sourceFor(
        'blog-opengraph.html',
        'https://fieldnotes.example.net/2024/03/weaving-workshop',
        'c',
      ),
      sourceFor('government-report.html', 'https://water.example.gov/publications/rwso-2025', 'd'),
      sourceFor('video-page.html', 'https://video.example.com/watch?v=a1B2c3D4e5F', 'e'),
      sourceFor('eprints-repository.html', 'https://eprints.example.ac.uk/18842/', 'f'),
      sourceFor('no-metadata.html', 'https://intranet.example.org/notes', 'g'),
      sourceFor('non-english-ja.html', 'https://machi.example.jp/posts/mimamori', 'h'),
    ]);
    expect(items.map((i) => i.type)).toEqual([
      'article',
      'article-newspaper',
      'webpage',
      'report',
      'motion_picture',
      'thesis',
      'webpage',
      'post-weblog',
    ]);
    const [preprint, news, , report, video, thesis, , ja] = items;
    expect(preprint?.author).toEqual([
      { family: 'Chen', given: 'Wei' },
      { family: 'Berg', given: 'Anouk', 'non-dropping-particle': 'van der' },
      { family: 'Smith', given: 'Robert', suffix: 'Jr.' },
    ]);
    expect(news?.issued).toEqual({ 'date-parts': [[2024, 2, 20]] });
    expect(news?.URL).toBe('https://news.example.com/uk/2024/02/river-towns-flood-defences');
    expect(report?.author).toEqual([{ literal: 'Department of Water Example' }]);
    expect(video?.author).toEqual([{ literal: 'Learning Loops Channel' }]);
    expect(thesis?.issued).toEqual({ 'date-parts': [[2021, 9]] });
    expect(ja?.author).toEqual([{ literal: '山田 花子' }]);
    expect(ja?.language).toBe('ja');
  });

  test('the output is plain JSON that survives a round trip', () => {
    const items = sourcesToCslJson([
      sourceFor('conflicting-metadata.html', 'https://conflict.example.org/article/42', 'x'),
    ]);
    expect(JSON.parse(JSON.stringify(items))).toEqual(items);
    for (const item of items) {
      expect(typeof item.id).toBe('string');
      expect(typeof item.type).toBe('string');
      expect(typeof item.title).toBe('string');
    }
  });
});

describe('splitName', () => {
  test('people, particles, suffixes, organisations', () => {
    expect(splitName('Okafor, Adaeze')).toEqual({ family: 'Okafor', given: 'Adaeze' });
    expect(splitName('Adaeze Okafor')).toEqual({ family: 'Okafor', given: 'Adaeze' });
    expect(splitName('Ludwig van Beethoven')).toEqual({
      family: 'Beethoven',
      given: 'Ludwig',
      'non-dropping-particle': 'van',
    });
    expect(splitName('Martin Luther King Jr.')).toEqual({
      family: 'King',
      given: 'Martin Luther',
      suffix: 'Jr.',
    });
    expect(splitName('World Health Organization')).toEqual({
      literal: 'World Health Organization',
    });
    expect(splitName('Reuters')).toEqual({ literal: 'Reuters' });
    expect(splitName('Plato')).toEqual({ literal: 'Plato' });
  });
});
