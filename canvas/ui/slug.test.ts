import { describe, expect, it } from 'vitest';
import { fileSlug } from './slug';

describe('fileSlug', () => {
  it('keeps letters and digits, folds accents, dashes the rest', () => {
    expect(fileSlug('School readiness in our city (example)')).toBe(
      'school-readiness-in-our-city-example',
    );
    expect(fileSlug('Café «Réseau»')).toBe('cafe-reseau');
    expect(fileSlug('Water & Sanitation: Ghana 2024')).toBe('water-sanitation-ghana-2024');
  });

  it('is at most 80 characters and never ends in a dash', () => {
    const s = fileSlug(`${'a'.repeat(79)} b`);
    expect(s).toBe('a'.repeat(79));
    expect(fileSlug('x'.repeat(200))).toHaveLength(80);
  });

  it('falls back when nothing is left', () => {
    expect(fileSlug('   ')).toBe('weavemap-map');
    expect(fileSlug('«»', 'map')).toBe('map');
  });
});
