import { canonicalSignature } from '../analysis/loops';
import type {
  ActorType,
  ConnectionKind,
  Direction,
  ElementKind,
  Polarity,
  Position,
  QuoteRecord,
} from '../schema/types';
import { validateConnection, validateElement, validateSource } from '../schema/validate';
import { newId } from '../domain/ids';
import { walkLoop } from './loop-walk';
import type {
  ImportedConnection,
  ImportedElement,
  ImportedLoop,
  ImportedSource,
  ImportProblem,
  ImportResult,
} from './model';

/**
 * Collects the records a parser read, then resolves and checks them into an `ImportedMap`:
 * ids kept when they are valid and unique (fresh ones otherwise), connection ends resolved by id
 * then by label (as Kumu does), every record run through the schema validators, every problem
 * named with the row it came from. Parsers stay small: they only read their format.
 */

export interface RawElement {
  /** Where it came from, for problems: `Elements row 3`, `node 'n4'`, `elements[2]`. */
  readonly where: string;
  /** The file's own id for this element, as written (may be any text). */
  readonly ref?: string | undefined;
  readonly kind: ElementKind;
  readonly label: string;
  readonly description?: string | undefined;
  readonly tags?: readonly string[] | undefined;
  readonly position?: Position | undefined;
  readonly actorType?: ActorType | undefined;
  readonly leverageLevel?: number | undefined;
  readonly color?: string | undefined;
  readonly pinned?: boolean | undefined;
  /** The file's id (or label) of the group this element sits in. */
  readonly parent?: string | undefined;
  readonly extra?: Record<string, unknown> | undefined;
  /** Fields the file left blank (a merge keeps the map's value). */
  readonly unset?: readonly string[] | undefined;
}

export interface RawConnection {
  readonly where: string;
  readonly ref?: string | undefined;
  /** The file's id or label of each end. */
  readonly from: string;
  readonly to: string;
  readonly kind: ConnectionKind;
  readonly polarity?: Polarity | undefined;
  readonly delay?: boolean | undefined;
  readonly direction?: Direction | undefined;
  readonly strength?: number | undefined;
  /** Positive; 1 (the default) is not stored. */
  readonly weight?: number | undefined;
  readonly label?: string | undefined;
  readonly description?: string | undefined;
  readonly tags?: readonly string[] | undefined;
  readonly proposed?: boolean | undefined;
  readonly extra?: Record<string, unknown> | undefined;
  readonly unset?: readonly string[] | undefined;
}

export interface RawLoop {
  readonly where: string;
  readonly name: string;
  readonly note?: string | undefined;
  /** A signature as Weavemap wrote it (connection ids of the file); remapped to this map's ids. */
  readonly signature?: string | undefined;
  /** Element ids or labels in loop order. */
  readonly members: readonly string[];
  /** The file's ids of the loop's connections, in any order (as Kumu backups list them). */
  readonly connections?: readonly string[] | undefined;
}

export interface RawSource {
  readonly where: string;
  readonly ref?: string | undefined;
  readonly url: string;
  readonly title?: string | undefined;
  readonly fields?: Record<string, unknown> | undefined;
  readonly quotes?: readonly QuoteRecord[] | undefined;
  /** File ids of the elements and connections it is evidence for. */
  readonly linkedTo?: readonly string[] | undefined;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export const normLabel = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** Rotates loop tokens so the smallest comes first: the same rule as the loop finder's. */
export function loopSignature(tokens: readonly string[]): string {
  return canonicalSignature(tokens);
}

const defined = <T extends Record<string, unknown>>(o: T): T => {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
};

export class MapBuilder {
  title: string | undefined;
  readonly #elements: RawElement[] = [];
  readonly #connections: RawConnection[] = [];
  readonly #loops: RawLoop[] = [];
  readonly #sources: RawSource[] = [];
  readonly #problems: ImportProblem[] = [];
  #blocking = false;

  element(e: RawElement): void {
    this.#elements.push(e);
  }
  connection(c: RawConnection): void {
    this.#connections.push(c);
  }
  loop(l: RawLoop): void {
    this.#loops.push(l);
  }
  source(s: RawSource): void {
    this.#sources.push(s);
  }
  /** A problem that stops the import. */
  error(where: string, field: string, message: string): void {
    this.#problems.push({ where, field, message });
    this.#blocking = true;
  }
  /** A problem worth showing in the preview that does not stop the import. */
  warn(where: string, field: string, message: string): void {
    this.#problems.push({ where, field, message });
  }

