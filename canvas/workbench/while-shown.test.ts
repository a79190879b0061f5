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

describe('whileShown with an idle catch-up', () => {
  /** A hidden view's catch-up with the idle slices and the signal driven by the test. */
  function setup() {
    const wb = { sidebarView: 'leverage' as string | null };
    const state = { result: 1, reads: 0, version: 0 };
    const slices: (() => void)[] = [];
    const value = whileShown(
      () => wb.sidebarView === 'leverage',
      () => {
        state.reads++;
        return state.result * 10;
      },
      {
        source: () => state.result,
        idle: (fn) => void slices.push(fn),
        signal: { read: () => state.version, bump: () => void state.version++ },
      },
    );
    return { wb, state, slices, value };
  }

  it('catches up once in the next idle slice however many changes came before it', () => {
    const { wb, state, slices, value } = setup();
    expect(value()).toBe(10);
    wb.sidebarView = 'loops';
    state.result = 2;
    expect(value()).toBe(10);
    state.result = 3;
    expect(value()).toBe(10);
    // One slice asked for, nothing read yet.
    expect(slices).toHaveLength(1);
    expect(state.reads).toBe(1);
    slices.shift()!();
    expect(state.version).toBe(1);
    // The signal re-runs the derivation: it reads the source as it is now.
    expect(value()).toBe(30);
    expect(state.reads).toBe(2);
    // Caught up: opening the view has nothing left to read.
    expect(value()).toBe(30);
    wb.sidebarView = 'leverage';
    expect(value()).toBe(30);
    expect(state.reads).toBe(3);
    expect(slices).toHaveLength(0);
  });

  it('asks for no slice while the source stays the same, nor while the view shows', () => {
    const { wb, state, slices, value } = setup();
    value();
    state.result = 4;
    expect(value()).toBe(40);
    wb.sidebarView = null;
    expect(value()).toBe(40);
    expect(value()).toBe(40);
    expect(slices).toHaveLength(0);
  });

  it('a view shown before its slice comes reads at once; the late slice reads nothing more', () => {
    const { wb, state, slices, value } = setup();
    value();
    wb.sidebarView = 'loops';
    state.result = 5;
    value();
    wb.sidebarView = 'leverage';
    expect(value()).toBe(50);
    const reads = state.reads;
    slices.shift()!();
    wb.sidebarView = 'loops';
    expect(value()).toBe(50);
    expect(state.reads).toBe(reads);
    // The next change while hidden waits for its own slice again.
    state.result = 6;
    expect(value()).toBe(50);
    expect(state.reads).toBe(reads);
    expect(slices).toHaveLength(1);
  });
});
