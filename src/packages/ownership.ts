/**
 * Which package owns a path: the files its database lists (dpkg `.list`, apk `R:` lines, a
 * RECORD), else the deepest npm package folder that contains it. Directories listed by
 * several packages go to the first; a database file itself belongs to no package.
 */
import type { ImagePackage } from './types';

export class Ownership {
  private readonly byPath = new Map<string, ImagePackage>();
  private readonly roots = new Map<string, ImagePackage>();

  constructor(packages: readonly ImagePackage[]) {
    for (const p of packages) {
      for (const f of p.files ?? []) if (!this.byPath.has(f)) this.byPath.set(f, p);
      if (p.root) this.roots.set(p.root, p);
    }
  }

  ownerOf(path: string): ImagePackage | undefined {
    const direct = this.byPath.get(path);
    if (direct || !this.roots.size) return direct;
    for (let dir = path; ; ) {
      const hit = this.roots.get(dir);
      if (hit) return hit;
      const slash = dir.lastIndexOf('/');
      if (slash < 0) return undefined;
      dir = dir.slice(0, slash);
    }
  }
}

/** "busybox 1.31.1-r9" */
export function packageLabel(p: { name: string; version: string }): string {
  return `${p.name} ${p.version}`;
}

/** One key per package identity within an image: ecosystem + name (+ the npm folder). */
export function packageKey(p: ImagePackage): string {
  return p.ecosystem === 'npm' ? `npm:${p.root ?? p.name}` : `${p.ecosystem}:${p.name}`;
}
