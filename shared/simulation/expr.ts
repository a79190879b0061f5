/**
 * A small, safe expression language for model equations: numbers, variable names, `+ - * / ^`,
 * parentheses, unary minus and a fixed set of functions. It is parsed into a tree and compiled to
 * closures; nothing is ever passed to `eval` or `new Function`, so an equation typed by anyone
 * can only compute a number.
 *
 * Precedence, loosest first: `+ -`, `* /`, unary `-`/`+`, `^` (right-associative), so
 * `-x^2` is `-(x^2)` and `2^3^2` is `2^9`, as in XMILE and most spreadsheet-free maths.
 */

export type Expr =
  | { readonly type: 'num'; readonly value: number }
  | { readonly type: 'var'; readonly name: string }
  | { readonly type: 'neg'; readonly arg: Expr }
  | {
      readonly type: 'bin';
      readonly op: '+' | '-' | '*' | '/' | '^';
      readonly a: Expr;
      readonly b: Expr;
    }
  | { readonly type: 'call'; readonly fn: FunctionName; readonly args: readonly Expr[] };

const FUNCTIONS = {
  min: { arity: [2, 16], f: (xs: number[]) => Math.min(...xs) },
  max: { arity: [2, 16], f: (xs: number[]) => Math.max(...xs) },
  exp: { arity: [1, 1], f: (xs: number[]) => Math.exp(xs[0]!) },
  ln: { arity: [1, 1], f: (xs: number[]) => Math.log(xs[0]!) },
  log10: { arity: [1, 1], f: (xs: number[]) => Math.log10(xs[0]!) },
  abs: { arity: [1, 1], f: (xs: number[]) => Math.abs(xs[0]!) },
  sqrt: { arity: [1, 1], f: (xs: number[]) => Math.sqrt(xs[0]!) },
  sin: { arity: [1, 1], f: (xs: number[]) => Math.sin(xs[0]!) },
  cos: { arity: [1, 1], f: (xs: number[]) => Math.cos(xs[0]!) },
  /** if_then_else(cond, a, b): a when cond is non-zero (XMILE's IF ... THEN ... ELSE). */
  if_then_else: { arity: [3, 3], f: (xs: number[]) => (xs[0] !== 0 ? xs[1]! : xs[2]!) },
} as const satisfies Record<
  string,
  { arity: readonly [number, number]; f: (xs: number[]) => number }
>;

export type FunctionName = keyof typeof FUNCTIONS;
export const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];

export class ExprError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
    this.name = 'ExprError';
  }
}

/** Longest equation accepted, in characters (a guard against pathological input). */
export const MAX_EXPR_LENGTH = 2000;
const MAX_DEPTH = 64;

type Tok = { kind: 'num' | 'id' | 'op' | 'end'; text: string; at: number };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      out.push({ kind: 'num', text: num[0], at: i });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) {
      out.push({ kind: 'id', text: id[0], at: i });
      i += id[0].length;
      continue;
    }
    if ('+-*/^(),'.includes(ch)) {
      out.push({ kind: 'op', text: ch, at: i });
      i++;
      continue;
    }
    throw new ExprError(`Unexpected character "${ch}".`, i);
  }
  out.push({ kind: 'end', text: '', at: src.length });
  return out;
}

