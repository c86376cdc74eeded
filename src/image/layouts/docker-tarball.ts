/**
 * go-containerregistry's tarball writer (pkg/v1/tarball, used by crane, kaniko
 * `--tarPath`, ko): manifest.json + config named `sha256:<hex>` + layers named
 * `<hex>.tar.gz` after their (compressed) digest. Loadable by `docker load`; no
 * per-layer directories, no `repositories`. File names carry digests, so layers get one.
 */
import type { ImageArchive, OuterListing } from '../model';
import { Outer, isObject, normalizeName } from '../resolve';
import { ReadContext } from './context';
import { hasLegacyLayerDirs } from './docker-legacy';
import { readDockerManifest, readRepositories } from './docker-manifest';
import type { LayoutReader } from './types';

const COMPONENT = 'image tarball';

/** manifest.json is a list whose entries name top-level layer files (no `<id>/layer.tar`). */
function looksLikeTarball(l: OuterListing): boolean {
  const j = Outer.of(l).json('manifest.json');
  if (!j.ok || !Array.isArray(j.value)) return false;
  return j.value.some((m) => isObject(m) && Array.isArray(m.Layers) && m.Layers.some((x) => typeof x === 'string' && !normalizeName(x).includes('/')));
}

export const dockerTarball: LayoutReader = {
  id: 'docker-tarball',
  label: 'image tarball (go-containerregistry writer: crane, kaniko, ko)',
  detect(l) {
    const o = Outer.of(l);
    // containers/image's docker-archive also names layers at the top level, but adds
    // `repositories` and v1 <id>/ directories, which ggcr never writes: that is docker-legacy.
    return !o.has('oci-layout') && !o.has('index.json') && !o.has('repositories') && !hasLegacyLayerDirs(o) && looksLikeTarball(l);
  },
  read(l) {
    const outer = Outer.of(l);
    const ctx = new ReadContext(COMPONENT);
    const archive: ImageArchive = { layout: 'docker-tarball', layoutLabel: this.label, notes: ctx.notes, images: [], errors: ctx.errors };
    const m = readDockerManifest(outer, ctx);
    archive.dockerManifest = m.json;
    for (const e of m.entries) {
      archive.images.push(e.image);
      ctx.errors.push(...e.errors.errors);
    }
    const repositories = readRepositories(outer, ctx);
    if (repositories) archive.repositories = repositories;
    const gz = archive.images.some((i) => i.layers.some((x) => x.blob?.entry.endsWith('.tar.gz')));
    if (gz) ctx.note('layers stored compressed, named after their blob digest (<hex>.tar.gz)');
    return archive;
  },
};
