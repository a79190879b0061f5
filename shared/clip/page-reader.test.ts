import { afterAll, describe, expect, test } from 'vitest';
import { extractMetadata } from './metadata';
import { LEAD_LIMITS, Reader, type LeadLimits } from './page-reader';
import { parseHtml } from './testing/html';

const windows: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(windows.map((close) => close()));
});

// The cost on a long page is measured in Chromium (test/e2e/extension.spec.ts, a 20,000-paragraph
// page through the extension's capture path): building such a page in happy-dom takes about 15 s
// here, which is what made this file hit vitest's timeout. These tests pin the bounds instead.
describe('extractMetadata reads the body only as far as it must', () => {
  test('a page whose tags answer every field never reads the body', () => {
    const { doc, close } = parseHtml(
      `<html lang="en"><head><title>T</title>
      <meta name="citation_title" content="Tagged"><meta name="citation_author" content="Lee, Kim">
      <meta name="citation_publication_date" content="2020/02/02"><meta name="citation_doi" content="10.1000/x1">
      <meta name="citation_pdf_url" content="/x.pdf"><meta name="description" content="d">
      <meta property="og:site_name" content="Site"><link rel="canonical" href="/huge"></head>
      <body><p>Body text</p><h1>Heading</h1></body></html>`,
      'https://big.example.org/huge?page=all',
    );
    windows.push(close);
    const touched: string[] = [];
    for (const name of ['body', 'querySelector', 'querySelectorAll'] as const) {
      const original = (doc as unknown as Record<string, unknown>)[name];
      Object.defineProperty(doc, name, {
        configurable: true,
        get: () => {
          touched.push(name);
          return typeof original === 'function' ? original.bind(doc) : original;
        },
      });
    }
    const m = extractMetadata(doc, 'https://big.example.org/huge?page=all');
    expect(m.title).toBe('Tagged');
    expect(m.canonicalUrl).toBe('https://big.example.org/huge');
    expect(touched).toEqual([]);
    // The same page without its DOI tag does read the body (for a doi.org link): the probe works.
    doc.querySelector('meta[name="citation_doi"]')?.remove();
    touched.length = 0;
    extractMetadata(doc, 'https://big.example.org/huge?page=all');
    expect(touched).toContain('body');
  });

  test('the body scan stops after its element and text budgets', () => {
    const page = (before: string) =>
      `<html><head><title>t</title></head><body>${before}<a href="https://doi.org/10.1000/late">x</a><time datetime="2020-01-01">t</time></body></html>`;
    const scan = (html: string, limits: LeadLimits) => {
      const { doc, close } = parseHtml(html, 'https://a.example.org/');
      windows.push(close);
      return new Reader(doc, 'https://a.example.org/', limits).lead();
    };
    const elements = '<i></i>'.repeat(30);
    expect(scan(page(elements), { textChars: 1000, elements: 40 }).doi).toBe('10.1000/late');
    expect(scan(page(elements), { textChars: 1000, elements: 20 }).doi).toBeUndefined();
    expect(scan(page(elements), { textChars: 1000, elements: 20 }).anyTime).toBeUndefined();
    const words = `<p>${'word '.repeat(100)}</p>`;
    expect(scan(page(words), { textChars: 1000, elements: 100 }).doi).toBe('10.1000/late');
    const cut = scan(page(words), { textChars: 100, elements: 100 });
    expect(cut.doi).toBeUndefined();
    expect(cut.text).toHaveLength(100);
    // The defaults the extension uses.
    expect(LEAD_LIMITS).toEqual({ textChars: 200_000, elements: 20_000 });
  });
});
