/**
 * Recipes for the pairs of derived bookkeeping (docs/causes.md "Derivation rules"): docker
 * archives whose legacy `<v1 id>/` folders and `repositories` change because the layer chain
 * did, and multi-image archives whose manifest.json lists the images in another order.
 *
 * The images have three layers: the base (writers.ts baseLayer), a middle layer
 * (writers.ts gnuLayer: buildPlainTree packed by GNU tar, the one that differs) and a small
 * top layer that is the same on both sides, so its v1 id changes only through its parent.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sh } from '../support/tools';
import { nodeHooks } from '../support/hooks';
import { buildLegacySave, buildOciArchive, type ImageSpec } from '../builders/image';
import type { Recipe } from './cache';
import { baseLayer, gnuLayer, LAYER_FLAGS, REPRO, T, type LayerParams } from './writers';

/** Layer 2: one file (opt/top.txt), packed by GNU tar with the default flags. */
function topLayer(work: string): Uint8Array {
  const d = join(work, 'l2');
  mkdirSync(join(d, 'opt'), { recursive: true });
  writeFileSync(join(d, 'opt/top.txt'), 'the top layer\n');
  chmodSync(join(d, 'opt'), 0o755);
  chmodSync(join(d, 'opt/top.txt'), 0o644);
  sh(`find . -mindepth 1 | sed 's|^\\./||' | LC_ALL=C sort | tar -C . --no-recursion -T - ${LAYER_FLAGS()} -cf ../l2.tar`, { cwd: d });
  return new Uint8Array(readFileSync(join(work, 'l2.tar')));
}

function threeLayers(work: string, p: LayerParams): Uint8Array[] {
  return [baseLayer(work), gnuLayer(work, p), topLayer(work)];
}

const spec = (layers: Uint8Array[], tag = 'v1'): ImageSpec => ({
  tags: [tag],
  layers,
  created: '2024-01-01T00:00:00Z',
  history: layers.map((_, i) => ({ created: '2024-01-01T00:00:00Z', created_by: `layer ${i}` })),
});

export interface SkopeoParams {
  layer: LayerParams;
  /** skopeo's destination transport */
  dest: 'docker-archive' | 'oci-archive';
}

/**
 * The three-layer image as an OCI archive (tests/builders, uncompressed layers), copied by
 * `skopeo copy oci-archive:… docker-archive:…:tarscope/app:v1`: skopeo writes the layers as
 * `<diff_id>.tar`, a `<v1 id>/{layer.tar -> ../<diff_id>.tar, json, VERSION}` folder per layer
 * (containers/image docker/internal/tarfile/writer.go) and `repositories`.
 */
export function skopeoCopy(file: string, over: Partial<LayerParams>, dest: SkopeoParams['dest'] = 'docker-archive'): Recipe<SkopeoParams> {
  const params: SkopeoParams = { layer: { flags: LAYER_FLAGS(), edits: [], reverse: false, ...over }, dest };
  return {
    file,
    writer: `skopeo copy to ${dest} of a 3-layer OCI archive (layer 2: GNU tar ${params.layer.flags}; OCI layout by tests/builders)`,
    params,
    build(out, p, { work }) {
      writeFileSync(join(work, 'in.tar'), buildOciArchive([spec(threeLayers(work, p.layer))], nodeHooks).tar);
      const ref = p.dest === 'docker-archive' ? 'tarscope/app:v1' : 'v1';
      sh(`skopeo --insecure-policy copy -q oci-archive:in.tar:v1 ${p.dest}:'${out}':${ref}`, { cwd: work });
    },
  };
}

/**
 * The three-layer image as a legacy `docker save` (tests/builders buildLegacySave: v1 ids
 * derived from the parent id and the diff_id, `<id>/layer.tar` the layer itself).
 */
export function legacySave(file: string, over: Partial<LayerParams>): Recipe<LayerParams> {
  const params: LayerParams = { flags: LAYER_FLAGS(), edits: [], reverse: false, ...over };
  return {
    file,
    writer: `tests/builders legacy docker save of a 3-layer image (layer 2: GNU tar ${params.flags})`,
    params,
    build(out, p, { work }) {
      const s = { ...spec(threeLayers(work, p)), tags: ['tarscope/app:v1'] };
      writeFileSync(out, buildLegacySave([s], nodeHooks, { symlinkDuplicates: false }).tar);
    },
  };
}

export interface TwoImagesParams {
  /** manifest.json items in reverse order */
  reverse: boolean;
}

/**
 * Two images (app:1, app:2: the middle layer packed with --mtime=@T and @T+60) in one legacy
 * save by tests/builders, unpacked by GNU tar; python3 rewrites manifest.json (reversed when
 * asked; both sides go through the same json.dump) and GNU tar packs the same member list.
 */
