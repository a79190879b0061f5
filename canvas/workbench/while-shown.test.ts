import { describe, expect, it } from 'vitest';
import { whileShown } from './while-shown';

describe('whileShown', () => {
  it('follows the source while the view shows, holds the last value while hidden', () => {
    const wb = { sidebarView: 'leverage' as string | null };
    let source = 1;
    let reads = 0;
    const value = whileShown(
      () => wb.sidebarView === 'leverage',
      () => {
        reads++;
        return source;
      },
    );
    expect(value()).toBe(1);
    source = 2;
    expect(value()).toBe(2);
    wb.sidebarView = 'loops';
    source = 3;
    expect(value()).toBe(2);
    wb.sidebarView = null;
    expect(value()).toBe(2);
    expect(reads).toBe(2);
    wb.sidebarView = 'leverage';
    expect(value()).toBe(3);
    expect(reads).toBe(3);
  });

  it('reads once when first asked while hidden (a view mounted ahead)', () => {
    const wb = { sidebarView: 'outline' as string | null };
    let reads = 0;
    const value = whileShown(
      () => wb.sidebarView === 'network',
      () => ++reads,
    );
    expect(value()).toBe(1);
    expect(value()).toBe(1);
    expect(reads).toBe(1);
  });
});
