/**
 * Which package owns each differing file, on each side (the inputs' `images[].packages`,
 * src/packages), and the package-level change that explains it: the owner's version
 * changed (`package.upgraded`, downgrades included), its bytes changed at the same version
 * (`package.rebuilt`), it exists on one side only (`package.added` / `package.removed`).
 * Built once per Context (a WeakMap), lookups O(path depth).
 */
import type { ImagePackage } from '../../report/types';
import { Ownership, packageKey } from '../../packages/ownership';
import type { CauseId, Difference } from '../types';
import type { Context } from './context';
import { fileField } from './fields';

export type PackageCauseId = 'package.upgraded' | 'package.rebuilt' | 'package.added' | 'package.removed';
export const PACKAGE_CAUSES: PackageCauseId[] = ['package.upgraded', 'package.rebuilt', 'package.added', 'package.removed'];

/** Fields whose difference means the file's bytes (or what it is) changed. */
const BYTES = new Set(['content', 'added', 'removed', 'type', 'size', 'linkname']);

export interface Attribution {
  id: PackageCauseId;
  /** The package on each side (absent on the side it is missing from). */
  a?: ImagePackage;
  b?: ImagePackage;
  /** One key per package for grouping: ecosystem:name. */
  key: string;
}

interface Side {
  owners: Ownership;
  byKey: Map<string, ImagePackage>;
  packages: ImagePackage[];
}

class PackageIndex {
  private readonly sides = new Map<string, Side | null>();
  constructor(private readonly ctx: Context) {}

  side(s: 'a' | 'b', image: number | undefined): Side | null {
    if (image === undefined) return null;
    const k = `${s}${image}`;
    let v = this.sides.get(k);
    if (v === undefined) {
      const pk = this.ctx.side(s).images[image]?.packages;
      v = pk?.packages.length
        ? { owners: new Ownership(pk.packages), byKey: new Map(pk.packages.map((p) => [packageKey(p), p])), packages: pk.packages }
        : null;
      this.sides.set(k, v);
    }
    return v;
  }

  attribute(d: Difference): Attribution | null {
    if ((d.subject !== 'file' && d.subject !== 'merged') || !d.scope.path) return null;
    if (!BYTES.has(fileField(d))) return null;
    // bytes that differ only in an embedded timestamp stay with file.content (the timestamps option)
    if (d.subject === 'file' && d.facts?.timestampOnly) return null;
    const sa = this.side('a', d.scope.imageA);
    const sb = this.side('b', d.scope.imageB);
    if (!sa && !sb) return null;
    const path = d.scope.path;
    const oa = sa?.owners.ownerOf(path);
    const ob = sb?.owners.ownerOf(path);
    const owner = ob ?? oa;
    if (!owner) return null;
    const key = packageKey(owner);
    const a = oa && packageKey(oa) === key ? oa : sa?.byKey.get(key);
    const b = ob && packageKey(ob) === key ? ob : sb?.byKey.get(key);
    if (a && b) return { id: a.version === b.version ? 'package.rebuilt' : 'package.upgraded', a, b, key };
    // one side has no package database at all: nothing to say about the package
    if (!sa || !sb) return null;
    return b ? { id: 'package.added', b, key } : { id: 'package.removed', a, key };
  }

  /** Packages whose version changed although none of their files differs (or they own none). */
  versionOnly(imageA: number | undefined, imageB: number | undefined, seen: Set<string>): [ImagePackage, ImagePackage][] {
    const sa = this.side('a', imageA);
    const sb = this.side('b', imageB);
    if (!sa || !sb) return [];
    const out: [ImagePackage, ImagePackage][] = [];
    for (const [k, a] of sa.byKey) {
      const b = sb.byKey.get(k);
      if (b && b.version !== a.version && !seen.has(k)) out.push([a, b]);
    }
    return out;
  }
}

const INDEX = new WeakMap<Context, PackageIndex>();

export function packageIndex(ctx: Context): PackageIndex {
  let ix = INDEX.get(ctx);
  if (!ix) {
    ix = new PackageIndex(ctx);
    INDEX.set(ctx, ix);
  }
  return ix;
}

export function isPackageCause(id: CauseId): id is PackageCauseId {
  return (PACKAGE_CAUSES as string[]).includes(id);
}
