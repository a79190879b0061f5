import { DomainError, transact, type EditContext } from '../domain/context';
import { updateElement } from '../domain/elements';
import { metaMap, writeField } from '../schema/doc';
import { parseExpr, ExprError } from './expr';
import { checkSpecs, METHODS, type SimSpecs, type VariableKind } from './model';
import { SIM_FIELD } from './model-map';

/** Edits of the quantitative model's fields (see model-map.ts for where they live). */

export interface ModelFieldsPatch {
  /** null: take the element out of the model. */
  readonly kind?: VariableKind | null;
  readonly units?: string;
  readonly initial?: number | null;
  readonly equation?: string;
  readonly inflows?: readonly string[];
  readonly outflows?: readonly string[];
}

const refuse = (field: string, message: string): never => {
  throw new DomainError([{ field, message }]);
};

export function setModelFields(ctx: EditContext, elementId: string, patch: ModelFieldsPatch): void {
  const extra: Record<string, unknown> = {};
  if (patch.kind !== undefined) {
    if (patch.kind !== null && !['stock', 'flow', 'aux'].includes(patch.kind))
      refuse('kind', 'A model variable is a stock, a flow or an auxiliary.');
    extra[SIM_FIELD.kind] = patch.kind ?? undefined;
  }
  if (patch.units !== undefined) extra[SIM_FIELD.units] = patch.units.trim() || undefined;
  if (patch.initial !== undefined) {
    if (patch.initial !== null && !Number.isFinite(patch.initial))
      refuse('initial', 'The starting value must be a number.');
    extra[SIM_FIELD.initial] = patch.initial ?? undefined;
  }
  if (patch.equation !== undefined) {
    const eq = patch.equation.trim();
    if (eq) {
      try {
        parseExpr(eq);
      } catch (e) {
        refuse('equation', e instanceof ExprError ? e.message : String(e));
      }
    }
    extra[SIM_FIELD.equation] = eq || undefined;
  }
  if (patch.inflows !== undefined) extra[SIM_FIELD.inflows] = [...patch.inflows];
  if (patch.outflows !== undefined) extra[SIM_FIELD.outflows] = [...patch.outflows];
  updateElement(ctx, elementId, { extra });
}

/** Writes the run settings (start, stop, dt, method, time units) into the map's meta. */
export function setRunSettings(ctx: EditContext, specs: SimSpecs): void {
  try {
    checkSpecs(specs);
  } catch (e) {
    refuse('specs', (e as Error).message);
  }
  if (!METHODS.includes(specs.method)) refuse('method', 'Euler or RK4.');
  transact(ctx, () => {
    const meta = metaMap(ctx.doc);
    writeField(meta, SIM_FIELD.start, specs.start);
    writeField(meta, SIM_FIELD.stop, specs.stop);
    writeField(meta, SIM_FIELD.dt, specs.dt);
    writeField(meta, SIM_FIELD.method, specs.method);
    writeField(meta, SIM_FIELD.timeUnits, specs.timeUnits?.trim() || undefined);
  });
}