export function twoImages(file: string, reverse: boolean): Recipe<TwoImagesParams> {
  return {
    file,
    writer: `tests/builders legacy save of app:1 and app:2; manifest.json rewritten by python3${reverse ? ' (items reversed)' : ''}; packed by GNU tar`,
    params: { reverse },
    build(out, p, { work }) {
      const one = threeLayers(work, { flags: LAYER_FLAGS(), edits: [], reverse: false });
      const two = [one[0], gnuLayer(work, { flags: LAYER_FLAGS({ mtime: T + 60 }), edits: [], reverse: false }, 'l1b'), one[2]];
      const built = buildLegacySave(
        [
          { ...spec(one), tags: ['app:1'] },
          { ...spec(two), tags: ['app:2'] },
        ],
        nodeHooks,
        { symlinkDuplicates: false },
      );
      writeFileSync(join(work, 'in.tar'), built.tar);
      sh('mkdir x && tar -C x -xf in.tar && tar -tf in.tar > members', { cwd: work });
      sh(
        `python3 -c "import json,sys; m=json.load(open('x/manifest.json')); m=m[::-1] if sys.argv[1]=='1' else m; json.dump(m, open('x/manifest.json','w'))" ${p.reverse ? 1 : 0}`,
        { cwd: work },
      );
      sh(`tar -C x --no-recursion --mtime=@${T} --owner=0 --group=0 --numeric-owner --format=gnu -T members -cf '${out}'`, { cwd: work });
    },
  };
}

export interface BuildahLayersParams {
  /** `buildah build --timestamp`: the created time of the config, the history and the intermediate images, and the new files' mtimes */
  timestamp: number;
}

/**
 * A real `buildah build --layers --timestamp <t>` of a three-step Containerfile (FROM scratch,
 * ADD a GNU tar, COPY two files in two steps), pushed to oci-archive by buildah, the archive
 * repacked by GNU tar with fixed flags (the push writes the export time into its entries).
 * With `--layers` buildah commits an intermediate image after each step and writes
 * `"comment": "FROM <its id>"` on the next step's history entry, and the manifest's
 * `org.opencontainers.image.base.digest` names the last one; their configs hold the build
 * time, so both differ between two builds at other times (docs/causes.md "Derivation rules":
 * they follow the time of the step before).
 */
export function buildahLayers(file: string, timestamp: number): Recipe<BuildahLayersParams> {
  return {
    file,
    writer: `buildah build --layers --timestamp ${timestamp} + push oci-archive (vfs, chroot); repacked by GNU tar`,
    params: { timestamp },
    build(out, p, { work }) {
      const ctx = join(work, 'ctx');
      mkdirSync(join(ctx, 'tree/etc'), { recursive: true });
      writeFileSync(join(ctx, 'tree/etc/motd'), 'built by buildah --layers\n');
      writeFileSync(join(ctx, 'app.conf'), 'mode=a\n');
      writeFileSync(join(ctx, 'extra.conf'), 'extra=1\n');
      sh(`tar -C tree ${LAYER_FLAGS()} -cf files.tar etc`, { cwd: ctx });
      writeFileSync(join(ctx, 'Containerfile'), 'FROM scratch\nADD files.tar /\nCOPY app.conf /app/app.conf\nCOPY extra.conf /app/extra.conf\n');
      const b = `buildah --storage-driver vfs --root '${join(work, 'root')}' --runroot '${join(work, 'run')}'`;
      sh(`${b} build --isolation chroot --layers --timestamp ${p.timestamp} -q -f Containerfile -t tarscope-layers . >/dev/null`, { cwd: ctx });
      sh(`${b} push -q tarscope-layers 'oci-archive:${join(work, 'pushed.tar')}'`, { cwd: work });
      sh(`${b} rmi -a -f >/dev/null 2>&1 || true`, { cwd: work });
      sh(`mkdir x && tar -C x -xf pushed.tar && tar -C x ${REPRO()} -cf '${out}' oci-layout index.json blobs`, { cwd: work });
    },
  };
}

export interface IndexOrderParams {
  /** index.json `manifests[]` in reverse order */
  reverse: boolean;
}

/**
 * umoci-oci-layout-2images.tar (two tagged images, `base` and `v1`, sharing a layer) unpacked
 * by GNU tar; python3 rewrites index.json (its descriptors reversed when asked; both sides go
 * through the same json.dump) and GNU tar packs the same members again.
 */
export function indexOrder(file: string, reverse: boolean): Recipe<IndexOrderParams> {
  return {
    file,
    writer: `umoci layout with 2 images; index.json rewritten by python3${reverse ? ' (manifests reversed)' : ''}; packed by GNU tar`,
    params: { reverse },
    build(out, p, { fx, work }) {
      sh(`mkdir x && tar -C x -xpf '${fx['umoci-oci-layout-2images.tar'].path}' && tar -tf '${fx['umoci-oci-layout-2images.tar'].path}' > members`, {
        cwd: work,
      });
      sh(
        `python3 -c "import json,sys; i=json.load(open('x/index.json')); i['manifests']=i['manifests'][::-1] if sys.argv[1]=='1' else i['manifests']; json.dump(i, open('x/index.json','w'))" ${p.reverse ? 1 : 0}`,
        { cwd: work },
      );
      sh(`tar -C x --no-recursion ${REPRO()} -T members -cf '${out}'`, { cwd: work });
    },
  };
}
