import { describe, expect, test } from 'vitest';
import { isIsoDate, normalizeDate } from './dates';
import { findDoiInText, parseDoi } from './doi';
import { normalizeLanguage } from './metadata';
import { cleanText } from './text';

describe('normalizeDate', () => {
  test.each([
    ['2024', '2024'],
    ['2024-3', '2024-03'],
    ['2024/03/05', '2024-03-05'],
    ['2024.03.05', '2024-03-05'],
    ['20240305', '2024-03-05'],
    ['2024-03-05T09:30', '2024-03-05T09:30:00'],
    ['2024-03-05 09:30:15 UTC', '2024-03-05T09:30:15Z'],
    ['2024-03-05T09:30:15.250-0500', '2024-03-05T09:30:15-05:00'],
    ['5 March 2024', '2024-03-05'],
    ['March 5, 2024', '2024-03-05'],
    ['Tuesday, March 5th, 2024', '2024-03-05'],
    ['Mar 2024', '2024-03'],
    ['Tue, 05 Mar 2024 09:30:00 GMT', '2024-03-05T09:30:00Z'],
    ['12 mars 2024', '2024-03-12'],
    ['1er avril 2024', '2024-04-01'],
    ['5. März 2024', '2024-03-05'],
    ['15 de marzo de 2024', '2024-03-15'],
    ['25/12/2023', '2023-12-25'],
    ['12/25/2023', '2023-12-25'],
    ['Published 2022-11-15 (online)', '2022-11-15'],
  ])('%s -> %s', (raw, iso) => {
    expect(normalizeDate(raw)).toBe(iso);
    expect(isIsoDate(iso)).toBe(true);
  });

  test.each([
    '',
    'yesterday',
    '03/04/2021',
    '2021-13-01',
    '2021-02-29',
    '0999',
    '2024-03-05T25:00',
    'Ju 2024',
  ])('refuses %j', (raw) => {
    expect(normalizeDate(raw)).toBeUndefined();
  });
});

describe('DOIs', () => {
  test.each([
    ['10.1000/xyz123', '10.1000/xyz123'],
    ['doi:10.1000/xyz123', '10.1000/xyz123'],
    ['DOI: 10.1000/XYZ.123', '10.1000/XYZ.123'],
    ['https://doi.org/10.1000/xyz123', '10.1000/xyz123'],
    ['http://dx.doi.org/10.1000%2Fxyz123', '10.1000/xyz123'],
    ['info:doi/10.1000/xyz123', '10.1000/xyz123'],
    ['10.1016/S0140-6736(20)30183-5', '10.1016/S0140-6736(20)30183-5'],
  ])('parseDoi(%j)', (raw, doi) => {
    expect(parseDoi(raw)).toBe(doi);
  });

  test('trailing sentence punctuation and brackets are not part of a DOI in text', () => {
    expect(findDoiInText('Cite it as doi:10.1234/abc.def.')).toBe('10.1234/abc.def');
    expect(findDoiInText('(see 10.1234/abc-9), and more')).toBe('10.1234/abc-9');
    expect(findDoiInText('ISBN 978-0-00-000000-2 and 10.12/x')).toBeUndefined();
  });
});

describe('cleanText', () => {
  test('markup, entities, control and bidi characters, whitespace', () => {
    expect(cleanText('  A <b>bold</b>\n\n claim &amp; more  ', 100)).toBe('A bold claim & more');
    expect(cleanText('&lt;script&gt;alert(1)&lt;/script&gt;Hi', 100)).toBe('Hi');
    expect(cleanText('a\u0000b\u202ec\u0007d', 100)).toBe('abcd');
    expect(cleanText('x < y and y > z', 100)).toBe('x < y and y > z');
    expect(cleanText('   ', 100)).toBeUndefined();
    expect(cleanText(42, 100)).toBeUndefined();
  });

  test('caps without splitting a surrogate pair, and bounded work on huge input', () => {
    expect(cleanText('ab😀', 3)).toBe('ab');
    const huge = '<p>' + 'word '.repeat(2_000_000) + '</p>';
    const out = cleanText(huge, 500)!;
    expect(out.length).toBeLessThanOrEqual(500);
  });
});

describe('normalizeLanguage', () => {
  test.each([
    ['en', 'en'],
    ['EN-gb', 'en-GB'],
    ['fr_FR', 'fr-FR'],
    ['zh-hant-tw', 'zh-Hant-TW'],
  ])('%s -> %s', (raw, tag) => {
    expect(normalizeLanguage(raw)).toBe(tag);
  });
  test('refuses what is not a tag', () => {
    expect(normalizeLanguage('English')).toBeUndefined();
    expect(normalizeLanguage('en" onload="x')).toBeUndefined();
  });
});
