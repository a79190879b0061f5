import { describe, expect, it } from 'vitest';
import { nestingDepth, parseBoundedJson } from './bounded-json';

describe('nestingDepth', () => {
  it('counts brackets outside strings, escapes included', () => {
    expect(nestingDepth('1')).toBe(0);
    expect(nestingDepth('{"a":[1,{"b":[]}]}')).toBe(4);
    expect(nestingDepth('{"a":"[[[[{{{{"}')).toBe(1);
    expect(nestingDepth('["\\"[[[", ["x"]]')).toBe(2);
    expect(nestingDepth('["\\\\", [[1]]]')).toBe(3);
  });

  it('stops at the limit without scanning the rest', () => {
    expect(nestingDepth(`${'['.repeat(100_000)}`, 16)).toBe(17);
  });
});

describe('parseBoundedJson', () => {
  it('parses within the bounds and refuses beyond them with a reason', () => {
    expect(parseBoundedJson('{"a":[1]}', 2, 100)).toEqual({ ok: true, value: { a: [1] } });
    expect(parseBoundedJson('{"a":[[1]]}', 2, 100)).toEqual({
      ok: false,
      reason: 'nested deeper than 2 levels',
    });
    expect(parseBoundedJson('"x"', 2, 2)).toEqual({
      ok: false,
      reason: 'longer than 2 characters',
    });
    expect(parseBoundedJson('{', 2, 100)).toEqual({ ok: false, reason: 'not JSON' });
    // 60,000 levels: JSON.parse and JSON.stringify of it would recurse that deep.
    const deep = `${'['.repeat(60_000)}${']'.repeat(60_000)}`;
    expect(parseBoundedJson(deep, 16, Number.POSITIVE_INFINITY)).toMatchObject({ ok: false });
  });
});
