import { describe, expect, it } from 'vitest';
import { EditorState } from './editor-state';

const viewport = (zoom: number) => ({
  rect: { x: 0, y: 0, width: 100, height: 50 },
  zoom,
  transform: { k: zoom, x: 0, y: 0 },
});

describe('EditorState', () => {
  it('holds the selection in order and as a set, and tells selection listeners only', () => {
    const s = new EditorState();
    const seen: string[] = [];
    s.subscribe('selection', () => seen.push(`sel:${s.selection.join(',')}`));
    s.subscribe('viewport', () => seen.push(`view:${s.viewport?.zoom}`));
    s.setSelection(['b', 'a']);
    expect(s.selection).toEqual(['b', 'a']);
    expect(s.selectionSet.has('a')).toBe(true);
    expect(s.selectionSet.has('c')).toBe(false);
    s.setViewport(viewport(2));
    expect(s.viewport?.zoom).toBe(2);
    expect(seen).toEqual(['sel:b,a', 'view:2']);
  });

  it('stops telling a listener once it unsubscribes', () => {
    const s = new EditorState();
    let calls = 0;
    const off = s.subscribe('selection', () => calls++);
    s.setSelection(['a']);
    off();
    s.setSelection([]);
    expect(calls).toBe(1);
    expect(s.selection).toEqual([]);
    expect(s.viewport).toBeNull();
  });
});
