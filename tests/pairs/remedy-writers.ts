/**
 * Recipes for the pairs whose point is the remedy (src/compare/explain/remedy.ts): a plain
 * config edit, a Java archive whose zip entry times differ (python3 zipfile), a Debian package
 * version in the dpkg status file, and two real buildah builds of one Containerfile.
 * The one-layer images are packed by GNU tar (LAYER_FLAGS) into an OCI layout by tests/builders;
 * the buildah images are written by buildah itself (`buildah push … oci-archive:`).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sh } from '../support/tools';
import { nodeHooks } from '../support/hooks';
import { buildOciArchive } from '../builders/image';
import { pinMtimes } from '../fixtures/tree';
import { PAIRS_DIR, type Recipe, recipeKey } from './cache';
import { LAYER_FLAGS, T } from './writers';

export interface KindTree {
  /** `workers:` in etc/app/config.yaml */
  workers: number;
  /** Version of the `hello` package in var/lib/dpkg/status */
  dpkgVersion: string;
  /** Time (s since the epoch, UTC) of every entry of usr/share/app/app.jar */
  jarTime: number;
}

export const KIND_TREE: KindTree = { workers: 4, dpkgVersion: '2.10-3', jarTime: T };

/** A one-layer image holding a YAML config, a dpkg status file and a jar, as `t` says. */
export function kindImage(file: string, over: Partial<KindTree>): Recipe<KindTree> {
  const params: KindTree = { ...KIND_TREE, ...over };
  return {
    file,
    writer: `GNU tar ${LAYER_FLAGS()}; etc/app/config.yaml workers ${params.workers}, dpkg status hello ${params.dpkgVersion}, app.jar by python3 zipfile (entry times @${params.jarTime}); OCI layout by tests/builders`,
    params,
    build(out, p, { work }) {
      const d = join(work, 'l0');
      const put = (path: string, text: string) => {
        mkdirSync(dirname(join(d, path)), { recursive: true });
        writeFileSync(join(d, path), text);
        chmodSync(join(d, path), 0o644);
      };
      put('etc/app/config.yaml', `server:\n  port: 8080\n  workers: ${p.workers}\n  log_level: info\n`);
      put(
        'var/lib/dpkg/status',
        `Package: hello\nStatus: install ok installed\nPriority: optional\nSection: devel\nInstalled-Size: 280\nMaintainer: Santiago Vila <sanvila@debian.org>\nArchitecture: amd64\nVersion: ${p.dpkgVersion}\nDepends: libc6 (>= 2.34)\nDescription: example package based on GNU hello\n The GNU hello program produces a familiar, friendly greeting.\n`,
      );
      mkdirSync(join(d, 'usr/share/app'), { recursive: true });
      // python3's zipfile writes each entry's DOS date/time from the ZipInfo (APPNOTE 4.4.6).
      sh(
        `python3 -c "import sys, time, zipfile
t = time.gmtime(int(sys.argv[2]))[:6]
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    z.writestr(zipfile.ZipInfo('META-INF/MANIFEST.MF', t), 'Manifest-Version: 1.0\\r\\nMain-Class: com.example.App\\r\\n\\r\\n')
    z.writestr(zipfile.ZipInfo('com/example/App.class', t), bytes.fromhex('cafebabe00000034'))
" usr/share/app/app.jar ${p.jarTime}`,
        { cwd: d },
      );
      chmodSync(join(d, 'usr/share/app/app.jar'), 0o644);
      sh(`find . -type d -exec chmod 0755 {} +`, { cwd: d });
      pinMtimes(d, T);
      sh(`find . -mindepth 1 | sed 's|^\\./||' | LC_ALL=C sort | tar -C . --no-recursion -T - ${LAYER_FLAGS()} -cf ../l0.tar`, { cwd: d });
      const layer = new Uint8Array(readFileSync(join(work, 'l0.tar')));
      writeFileSync(out, buildOciArchive([{ tags: ['v1'], layers: [layer] }], nodeHooks).tar);
    },
  };
}

export interface BuildahParams {
  /** seconds to wait before building (the second build runs later than the first) */
  delay: number;
}

/**
 * `buildah build` of one Containerfile (FROM scratch, ADD of a small tar, COPY of a file),
 * then `buildah push … oci-archive:`; vfs storage and chroot isolation in a scratch
 * directory, so no daemon and no host storage is touched. Only the build context's times are
 * pinned: two builds differ in the config's created time, the history times, the mtime of the
 * directory COPY creates, and the archive's entry times, as two real builds do.
 */
export function buildahImage(file: string, p: BuildahParams): Recipe<BuildahParams> {
  return {
    file,
    writer: `buildah ${sh('buildah --version 2>/dev/null || true')
      .trim()
      .replace(/^buildah version /, '')} build + push oci-archive (vfs, chroot)`,
    params: p,
    build(out, params, { work }) {
      const ctx = join(work, 'ctx');
      mkdirSync(join(ctx, 'tree/etc'), { recursive: true });
      writeFileSync(join(ctx, 'tree/etc/motd'), 'built by buildah\n');
      writeFileSync(join(ctx, 'app.conf'), 'mode=a\n');
      sh(`tar -C tree ${LAYER_FLAGS()} -cf files.tar etc`, { cwd: ctx });
      writeFileSync(join(ctx, 'Containerfile'), 'FROM scratch\nADD files.tar /\nCOPY app.conf /app/app.conf\n');
      // COPY keeps the source file's mtime: pinned, so that it is the same in both builds
      // however far apart they ran (two builds in one second had equal times, two seconds
      // apart different ones), as a checkout's files would be; the directory COPY creates
      // still gets the build's time.
      pinMtimes(ctx, T);
      if (params.delay) sh(`sleep ${params.delay}`);
      const b = `buildah --storage-driver vfs --root '${join(work, 'root')}' --runroot '${join(work, 'run')}'`;
      sh(`${b} build --isolation chroot -q -f Containerfile -t tarscope-pair . >/dev/null`, { cwd: ctx });
      sh(`${b} push -q tarscope-pair 'oci-archive:${out}'`, { cwd: work });
      sh(`${b} rmi -a -f >/dev/null 2>&1 || true`, { cwd: work });
    },
  };
}

export interface CopyParams {
  /** cache key and file of the buildah archive copied (built first: it is the pair's A) */
  fromKey: string;
  fromFile: string;
  delay: number;
}

/**
 * `skopeo copy oci-archive:<A> oci-archive:<B>` of a buildahImage archive, `delay` seconds
 * after it was written: the same image, an archive written by skopeo instead of `buildah push`
 * (both containers/image), so only the archive's own entries differ.
 */
export function skopeoCopyOf(file: string, from: Recipe<BuildahParams>, delay: number): Recipe<CopyParams> {
  return {
    file,
    writer: `skopeo copy oci-archive:${from.file} oci-archive:${file}`,
    params: { fromKey: recipeKey(from), fromFile: from.file, delay },
    build(out, p) {
      const src = join(PAIRS_DIR, `${p.fromKey}-${p.fromFile}`);
      if (!existsSync(src)) throw new Error(`${p.fromFile} is not built yet: it is the pair's A, built before B`);
      if (p.delay) sh(`sleep ${p.delay}`);
      sh(`skopeo copy -q 'oci-archive:${src}' 'oci-archive:${out}'`);
    },
  };
}
