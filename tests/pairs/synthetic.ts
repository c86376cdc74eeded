/**
 * Recipes for what the installed writers cannot make on demand, written by the in-memory
 * builders (tests/builders/image.ts, tar.ts): legacy `docker save` vs Docker 25+ layouts,
 * symlinked duplicate layers, attestation manifests, Docker v2 media types, annotations,
 * platforms, config times, xattrs, a missing blob, a blob that does not match its digest.
 * One parameterised recipe: the parameters say what differs, and are the cache key.
 */
import { writeFileSync } from 'node:fs';
import { nodeHooks } from '../support/hooks';
import { buildDocker25, buildLegacySave, buildOciArchive, layerTar, type ImageSpec } from '../builders/image';
import type { BuildEntry } from '../builders/tar';
import type { Recipe } from './cache';
import { T } from './writers';

export interface SynthParams {
  layout: 'legacy' | 'docker25' | 'oci';
  /** legacy: store the repeated layer as a symlink to its first copy (moby/moby#42766) */
  symlinkDuplicates?: boolean;
  /** the image's layers are [L0, L1, L0] (the same diff_id twice) */
  duplicateLayer?: boolean;
  /** oci: a provenance attestation manifest per image */
  attestations?: boolean;
  /** oci: a second platform, linux/arm64 */
  arm64?: boolean;
  /** oci: Docker v2 schema 2 media types (manifest, config, layers, index descriptor) */
  dockerMediaTypes?: boolean;
  manifestAnnotations?: Record<string, string>;
  /** oci: annotations of the index.json descriptor (ref.name v1 is always there) */
  indexAnnotations?: Record<string, string>;
  /** config `created` and every history `created` */
  created?: string;
  historyCreated?: string;
  /** layer 1's usr/bin/tool carries security.capability (cap_net_bind_service, v2) */
  capability?: boolean;
  /** drop the blob of this layer from the archive */
  dropLayerBlob?: number;
  /** flip a byte in the end-of-archive blocks of this layer's blob (same files, other bytes) */
  corruptLayerBlob?: number;
  /** docker25: the image store Docker saves from (default graphdriver) */
  store?: 'graphdriver' | 'containerd';
  /** oci: store the layers as plain tars (default gzip) */
  uncompressed?: boolean;
  /** docker25 containerd / oci with attestations: the provenance predicate's build start time */
  buildStartedOn?: string;
  /** docker25 graphdriver: each layer's v1 image JSON as a blob nothing refers to (moby saveLayer) */
  v1Configs?: boolean;
}

const DOCKER = {
  manifest: 'application/vnd.docker.distribution.manifest.v2+json',
  config: 'application/vnd.docker.container.image.v1+json',
  layerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
};

/** security.capability v2 (linux/capability.h): magic 0x02000001 (effective), permitted = CAP_NET_BIND_SERVICE (bit 10). */
const CAP_NET_BIND_SERVICE = '\x01\x00\x00\x02' + '\x00\x04\x00\x00' + '\x00'.repeat(12);

const dir = (name: string): BuildEntry => ({ name, typeflag: '5', mode: 0o755, mtime: T });
const reg = (name: string, data: string, extra: Partial<BuildEntry> = {}): BuildEntry => ({ name, data, mode: 0o644, mtime: T, ...extra });

export const L0 = () =>
  layerTar([dir('bin/'), reg('bin/sh', '#!/bin/true\n', { mode: 0o755 }), dir('etc/'), reg('etc/os-release', 'NAME="tarscope base"\nID=tarscope\n')]);

export const L1 = (capability = false) =>
  layerTar([
    dir('app/'),
    reg('app/main.py', 'print("hello")\n'),
    dir('usr/'),
    dir('usr/bin/'),
    reg('usr/bin/tool', 'ELF-ish tool\n', { mode: 0o755, ...(capability ? { pax: { 'SCHILY.xattr.security.capability': CAP_NET_BIND_SERVICE } } : {}) }),
  ]);

