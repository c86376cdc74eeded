/**
 * The packages of an image from its layers' databases. Database files are whole-file
 * replaced in every layer that changes them, so the visible copy of each database path is
 * the one of the highest layer holding it (unless a later layer whites it out); a package's
 * `layer` is the first layer from which every later copy of its database lists it at the
 * version it has at the end (where it was installed, or last changed version).
 */
import type { Ecosystem, ImagePackage, ImagePackages, LayerPackages, PackageRecord, PackageSource } from './types';

export interface LayerInput {
  /** Paths of the layer's entries (normalised), for whiteouts. */
  paths: Iterable<string>;
  packages?: LayerPackages;
}

const WH = '.wh.';
const OPAQUE = '.wh..wh..opq';

/** Visible sources: path → [layer, source]; history: path → every copy, lowest layer first. */
function visibleSources(layers: LayerInput[]) {
  const visible = new Map<string, { layer: number; src: PackageSource }>();
  const history = new Map<string, { layer: number; src: PackageSource }[]>();
  layers.forEach((l, i) => {
    if (visible.size) {
      for (const p of l.paths) {
        const slash = p.lastIndexOf('/');
        const base = p.slice(slash + 1);
        if (!base.startsWith(WH)) continue;
        const dir = slash < 0 ? '' : p.slice(0, slash);
        const gone = base === OPAQUE ? (dir ? `${dir}/` : '') : `${dir ? `${dir}/` : ''}${base.slice(WH.length)}`;
        for (const k of [...visible.keys()]) if (k === gone || k.startsWith(gone.endsWith('/') ? gone : `${gone}/`)) visible.delete(k);
      }
    }
    for (const s of l.packages?.sources ?? []) {
      visible.set(s.path, { layer: i, src: s });
      const h = history.get(s.path) ?? [];
      h.push({ layer: i, src: s });
      history.set(s.path, h);
    }
  });
  return { visible, history };
}

/** The layer from which `history`'s copies list the package at `version` without a break. */
function sinceLayer(copies: { layer: number; src: PackageSource }[], eco: Ecosystem, name: string, version: string): number {
  let since = copies[copies.length - 1].layer;
  for (let i = copies.length - 1; i >= 0; i--) {
    const found = copies[i].src.packages?.some((p) => p.ecosystem === eco && p.name === name && p.version === version);
    if (!found) break;
    since = copies[i].layer;
  }
  return since;
}

export function imagePackages(layers: LayerInput[]): ImagePackages | undefined {
  if (!layers.some((l) => l.packages)) return undefined;
  const { visible, history } = visibleSources(layers);
  const notes: string[] = [];
  layers.forEach((l, i) => {
    if (l.packages?.capped) notes.push(`layer ${i + 1}: ${l.packages.capped}`);
  });
  // file lists: dpkg info/<pkg>.list by package name, RECORD by dist-info folder
  const debFiles = new Map<string, string[]>();
  const recordFiles = new Map<string, string[]>();
  let distro: string | undefined;
  for (const { layer, src } of visible.values()) {
    if (src.error) notes.push(`layer ${layer + 1}: ${src.path}: ${src.error}`);
    if (src.kind === 'dpkg-list' && src.owner) debFiles.set(src.owner, src.files ?? []);
    if (src.kind === 'python-record' && src.owner) recordFiles.set(src.owner, src.files ?? []);
    if (src.kind === 'os-release' && src.distro && (!distro || src.path === 'etc/os-release')) distro = src.distro;
  }
  const packages: ImagePackage[] = [];
  for (const [path, { src }] of visible) {
    for (const p of src.packages ?? []) {
      const files = ownedFiles(p, path, debFiles, recordFiles);
      const { files: _f, ...rest } = p;
      packages.push({
        ...rest,
        ...(files.length ? { files } : {}),
        layer: sinceLayer(history.get(path)!, p.ecosystem, p.name, p.version),
        db: path,
        fileCount: files.length,
      });
    }
  }
  if (!packages.length && !notes.length) return undefined;
  packages.sort((x, y) => (x.ecosystem < y.ecosystem ? -1 : x.ecosystem > y.ecosystem ? 1 : x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return { packages, ...(distro ? { distro } : {}), notes };
}

function ownedFiles(p: PackageRecord, db: string, debFiles: Map<string, string[]>, recordFiles: Map<string, string[]>): string[] {
  if (p.ecosystem === 'deb') return debFiles.get(p.name) ?? [];
  if (p.ecosystem === 'python') return recordFiles.get(db.slice(0, db.lastIndexOf('/'))) ?? [];
  return p.files ?? [];
}
