import { XMLParser } from 'fast-xml-parser';
import { parseExpr, variablesOf } from '../simulation/expr';
import { canonicalXmileName, XMILE_NS } from './xmile-names';

/**
 * Structural checks of an XMILE 1.0 document, written from the OASIS specification ("XML
 * Interchange Language for System Dynamics (XMILE) Version 1.0", 2015), sections 2.x (file
 * structure, header, sim_specs) and 4.x (model, variables, views). Used by the tests on every
 * exported file; returns the problems found, [] when the file conforms to what is checked:
 *
 * 1. The root is `<xmile version="1.0" xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0">`.
 * 2. Its children come in the specified order: `header`, then `sim_specs`, then the rest
 *    (`model_units`, `dimensions`, `behavior`, `style`, `data`), then `model`s, then `macro`s.
 * 3. `<header>` has the required `<vendor>` and `<product>`, and `<product>` has `version`.
 * 4. `<sim_specs>` has `<start>` and `<stop>` (numbers, stop > start), `<dt>` > 0 when given,
 *    and `method` one of Euler, RK2, RK4, RK45, Gear when given.
 * 5. Every `<stock>`, `<flow>`, `<aux>` in `<variables>` has a `name`, unique in the model under
 *    XMILE's name comparison (case-insensitive, `_` = space), and one `<eqn>`.
 * 6. A stock's `<inflow>`/`<outflow>` names a flow of the model.
 * 7. Names an equation reads are variables of the model (or TIME, DT, a builtin).
 * 8. In `<views><view>`, display objects name model variables, and each `<connector>` has a
 *    unique `uid`, one `<from>` and one `<to>` naming model variables, and `polarity` "+", "-"
 *    or "none" when given.
 */

const ORDER = [
  'header',
  'sim_specs',
  'model_units',
  'dimensions',
  'behavior',
  'style',
  'data',
  'model',
  'macro',
];
const METHODS = ['euler', 'rk2', 'rk4', 'rk45', 'gear'];

type Ordered = Record<string, unknown>;
const ordered = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
});

const tagOf = (n: Ordered) => Object.keys(n).find((k) => k !== ':@')!;
const kids = (n: Ordered | undefined): Ordered[] =>
  n ? ((n[tagOf(n)] as Ordered[] | undefined) ?? []) : [];
const attrsOf = (n: Ordered | undefined): Record<string, string> =>
  (n?.[':@'] as Record<string, string> | undefined) ?? {};
const named = (n: Ordered | undefined, tag: string) => kids(n).filter((k) => tagOf(k) === tag);
const text = (n: Ordered | undefined): string =>
  kids(n)
    .map((k) => (typeof k['#text'] === 'string' ? k['#text'] : ''))
    .join('');

export function checkXmileStructure(xml: string): string[] {
  const problems: string[] = [];
  const top = (ordered.parse(xml) as Ordered[]).filter((n) => !tagOf(n).startsWith('?'));
  if (top.length !== 1 || tagOf(top[0]!) !== 'xmile') return ['The root element is not <xmile>.'];
  const root = top[0]!;
  const ra = attrsOf(root);
  if (ra['@version'] !== '1.0') problems.push('xmile@version is not "1.0".');
  if (ra['@xmlns'] !== XMILE_NS) problems.push('xmile@xmlns is not the XMILE 1.0 namespace.');
  const order = kids(root)
    .map(tagOf)
    .filter((t) => t !== '#text');
  const ranks = order.map((t) => ORDER.indexOf(t.replace(/^.*:/, '')));
  if (order[0] !== 'header') problems.push('<header> is not the first child of <xmile>.');
  ranks.forEach((r, i) => {
    if (r < 0 && !order[i]!.includes(':')) problems.push(`<${order[i]}> is not an XMILE element.`);
    if (i > 0 && r >= 0 && r < Math.max(...ranks.slice(0, i)))
      problems.push(`<${order[i]}> is out of order.`);
  });
  const header = named(root, 'header')[0];
  if (!header) problems.push('<header> is missing.');
  if (named(header, 'vendor').length !== 1) problems.push('<header> needs one <vendor>.');
  const product = named(header, 'product');
  if (product.length !== 1) problems.push('<header> needs one <product>.');
  else if (!attrsOf(product[0])['@version']) problems.push('<product> needs a version.');
  const specs = named(root, 'sim_specs')[0];
  if (!specs) problems.push('<sim_specs> is missing.');
  const start = Number(text(named(specs, 'start')[0]));
  const stop = Number(text(named(specs, 'stop')[0]));
  if (!Number.isFinite(start) || !Number.isFinite(stop) || !(stop > start))
    problems.push('<sim_specs> needs numeric <start> < <stop>.');
  const dt = named(specs, 'dt')[0];
  if (dt && !(Number(text(dt)) > 0)) problems.push('<dt> must be positive.');
  const method = attrsOf(specs)['@method'];
  if (method && !METHODS.includes(method.toLowerCase())) problems.push(`Unknown method ${method}.`);
  const models = named(root, 'model');
  if (models.length === 0) problems.push('There is no <model>.');
  for (const model of models) checkModel(model, problems);
  return problems;
}