/** Parses an equation. Throws ExprError (with the character position) when it is not valid. */
export function parseExpr(src: string): Expr {
  if (src.length > MAX_EXPR_LENGTH)
    throw new ExprError(`An equation is at most ${MAX_EXPR_LENGTH} characters.`, 0);
  const toks = tokenize(src);
  let p = 0;
  let depth = 0;
  const peek = () => toks[p]!;
  const isOp = (t: string) => peek().kind === 'op' && peek().text === t;
  const expect = (t: string) => {
    if (!isOp(t)) throw new ExprError(`Expected "${t}".`, peek().at);
    p++;
  };
  const nest = <T>(f: () => T): T => {
    if (++depth > MAX_DEPTH) throw new ExprError('The equation nests too deeply.', peek().at);
    try {
      return f();
    } finally {
      depth--;
    }
  };
  const sum = (): Expr =>
    nest(() => {
      let a = product();
      while (isOp('+') || isOp('-')) {
        const op = toks[p++]!.text as '+' | '-';
        a = { type: 'bin', op, a, b: product() };
      }
      return a;
    });
  const product = (): Expr => {
    let a = unary();
    while (isOp('*') || isOp('/')) {
      const op = toks[p++]!.text as '*' | '/';
      a = { type: 'bin', op, a, b: unary() };
    }
    return a;
  };
  const unary = (): Expr =>
    nest(() => {
      if (isOp('-')) {
        p++;
        return { type: 'neg', arg: unary() };
      }
      if (isOp('+')) {
        p++;
        return unary();
      }
      return power();
    });
  const power = (): Expr => {
    const a = atom();
    if (isOp('^')) {
      p++;
      return { type: 'bin', op: '^', a, b: unary() };
    }
    return a;
  };
  const atom = (): Expr => {
    const t = peek();
    if (t.kind === 'num') {
      p++;
      return { type: 'num', value: Number(t.text) };
    }
    if (t.kind === 'id') {
      p++;
      if (!isOp('(')) return { type: 'var', name: t.text };
      const fn = t.text.toLowerCase();
      if (!Object.hasOwn(FUNCTIONS, fn)) throw new ExprError(`Unknown function "${t.text}".`, t.at);
      p++;
      const args: Expr[] = [];
      if (!isOp(')')) {
        args.push(sum());
        while (isOp(',')) {
          p++;
          args.push(sum());
        }
      }
      expect(')');
      const [lo, hi] = FUNCTIONS[fn as FunctionName].arity;
      if (args.length < lo || args.length > hi)
        throw new ExprError(`${fn} takes ${lo === hi ? lo : `${lo} to ${hi}`} arguments.`, t.at);
      return { type: 'call', fn: fn as FunctionName, args };
    }
    if (isOp('(')) {
      p++;
      const e = sum();
      expect(')');
      return e;
    }
    throw new ExprError(
      t.kind === 'end' ? 'The equation ends too soon.' : `Unexpected "${t.text}".`,
      t.at,
    );
  };
  const e = sum();
  if (peek().kind !== 'end') throw new ExprError(`Unexpected "${peek().text}".`, peek().at);
  return e;
}

/** The variable names an expression reads, each once, in first-use order. */
export function variablesOf(e: Expr, out: string[] = []): string[] {
  switch (e.type) {
    case 'var':
      if (!out.includes(e.name)) out.push(e.name);
      break;
    case 'neg':
      variablesOf(e.arg, out);
      break;
    case 'bin':
      variablesOf(e.a, out);
      variablesOf(e.b, out);
      break;
    case 'call':
      for (const a of e.args) variablesOf(a, out);
      break;
  }
  return out;
}

export type Compiled = (values: Float64Array) => number;

/** Compiles to closures reading `values[slot(name)]`. `slot` throws for unknown names. */
export function compileExpr(e: Expr, slot: (name: string) => number): Compiled {
  switch (e.type) {
    case 'num': {
      const v = e.value;
      return () => v;
    }
    case 'var': {
      const i = slot(e.name);
      return (vals) => vals[i]!;
    }
    case 'neg': {
      const f = compileExpr(e.arg, slot);
      return (vals) => -f(vals);
    }
    case 'bin': {
      const a = compileExpr(e.a, slot);
      const b = compileExpr(e.b, slot);
      switch (e.op) {
        case '+':
          return (v) => a(v) + b(v);
        case '-':
          return (v) => a(v) - b(v);
        case '*':
          return (v) => a(v) * b(v);
        case '/':
          return (v) => a(v) / b(v);
        case '^':
          return (v) => Math.pow(a(v), b(v));
      }
      break;
    }
    case 'call': {
      const args = e.args.map((x) => compileExpr(x, slot));
      const f = FUNCTIONS[e.fn].f;
      return (v) => f(args.map((g) => g(v)));
    }
  }
  throw new Error('unreachable');
}

/** Writes an expression back as text (fully parenthesised where precedence needs it). */
export function printExpr(e: Expr): string {
  const prec = (x: Expr) =>
    x.type === 'bin'
      ? ({ '+': 1, '-': 1, '*': 2, '/': 2, '^': 4 } as const)[x.op]
      : x.type === 'neg'
        ? 3
        : 5;
  const wrap = (x: Expr, min: number) => (prec(x) < min ? `(${printExpr(x)})` : printExpr(x));
  switch (e.type) {
    case 'num':
      return String(e.value);
    case 'var':
      return e.name;
    case 'neg':
      return `-${wrap(e.arg, 3)}`;
    case 'call':
      return `${e.fn}(${e.args.map(printExpr).join(', ')})`;
    case 'bin': {
      const p = prec(e);
      if (e.op === '^') return `${wrap(e.a, 5)}^${wrap(e.b, 3)}`;
      return `${wrap(e.a, p)} ${e.op} ${wrap(e.b, p + 1)}`;
    }
  }
}
