import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { extractMetadata } from './metadata';
import { FIXTURE_PAGES, fixtureMismatches } from './testing/fixture-pages';
import { fixture, parseHtml } from './testing/html';

/**
 * Every fixture page, parsed with happy-dom as if served from the loopback test server, against
 * the table test/e2e/extension.spec.ts also checks in Chromium through the extension.
 */
const ORIGIN = 'http://127.0.0.1:8080';
const windows: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(windows.map((close) => close()));
});

describe('fixture pages (the table the extension is held to in Chromium)', () => {
  test('every page under test/fixtures/pages has expectations', () => {
    const dir = fileURLToPath(new URL('../../test/fixtures/pages/', import.meta.url));
    const files = readdirSync(dir).filter((f) => f.endsWith('.html'));
    expect(FIXTURE_PAGES.map((p) => p.file).sort()).toEqual(files.sort());
  });

  test.each(FIXTURE_PAGES.map((p) => [p.file, p] as const))('%s', (file, page) => {
    const url = `${ORIGIN}/${file}`;
    const { doc, close } = parseHtml(fixture(file), url);
    windows.push(close);
    const m = extractMetadata(doc, url);
    expect(fixtureMismatches(page, m as unknown as Record<string, unknown>, ORIGIN)).toEqual([]);
  });

  test('the comparison fails on a wrong value, a missing one and a wrong source', () => {
    const page = {
      file: 'x.html',
      about: 'probe',
      expected: { title: 'T', canonicalUrl: undefined, pdfUrl: '{origin}/a.pdf' },
      provenance: { title: 'og:title' },
    };
    const good = { title: 'T', pdfUrl: `${ORIGIN}/a.pdf`, provenance: { title: 'og:title' } };
    expect(fixtureMismatches(page, good, ORIGIN)).toEqual([]);
    expect(fixtureMismatches(page, { ...good, title: 'U' }, ORIGIN)).toHaveLength(1);
    expect(
      fixtureMismatches(page, { ...good, canonicalUrl: 'https://a.example/' }, ORIGIN),
    ).toHaveLength(1);
    expect(fixtureMismatches(page, { ...good, pdfUrl: undefined }, ORIGIN)).toHaveLength(1);
    expect(
      fixtureMismatches(page, { ...good, provenance: { title: '<title>' } }, ORIGIN),
    ).toHaveLength(1);
  });
});
