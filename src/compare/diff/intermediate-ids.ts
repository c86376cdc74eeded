/**
 * History comments that name an intermediate image: buildah (containers/buildah
 * imagebuildah/stage_executor.go, with `--layers`) writes `"comment": "FROM <id>"` on a step's
 * history entry, where `<id>` is the (short) id of the image the previous steps committed, that
 * is the digest of that intermediate image's config. That config is built from the history
 * entries and layers of the steps before, with their times, so the id changes whenever one of
 * them does: the comment is a consequence of the earliest root among those steps (docs/causes.md
 * "Derivation rules"). With nothing differing before it, the comment stays a root: the build
 * started from another image.
 */
import type { Difference } from '../types';
import type { ImagePairCtx } from './layers';

/** `FROM <id>`: a 12-to-64-hex image id, optionally `sha256:`-prefixed. */
const FROM_ID = /^FROM (?:sha256:)?[0-9a-f]{12,64}$/;

function stepOf(path: string): number | null {
  const m = /^history\[(\d+)\]/.exec(path);
  return m ? Number(m[1]) : null;
}

/**
 * Makes each changed `history[k].comment` that names an intermediate image on both sides follow
 * the earliest root among the steps before k: their history differences (`history[j].*`,
 * j < k), and the layers those steps made (by `historyIndex`). Call before the config root is
 * chosen among `diffs`.
 */
export function foldIntermediateIds(x: ImagePairCtx, diffs: Difference[]): void {
  const layerRootOfStep = new Map<number, string>();
  for (const p of x.layerPairs) {
    const l = p.a !== null ? x.A.layers[p.a] : x.B.layers[p.b!];
    const root = x.layerRoots.get(`${p.a ?? ''}-${p.b ?? ''}`);
    if (root && l.historyIndex !== null && !layerRootOfStep.has(l.historyIndex)) layerRootOfStep.set(l.historyIndex, root);
  }
  for (const d of diffs) {
    if (d.subject !== 'history' || d.kind !== 'changed' || d.follows) continue;
    const k = stepOf(d.field);
    if (k === null || d.field !== `history[${k}].comment`) continue;
    if (typeof d.a !== 'string' || typeof d.b !== 'string' || !FROM_ID.test(d.a) || !FROM_ID.test(d.b)) continue;
    const root = earliestBefore(k, diffs, layerRootOfStep);
    if (!root) continue;
    x.c.setFollows(d, root);
    lastFolded.set(x, { step: k, root });
  }
}

/** Per image pair: the last step whose "FROM <intermediate id>" comment was folded, and its root. */
const lastFolded = new WeakMap<ImagePairCtx, { step: number; root: string }>();

/**
 * The root the manifest's `org.opencontainers.image.base.digest` annotation follows, when it
 * names an intermediate image of the same build: buildah records the image the last step
 * started from as the base (containers/buildah image.go, OCI annotations.md "base.digest"); with
 * `--layers` that is the intermediate image the last step's "FROM <id>" comment names, so a
 * base digest that changed with it follows the same root. Undefined when the last step's
 * comment was not folded (then another base is a difference of its own).
 */
export function intermediateBaseRoot(x: ImagePairCtx): string | undefined {
  const f = lastFolded.get(x);
  const last = Math.max(x.A.history.length, x.B.history.length) - 1;
  return f && f.step === last ? f.root : undefined;
}

/** The root of the earliest step before k that differs: its history difference or its layer's root. */
function earliestBefore(k: number, diffs: Difference[], layerRootOfStep: Map<number, string>): string | undefined {
  for (let j = 0; j < k; j++) {
    const layer = layerRootOfStep.get(j);
    if (layer) return layer;
    const h = diffs.find((d) => d.subject === 'history' && !d.follows && stepOf(d.field ?? '') === j);
    if (h) return h.id;
  }
  return undefined;
}

/** An image id as the legacy builder writes it: `sha256:<64 hex>` (or the bare hex). */
const IMAGE_ID = /^(?:sha256:)?[0-9a-f]{64}$/;

/**
 * The legacy builder's (and old docker commit's) own bookkeeping in the config (moby
 * builder/dockerfile, image/image.go V1Image):
 *  - `config.Image` and `container_config.Image` name the image the last step started from:
 *    the id (config digest) of the image the steps before it made, so they follow the earliest
 *    root among those steps, as buildah's `FROM <id>` comments do;
 *  - `container_config.Hostname` is the build container's hostname, which defaults to the first
 *    12 characters of its id (`container`): it follows the `container` difference.
 * The container id itself is random per build and stays a root.
 */
export function foldBuilderIds(x: ImagePairCtx, diffs: Difference[]): void {
  const layerRootOfStep = new Map<number, string>();
  for (const p of x.layerPairs) {
    const l = p.a !== null ? x.A.layers[p.a] : x.B.layers[p.b!];
    const root = x.layerRoots.get(`${p.a ?? ''}-${p.b ?? ''}`);
    if (root && l.historyIndex !== null && !layerRootOfStep.has(l.historyIndex)) layerRootOfStep.set(l.historyIndex, root);
  }
  const last = Math.max(x.A.history.length, x.B.history.length) - 1;
  const container = diffs.find((d) => d.subject === 'config' && d.field === 'container' && d.kind === 'changed' && !d.follows);
  for (const d of diffs) {
    if (d.subject !== 'config' || d.kind !== 'changed' || d.follows) continue;
    const ids = typeof d.a === 'string' && typeof d.b === 'string';
    if ((d.field === 'config.Image' || d.field === 'container_config.Image') && ids && IMAGE_ID.test(d.a as string) && IMAGE_ID.test(d.b as string)) {
      const root = last > 0 ? earliestBefore(last, diffs, layerRootOfStep) : undefined;
      if (root) x.c.setFollows(d, root);
    } else if (d.field === 'container_config.Hostname' && ids && container && typeof container.a === 'string' && typeof container.b === 'string') {
      if (container.a.startsWith(d.a as string) && container.b.startsWith(d.b as string) && (d.a as string).length === 12) x.c.setFollows(d, container.id);
    }
  }
}
