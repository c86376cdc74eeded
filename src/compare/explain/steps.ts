/**
 * The build steps behind a cause (issue 13): the config history entry that made each layer its
 * differences live in ("layer 3, `RUN apt-get install -y curl`").
 *
 * A layer is made by a history entry: the i-th layer by the i-th entry that is not
 * `empty_layer` (OCI image-spec config.md, "history"). The engine has already paired them
 * (src/image/config.ts `linkLayers`: `LayerReport.historyIndex`, null for a layer past the end of
 * a shorter history); this reads that pairing, never re-derives it. The step's text is the
 * entry's `created_by` as the config holds it: presenters make it readable
 * (src/present/step.ts) and escape it like every archive string.
 *
 * Only for causes whose differences live in one or a few layers (≤ MAX_STEP_LAYERS layer pairs):
 * a cause spread over more names no step (the layers list has them all), and a cause outside the
 * layers (index, manifest, config, the outer tar) names none.
 */
import type { Cause, CauseStep, Difference, Scope } from '../types';
import type { Context } from './context';

/** At most this many layer pairs: "one or a few layers". */
export const MAX_STEP_LAYERS = 3;

/** The steps of a cause's roots, in the differ's order of first appearance; undefined when none applies. */
export function causeSteps(roots: readonly Difference[], ctx: Context): Cause['steps'] {
  const seen = new Map<string, Scope>();
  for (const d of roots) {
    const s = d.scope;
    if (s.layerA === undefined && s.layerB === undefined) continue;
    const key = `${s.imageA ?? ''}:${s.layerA ?? ''}|${s.imageB ?? ''}:${s.layerB ?? ''}`;
    if (seen.has(key)) continue;
    if (seen.size === MAX_STEP_LAYERS) return undefined;
    seen.set(key, s);
  }
  const steps: CauseStep[] = [];
  const have = new Set<string>();
  const add = (st: CauseStep) => {
    const key = `${st.side}:${st.image ?? ''}:${st.layer}:${st.historyIndex}`;
    if (have.has(key)) return;
    have.add(key);
    steps.push(st);
  };
  for (const scope of seen.values()) {
    const a = stepOf(ctx, scope, 'a');
    const b = stepOf(ctx, scope, 'b');
    const image = ctx.imagePrefix(scope) ? scope.image : undefined;
    const withImage = (st: CauseStep): CauseStep => (image ? { ...st, image } : st);
    if (a && b && a.layer === b.layer && a.historyIndex === b.historyIndex && a.createdBy === b.createdBy) add(withImage({ ...a, side: 'both' }));
    else {
      if (a) add(withImage(a));
      if (b) add(withImage(b));
    }
  }
  return steps.length ? steps : undefined;
}

/** The history entry that made the layer of `scope` on one side, when the config names one with a `created_by`. */
function stepOf(ctx: Context, scope: Scope, side: 'a' | 'b'): CauseStep | undefined {
  const layer = ctx.layerOf(scope, side);
  if (!layer || layer.historyIndex === null) return undefined;
  const img = ctx.side(side).images[(side === 'a' ? scope.imageA : scope.imageB)!];
  const createdBy = img?.history[layer.historyIndex]?.created_by ?? layer.createdBy;
  if (!createdBy) return undefined;
  return { side, layer: layer.index, historyIndex: layer.historyIndex, createdBy };
}