  finish(): ImportResult {
    const used = new Set<string>();
    const byRef = new Map<string, string>();
    const byLabel = new Map<string, string[]>();
    const elements: ImportedElement[] = [];
    const parents: (string | undefined)[] = [];

    for (const raw of this.#elements) {
      const extra: Record<string, unknown> = { ...(raw.extra ?? {}) };
      let id: string | undefined;
      if (raw.ref !== undefined && raw.ref !== '') {
        if (byRef.has(raw.ref)) {
          this.error(raw.where, 'id', `Duplicate ID '${raw.ref}': another element has it.`);
          continue;
        }
        if (ID.test(raw.ref) && !used.has(raw.ref)) id = raw.ref;
        else extra.importedId = raw.ref;
      }
      id ??= newId();
      used.add(id);
      if (raw.ref) byRef.set(raw.ref, id);
      const key = normLabel(raw.label);
      if (key) {
        const list = byLabel.get(key);
        if (list) list.push(id);
        else byLabel.set(key, [id]);
      }
      const rec = defined({
        id,
        kind: raw.kind,
        label: raw.label.trim(),
        description: raw.description ?? '',
        tags: [...new Set((raw.tags ?? []).map((t) => t.trim()).filter(Boolean))],
        position: raw.position,
        actorType: raw.kind === 'actor' ? raw.actorType : undefined,
        leverageLevel: raw.leverageLevel,
        color: raw.color || undefined,
        pinned: raw.pinned || undefined,
        extra,
        unset: raw.unset?.length ? [...raw.unset] : undefined,
      });
      for (const e of validateElement({ ...rec, extra: undefined, unset: undefined }))
        this.error(raw.where, e.field, e.message);
      elements.push(rec as ImportedElement);
      parents.push(raw.parent);
    }

    const resolve = (ref: string, where: string, field: string): string | undefined => {
      const direct = byRef.get(ref);
      if (direct) return direct;
      const list = byLabel.get(normLabel(ref));
      if (list && list.length > 1)
        this.warn(
          where,
          field,
          `'${ref}' names ${list.length} elements; the connection goes to the first of them.`,
        );
      return list?.[0];
    };

    // Parents: resolved once every element has its id.
    const withParents = elements.map((e, i) => {
      const ref = parents[i];
      if (!ref) return e;
      const where = this.#elements[i]?.where ?? '';
      const pid = resolve(ref, where, 'parent');
      if (!pid || pid === e.id) {
        this.warn(
          where,
          'parent',
          `Its group '${ref}' is not in the file; it is placed on its own.`,
        );
        return e;
      }
      return { ...e, parent: pid };
    });

    const connections: ImportedConnection[] = [];
    const connRef = new Map<string, string>();
    for (const raw of this.#connections) {
      const from = resolve(raw.from, raw.where, 'from');
      const to = resolve(raw.to, raw.where, 'to');
      let missing = false;
      for (const [end, ref, id] of [
        ['from', raw.from, from],
        ['to', raw.to, to],
      ] as const)
        if (!id) {
          missing = true;
          this.error(
            raw.where,
            end,
            ref.trim() === ''
              ? `The connection has no '${end}' element.`
              : `Connection to '${ref}', which no element has.`,
          );
        }
      if (missing || !from || !to) continue;
      if (from === to) {
        this.warn(
          raw.where,
          'to',
          `Skipped a connection from '${raw.from}' to itself: a connection needs two different elements.`,
        );
        continue;
      }
      const extra: Record<string, unknown> = { ...(raw.extra ?? {}) };
      let id: string | undefined;
      if (raw.ref) {
        if (connRef.has(raw.ref)) {
          this.error(raw.where, 'id', `Duplicate ID '${raw.ref}': another connection has it.`);
          continue;
        }
        if (ID.test(raw.ref) && !used.has(raw.ref)) id = raw.ref;
        else if (!ID.test(raw.ref)) extra.importedId = raw.ref;
      }
      id ??= newId();
      used.add(id);
      if (raw.ref) connRef.set(raw.ref, id);
      const rec = defined({
        id,
        from,
        to,
        kind: raw.kind,
        polarity: raw.kind === 'causal' ? raw.polarity : undefined,
        delay: raw.kind === 'causal' && raw.delay ? true : undefined,
        direction: raw.direction ?? (raw.kind === 'causal' ? 'directed' : 'undirected'),
        strength: raw.strength,
        weight: raw.weight === 1 ? undefined : raw.weight,
        label: (raw.label ?? '').trim(),
        description: raw.description ?? '',
        tags: [...new Set((raw.tags ?? []).map((t) => t.trim()).filter(Boolean))],
        proposed: raw.proposed || undefined,
        extra,
        unset: raw.unset?.length ? [...raw.unset] : undefined,
      });
      for (const e of validateConnection({ ...rec, extra: undefined, unset: undefined }))
        this.error(raw.where, e.field, e.message);
      connections.push(rec as ImportedConnection);
    }

    const loops = this.#finishLoops(resolve, connRef, connections);
    const sources = this.#finishSources(byRef, connRef);

    if (this.#blocking) return { ok: false, problems: this.#problems };
    return {
      ok: true,
      map: {
        ...(this.title ? { title: this.title } : {}),
        elements: withParents,
        connections,
        sources,
        loops,
      },
      problems: this.#problems,
    };
  }

  #finishLoops(
    resolve: (ref: string, where: string, field: string) => string | undefined,
    connRef: ReadonlyMap<string, string>,
    connections: readonly ImportedConnection[],
  ): ImportedLoop[] {
    const out: ImportedLoop[] = [];
    const seen = new Set<string>();
    // Links by end pair, for turning a list of elements into connection tokens.
    const links = new Map<string, string>();
    for (const c of connections) {
      if (c.kind !== 'causal') continue;
      const k = `${c.from}>${c.to}`;
      if (!links.has(k)) links.set(k, c.id);
      if (c.direction !== 'directed' && !links.has(`${c.to}>${c.from}`))
        links.set(`${c.to}>${c.from}`, `${c.id}~`);
    }
    for (const raw of this.#loops) {
      const members: string[] = [];
      for (const m of raw.members) {
        const id = resolve(m, raw.where, 'elements');
        if (id) members.push(id);
        else this.warn(raw.where, 'elements', `Loop member '${m}' is not in the file; left out.`);
      }
      let signature: string | undefined;
      if (raw.connections?.length) {
        const walked = walkLoop(raw.connections, connRef, connections);
        if (walked) {
          signature = loopSignature(walked.tokens);
          if (!members.length) members.push(...walked.members);
        } else
          this.warn(
            raw.where,
            'connections',
            `Loop '${raw.name}': its connections do not form one closed loop in this file.`,
          );
      }
      if (!signature && raw.signature) {
        const tokens = raw.signature.split(' ').filter(Boolean);
        const mapped = tokens.map((t) => {
          const back = t.endsWith('~');
          const id = connRef.get(back ? t.slice(0, -1) : t);
          return id ? id + (back ? '~' : '') : undefined;
        });
        if (mapped.every((t) => t !== undefined)) signature = loopSignature(mapped as string[]);
      }
      if (!signature && members.length > 1) {
        const tokens = members.map((m, i) =>
          links.get(`${m}>${members[(i + 1) % members.length]}`),
        );
        if (tokens.every((t) => t !== undefined)) signature = loopSignature(tokens as string[]);
      }
      if (!signature) {
        this.warn(
          raw.where,
          'elements',
          `Loop '${raw.name}': its elements are not joined in order by causal connections; kept as a named list.`,
        );
        signature = `named:${newId()}`;
      }
      if (seen.has(signature)) {
        this.warn(raw.where, 'signature', `Loop '${raw.name}' repeats another loop; left out.`);
        continue;
      }
      seen.add(signature);
      out.push({ signature, name: raw.name.trim(), note: raw.note ?? '', members });
    }
    return out;
  }

  #finishSources(
    byRef: ReadonlyMap<string, string>,
    connRef: ReadonlyMap<string, string>,
  ): ImportedSource[] {
    const out: ImportedSource[] = [];
    const ids = new Set<string>();
    for (const raw of this.#sources) {
      const linkedTo: string[] = [];
      for (const t of raw.linkedTo ?? []) {
        const id = byRef.get(t) ?? connRef.get(t);
        if (id) linkedTo.push(id);
        else
          this.warn(
            raw.where,
            'linkedTo',
            `It is linked to '${t}', which is not in the file; link dropped.`,
          );
      }
      const id = raw.ref && ID.test(raw.ref) && !ids.has(raw.ref) ? raw.ref : newId();
      ids.add(id);
      const rec = {
        ...(raw.fields ?? {}),
        id,
        url: raw.url,
        title: raw.title ?? '',
        quotes: [...(raw.quotes ?? [])],
        linkedTo,
      } as ImportedSource;
      for (const e of validateSource(rec)) this.error(raw.where, e.field, e.message);
      out.push(rec);
    }
    return out;
  }
}
