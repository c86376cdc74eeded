// Turns layer tars into image archives the way real tools lay them out:
// an OCI image layout (OCI image-spec: oci-layout, index.json, blobs/sha256/…) written here
// and packed by GNU tar (= an oci-archive, what `skopeo copy … oci-archive:` produces), or
// converted by skopeo into a docker-archive (what `docker save` produces: uncompressed
// layers named by diff_id, manifest.json, legacy <id>/ directories).
import { createHash } from 'node:crypto';
import { createReadStream, linkSync, copyFileSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { have, sh } from './exec.mjs';

export const MEDIA = {
  none: 'application/vnd.oci.image.layer.v1.tar',
  gzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  zstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
};

/** GNU tar flags that make a reproducible archive (causes.md "Remedies"). */
export const TAR_REPRO = (mtime) => `--sort=name --mtime=@${mtime} --owner=0 --group=0 --numeric-owner`;

export function sha256File(path) {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path, { highWaterMark: 4 << 20 })
      .on('data', (d) => h.update(d))
      .on('error', reject)
      .on('end', () => resolve(`sha256:${h.digest('hex')}`));
  });
}

/** Compresses `tar` next to itself (.gz with pigz -n -6 or gzip -n -6; .zst with zstd -3). */
export function compress(tar, algorithm) {
  if (algorithm === 'gzip') {
    const gz = have('pigz') ? 'pigz -n -6 -c' : 'gzip -n -6 -c';
    sh(`${gz} '${tar}' > '${tar}.gz'`);
    return { path: `${tar}.gz`, command: `${gz.split(' ')[0]} -n -6` };
  }
  if (algorithm === 'zstd') {
    sh(`zstd -q -3 -T0 -c '${tar}' > '${tar}.zst'`);
    return { path: `${tar}.zst`, command: 'zstd -3 -T0' };
  }
  return { path: tar, command: null };
}

function putBlob(layout, bytesOrPath, digest) {
  const p = join(layout, 'blobs/sha256', digest.slice(7));
  if (typeof bytesOrPath === 'string') {
    try {
      linkSync(bytesOrPath, p); // same file system: no copy
    } catch {
      copyFileSync(bytesOrPath, p);
    }
  } else writeFileSync(p, bytesOrPath);
}

const jsonBlob = (v) => {
  const bytes = Buffer.from(JSON.stringify(v));
  return { bytes, digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`, size: bytes.length };
};

/**
 * Writes an OCI image layout at `layout`.
 * layers: [{ path, mediaType, digest, size, diffId, createdBy, created }]
 * image: { created, refName, env?, cmd?, labels? }
 * Returns { manifestDigest, configDigest }.
 */
export function writeOciLayout(layout, layers, image) {
  mkdirSync(join(layout, 'blobs/sha256'), { recursive: true });
  writeFileSync(join(layout, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  for (const l of layers) putBlob(layout, l.path, l.digest);
  const config = jsonBlob({
    created: image.created,
    architecture: 'amd64',
    os: 'linux',
    config: {
      Env: image.env ?? ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      Cmd: image.cmd ?? ['/bin/sh'],
      Labels: image.labels ?? {},
    },
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    history: layers.map((l) => ({ created: l.created ?? image.created, created_by: l.createdBy })),
  });
  putBlob(layout, config.bytes, config.digest);
  const manifest = jsonBlob({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config.digest, size: config.size },
    layers: layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size })),
  });
  putBlob(layout, manifest.bytes, manifest.digest);
  writeFileSync(
    join(layout, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: manifest.digest,
          size: manifest.size,
          annotations: { 'org.opencontainers.image.ref.name': image.refName },
        },
      ],
    }),
  );
  return { manifestDigest: manifest.digest, configDigest: config.digest };
}

/** oci-archive: the layout packed by GNU tar (reproducibly; blobs are never hard links in the tar). */
export function packOciArchive(layout, out, mtime) {
  const cmd = `tar -C '${layout}' ${TAR_REPRO(mtime)} --hard-dereference -cf '${out}' oci-layout index.json blobs`;
  sh(cmd);
  return { path: out, size: statSync(out).size, writer: 'GNU tar (OCI layout written by scripts/bench/image-writer.mjs)' };
}

/** docker-archive (docker save format) by skopeo from an OCI layout. */
export function toDockerArchive(layout, refName, out, dockerRef) {
  sh(`skopeo --insecure-policy copy -q 'oci:${layout}:${refName}' 'docker-archive:${out}:${dockerRef}'`);
  return { path: out, size: statSync(out).size, writer: 'skopeo copy oci: docker-archive:' };
}
