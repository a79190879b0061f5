/**
 * A file name stem from a map title, the same rule for every export: accents dropped, letters
 * and digits kept (lower case), every other run a dash, at most 80 characters; `fallback` when
 * nothing is left.
 */
export function fileSlug(title: string, fallback = 'weavemap-map'): string {
  const stem = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return stem || fallback;
}