function checkModel(model: Ordered, problems: string[]): void {
  const vars = named(model, 'variables')[0];
  const names = new Map<string, string>();
  const flows = new Set<string>();
  for (const v of kids(vars)) {
    const tag = tagOf(v);
    if (!['stock', 'flow', 'aux'].includes(tag)) continue;
    const name = attrsOf(v)['@name'];
    if (!name) {
      problems.push(`A <${tag}> has no name.`);
      continue;
    }
    const c = canonicalXmileName(name);
    if (names.has(c)) problems.push(`The name ${name} is used twice.`);
    names.set(c, tag);
    if (tag === 'flow') flows.add(c);
    if (named(v, 'eqn').length !== 1) problems.push(`${name} needs one <eqn>.`);
  }
  for (const v of kids(vars)) {
    const tag = tagOf(v);
    const name = attrsOf(v)['@name'] ?? '';
    if (tag === 'stock')
      for (const f of [...named(v, 'inflow'), ...named(v, 'outflow')])
        if (!flows.has(canonicalXmileName(text(f))))
          problems.push(`${name}: ${text(f)} is not a flow.`);
    if (tag === 'flow' || tag === 'aux') {
      const eq = text(named(v, 'eqn')[0]).replace(
        /\(IF (.+) THEN (.+) ELSE (.+)\)/g,
        'max($1, $2, $3)',
      );
      try {
        for (const n of variablesOf(parseExpr(eq)))
          if (!names.has(canonicalXmileName(n)) && !['time', 'dt'].includes(n.toLowerCase()))
            problems.push(`${name}'s equation reads ${n}, which is not a variable.`);
      } catch (e) {
        problems.push(`${name}'s equation does not parse: ${(e as Error).message}`);
      }
    }
  }
  const uids = new Set<string>();
  for (const view of named(named(model, 'views')[0], 'view'))
    for (const o of kids(view)) {
      const tag = tagOf(o);
      const a = attrsOf(o);
      if (
        ['stock', 'flow', 'aux'].includes(tag) &&
        !names.has(canonicalXmileName(a['@name'] ?? ''))
      )
        problems.push(`The view shows ${a['@name']}, which is not a variable.`);
      if (tag !== 'connector') continue;
      const uid = a['@uid'];
      if (!uid || uids.has(uid)) problems.push(`Connector uid ${uid} is missing or repeated.`);
      uids.add(uid ?? '');
      const from = named(o, 'from');
      const to = named(o, 'to');
      if (from.length !== 1 || to.length !== 1)
        problems.push(`Connector ${uid} needs one <from> and one <to>.`);
      for (const end of [...from, ...to])
        if (!names.has(canonicalXmileName(text(end))))
          problems.push(`Connector ${uid} names ${text(end)}.`);
      const pol = a['@polarity'];
      if (pol !== undefined && !['+', '-', 'none'].includes(pol))
        problems.push(`Connector ${uid} polarity ${pol}.`);
    }
}