function spec(p: SynthParams, arch = 'amd64'): ImageSpec {
  const l0 = L0();
  const layers = p.duplicateLayer ? [l0, L1(p.capability), l0] : [l0, L1(p.capability)];
  const hc = p.historyCreated ?? '2024-01-01T00:00:00Z';
  return {
    tags: ['app:v1'],
    architecture: arch,
    layers,
    created: p.created ?? '2024-01-01T00:00:00Z',
    history: layers.map((_, i) => ({ created: hc, created_by: i === 1 ? 'COPY app/ /app/' : 'ADD base.tar /' })),
    manifest(m) {
      if (p.dockerMediaTypes) {
        m.mediaType = DOCKER.manifest;
        (m.config as Record<string, unknown>).mediaType = DOCKER.config;
        for (const l of m.layers as Record<string, unknown>[]) l.mediaType = DOCKER.layerGzip;
      }
      if (p.manifestAnnotations) m.annotations = p.manifestAnnotations;
    },
  };
}

function edit(entries: BuildEntry[], p: SynthParams, layerNames: string[]): BuildEntry[] {
  let out = entries;
  if (p.dropLayerBlob !== undefined) out = out.filter((e) => e.name !== layerNames[p.dropLayerBlob!]);
  if (p.corruptLayerBlob !== undefined) {
    const name = layerNames[p.corruptLayerBlob];
    out = out.map((e) => {
      if (e.name !== name) return e;
      const data = (e.data as Uint8Array).slice();
      data[data.length - 1] ^= 0x01; // inside the end-of-archive zero blocks: same entries, other bytes
      return { ...e, data };
    });
  }
  if (p.dockerMediaTypes) {
    out = out.map((e) => {
      if (e.name !== 'index.json') return e;
      const idx = JSON.parse(new TextDecoder().decode(e.data as Uint8Array));
      for (const m of idx.manifests) m.mediaType = DOCKER.manifest;
      return { ...e, data: JSON.stringify(idx) };
    });
  }
  return out;
}

export function synthetic(file: string, params: SynthParams, writer: string): Recipe<SynthParams> {
  return {
    file,
    writer: `tests/builders: ${writer}`,
    params,
    build(out, p) {
      const s = spec(p);
      let names: string[] = [];
      const transform = (entries: BuildEntry[]) => edit(entries, p, names);
      let tar: Uint8Array;
      if (p.layout === 'legacy') {
        // layer names are only known after the build: build once to learn them, once to edit
        names = buildLegacySave([s], nodeHooks, { symlinkDuplicates: p.symlinkDuplicates ?? true }).images[0].layerNames;
        tar = buildLegacySave([s], nodeHooks, { symlinkDuplicates: p.symlinkDuplicates ?? true, transform }).tar;
      } else if (p.layout === 'docker25') {
        const store = p.store ?? 'graphdriver';
        const provenance = p.buildStartedOn ? { metadata: { buildStartedOn: p.buildStartedOn } } : undefined;
        const v1Configs = p.v1Configs;
        names = buildDocker25(s, nodeHooks, { store, provenance, v1Configs }).images[0].layerNames;
        tar = buildDocker25(s, nodeHooks, { store, provenance, v1Configs, transform }).tar;
      } else {
        const specs = p.arm64 ? [s, spec(p, 'arm64')] : [s];
        const opts = {
          compress: !p.uncompressed,
          attestations: p.attestations ?? false,
          annotate: (tag: string | undefined) => ({ 'org.opencontainers.image.ref.name': tag ?? 'v1', ...(p.indexAnnotations ?? {}) }),
        };
        names = buildOciArchive(specs, nodeHooks, opts).images[0].layerNames;
        tar = buildOciArchive(specs, nodeHooks, { ...opts, transform }).tar;
      }
      writeFileSync(out, tar);
    },
  };
}
