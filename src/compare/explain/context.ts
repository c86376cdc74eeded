/**
 * What every explainer may ask about the comparison besides its own roots: the two input
 * reports, the pairing, how to name a layer and a place ("layer 2 (sha256:ab12…) · etc/passwd"),
 * which image pairs are attestations, and how many root differences each file pair has
 * (to say "differ only in mtime"). Built once per explain() call; lookups are O(1).
 */
import type { InputReport, LayerReport } from '../../report/types';
import type { Difference, DiffResult, Scope } from '../types';
import { shortDigest } from './format';

export class Context {
  /** Labels of image pairs that are attestations (pairing `attests`, or an attestation image). */
  private readonly attestations = new Set<string>();
  private readonly pairedImages: number;
  private multi: Set<Difference> | null = null;
  private runs: Map<Difference, string[]> | null = null;
  private blobRoots: Difference[] | null = null;

  constructor(
    readonly diff: DiffResult,
    readonly a: InputReport,
    readonly b: InputReport,
    /** Every root that is explained (not ignored), in the differ's order. */
    readonly roots: Difference[],
  ) {
    let paired = 0;
    for (const p of diff.pairing.images) {
      const img = p.a !== null ? a.images[p.a] : p.b !== null ? b.images[p.b] : undefined;
      if (p.by === 'attests' || img?.kind === 'attestation') this.attestations.add(p.label);
      if (p.a !== null && p.b !== null && p.by !== 'attests') paired++;
    }
    this.pairedImages = paired;
  }

  side(s: 'a' | 'b'): InputReport {
    return s === 'a' ? this.a : this.b;
  }

  /** "A (app-a.tar)" */
  sideName(s: 'a' | 'b'): string {
    return `${s.toUpperCase()} (${this.side(s).name})`;
  }

  isAttestation(scope: Scope): boolean {
    return scope.image !== undefined && this.attestations.has(scope.image);
  }

  layerOf(scope: Scope, s: 'a' | 'b'): LayerReport | undefined {
    const img = s === 'a' ? scope.imageA : scope.imageB;
    const l = s === 'a' ? scope.layerA : scope.layerB;
    if (img === undefined || l === undefined) return undefined;
    return this.side(s).images[img]?.layers[l];
  }

  /** "layer 2", "layer 2 ↔ 3" (1-based), prefixed by the image when several are compared. */
  layerName(scope: Scope): string {
    const { layerA: la, layerB: lb } = scope;
    let name: string;
    if (la !== undefined && lb !== undefined) name = la === lb ? `layer ${la + 1}` : `layer ${la + 1} ↔ ${lb + 1}`;
    else if (la !== undefined) name = `layer ${la + 1} of A`;
    else if (lb !== undefined) name = `layer ${lb + 1} of B`;
    else name = '';
    return this.imagePrefix(scope) + name;
  }

  imagePrefix(scope: Scope): string {
    return this.pairedImages > 1 && scope.image ? `${scope.image} · ` : '';
  }

  /** "layer 2 (sha256:ab12cd34…)" with A's blob digest (B's for a layer of B only). */
  layerWhere(scope: Scope): string {
    const l = this.layerOf(scope, scope.layerA !== undefined ? 'a' : 'b');
    const digest = l ? (l.digest ?? l.computed.blobSha256) : null;
    const name = this.layerName(scope);
    return digest ? `${name} (${shortDigest(digest)})` : name;
  }

  /** Where a difference lives, for evidence: "layer 1 (sha256:ab12…) · etc/passwd", "index.json", "config". */
  where(d: Difference): string {
    const s = d.scope;
    switch (d.subject) {
      case 'file':
      case 'merged':
        // The root entry's normalised path is '' (differ README): shown as "./".
        if (s.layerA === undefined && s.layerB === undefined) return `${d.subject === 'merged' ? 'merged filesystem · ' : ''}${s.path || './'}`;
        return `${d.subject === 'merged' ? 'merged filesystem, from ' : ''}${this.layerWhere(s)} · ${s.path || './'}`;
      case 'file-order':
      case 'layer':
      case 'layer-blob':
        return s.layerA === undefined && s.layerB === undefined ? 'the archive' : this.layerWhere(s);
      case 'config':
      case 'history':
      case 'manifest':
        return `${this.imagePrefix(s)}${d.subject === 'history' ? 'config history' : d.subject}`;
      case 'image':
        return s.image ?? 'index';
      case 'index':
        return s.path ?? 'index';
      case 'outer-entry':
        return `archive entry ${s.path ?? ''}`;
      case 'integrity':
      case 'input':
        return typeof d.facts?.side === 'string' ? d.facts.side.toUpperCase() : '';
      default:
        return 'the archive';
    }
  }

  /**
   * Whether the same file pair (layer pair + path) has other roots besides this one ("differ
   * only in mtime" when not). The differ emits a pair's differences one after the other, so
   * runs of consecutive roots are compared, not hashed: 100,000s of long path keys in a Map
   * cost ~1 s, this costs a few ms.
   */
  /**
   * The fields of every root of this file pair (before ignoring), when it has more than one:
   * encoding changes that only carry another record (a pax header written for atime/ctime or an
   * xattr) go with that record's cause.
   */
  fieldsAtFile(d: Difference): string[] | undefined {
    if (!this.runs) {
      const runs = new Map<Difference, string[]>();
      let run: Difference[] = [];
      const flush = () => {
        if (run.length < 2) return;
        const fields = run.map((x) => x.field ?? x.kind);
        for (const x of run) runs.set(x, fields);
      };
      for (const r of this.diff.differences) {
        if (r.subject !== 'file' || r.follows !== undefined) continue;
        if (run.length && !samePlace(run[0], r)) {
          flush();
          run = [];
        }
        run.push(r);
      }
      flush();
      this.runs = runs;
    }
    return this.runs.get(d);
  }

  /** Whether the layer pair of this scope has a `layer-blob` root (its blobs differ). */
  hasBlobRoot(d: Difference): boolean {
    this.blobRoots ??= this.diff.differences.filter((x) => x.subject === 'layer-blob' && x.follows === undefined);
    return this.blobRoots.some((x) => sameLayers(x, d));
  }

  hasOtherRoots(d: Difference): boolean {
    if (!this.multi) {
      const multi = new Set<Difference>();
      let run: Difference[] = [];
      const flush = () => {
        if (run.length > 1) for (const x of run) multi.add(x);
      };
      for (const r of this.roots) {
        if (r.subject !== 'file') continue;
        if (run.length && !samePlace(run[0], r)) {
          flush();
          run = [];
        }
        run.push(r);
      }
      flush();
      this.multi = multi;
    }
    return this.multi.has(d);
  }
}

/** Same layer pair and path (image pairs compared by index). */
export function samePlace(x: Difference, y: Difference): boolean {
  const a = x.scope;
  const b = y.scope;
  return a.path === b.path && a.layerA === b.layerA && a.layerB === b.layerB && a.imageA === b.imageA && a.imageB === b.imageB;
}

/** Same layer pair. */
export function sameLayers(x: Difference, y: Difference): boolean {
  const a = x.scope;
  const b = y.scope;
  return a.layerA === b.layerA && a.layerB === b.layerB && a.imageA === b.imageA && a.imageB === b.imageB;
}
