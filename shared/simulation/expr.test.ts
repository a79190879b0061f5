import { describe, expect, it } from 'vitest';
import { compileExpr, ExprError, parseExpr, printExpr, variablesOf } from './expr';

const evalWith = (src: string, env: Record<string, number> = {}) => {
  const names = Object.keys(env);
  const f = compileExpr(parseExpr(src), (n) => {
    const i = names.indexOf(n);
    if (i < 0) throw new Error(`unknown ${n}`);
    return i;
  });
  return f(Float64Array.from(names.map((n) => env[n]!)));
};

describe('expressions', () => {
  it('computes with the usual precedence', () => {
    expect(evalWith('1 + 2 * 3')).toBe(7);
    expect(evalWith('(1 + 2) * 3')).toBe(9);
    expect(evalWith('10 - 4 - 3')).toBe(3);
    expect(evalWith('2 ^ 3 ^ 2')).toBe(512);
    expect(evalWith('-2 ^ 2')).toBe(-4);
    expect(evalWith('2 ^ -1')).toBe(0.5);
    expect(evalWith('8 / 4 / 2')).toBe(1);
    expect(evalWith('1.5e2 + .5')).toBe(150.5);
    expect(evalWith('--3')).toBe(3);
  });

  it('reads variables and calls the allowed functions', () => {
    expect(evalWith('rate * stock', { rate: 0.1, stock: 50 })).toBe(5);
    expect(evalWith('min(a, b, 3) + max(a, b)', { a: 1, b: 2 })).toBe(3);
    expect(evalWith('ln(exp(2)) + abs(-3) + sqrt(16)')).toBeCloseTo(9, 14);
    expect(evalWith('if_then_else(a - 1, 10, 20)', { a: 1 })).toBe(20);
    expect(evalWith('MAX(1, 2)')).toBe(2);
    expect(variablesOf(parseExpr('a * b + min(a, c) / time'))).toEqual(['a', 'b', 'c', 'time']);
  });

  it('refuses anything else, with the place of the problem', () => {
    const bad = [
      '',
      '1 +',
      '(1',
      'foo(1)',
      'a b',
      '1 ; 2',
      'constructor(1)',
      'x.y',
      '"s"',
      'min(1)',
      'abs(1, 2)',
    ];
    for (const src of bad) expect(() => parseExpr(src), src).toThrow(ExprError);
    let err: unknown;
    try {
      parseExpr('1 + $');
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ at: 4 });
    expect(() => parseExpr('('.repeat(200) + '1' + ')'.repeat(200))).toThrow(/nests/);
    expect(() => parseExpr('1+'.repeat(1500) + '1')).toThrow(/at most/);
  });

  it('prints back to an equation that parses to the same tree', () => {
    for (const src of [
      'a + b * c',
      '(a + b) * c',
      'a - (b - c)',
      '-a ^ 2',
      '(-a) ^ 2',
      'a / (b * c)',
      'max(a, 2 ^ b ^ c)',
    ]) {
      const e = parseExpr(src);
      expect(parseExpr(printExpr(e))).toEqual(e);
    }
  });
});
