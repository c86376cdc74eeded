/**
 * Seeds for the fuzz targets: small archives written at test time by the real writers
 * (GNU tar in every format it writes, gzip, zstd) and by the in-memory builders
 * (tests/builders: pax, GNU long names, base-256, every image layout), and the small tars
 * of other implementations' test suites when ../shared/corpus-tar-suites exists. Kept small
 * (at most 16 KiB each) so thousands of mutations run in seconds.
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTar, concat } from '../builders/tar';
import { buildDocker25, buildKanikoTarball, buildLegacySave, buildOciArchive, layerTar } from '../builders/image';
import { nodeHooks } from '../support/hooks';
import { ROOT, sh, tempDir } from '../support/tools';

export interface Seeds {
  tar: Uint8Array[];
  pax: Uint8Array[];
  gzip: Uint8Array[];
  zstd: Uint8Array[];
  images: Uint8Array[];
}

let cached: Seeds | undefined;

export function seeds(): Seeds {
  cached ??= build();
  return cached;
}

function build(): Seeds {
  const dir = tempDir('tarscope-fuzz-');
  sh(
    `cd "${dir}" && mkdir -p t/d && printf 'hello\\n' > t/d/a.txt && : > t/empty && ln -s d/a.txt t/link && ln t/d/a.txt t/hard
     mkdir -p "t/$(printf 'n%.0s' $(seq 1 120))" && printf x > "t/ünï" && truncate -s 40000 t/sparse && printf s | dd of=t/sparse bs=1 seek=30000 conv=notrunc status=none
     for f in gnu posix ustar oldgnu; do tar --format=$f --sparse --owner=0 --group=0 --mtime=@1700000000 -cf $f.tar t 2>/dev/null || tar --format=$f --owner=0 --group=0 -cf $f.tar t/d t/empty t/link; done
     tar --format=v7 -cf v7.tar t/d t/empty 2>/dev/null
     gzip -c -9 -n ustar.tar > ustar.tar.gz && gzip -c -1 gnu.tar > gnu.tar.gz && cat ustar.tar.gz ustar.tar.gz > multi.tar.gz
     zstd -q -c ustar.tar > ustar.tar.zst && zstd -q -19 --no-check -c gnu.tar > gnu.tar.zst`,
  );
  const read = (f: string) => new Uint8Array(readFileSync(join(dir, f)));
  const gnuTars = ['gnu.tar', 'posix.tar', 'ustar.tar', 'oldgnu.tar', 'v7.tar'].map(read);
  const built = [
    buildTar([
      { name: 'x', data: 'abc', pax: { path: 'pax/path', mtime: '1700000000.5', 'SCHILY.xattr.user.k': 'v' } },
      { name: 'g', globalPax: { comment: 'global' }, data: '1' },
      { name: `long/${'l'.repeat(150)}`, longName: 'gnu', format: 'gnu', data: 'z' },
      { name: 'big', base256: ['uid', 'mtime'], uid: 2 ** 40, mtime: 2 ** 35, data: 'b' },
      { name: 'sym', typeflag: '2', linkname: 'x' },
    ]),
    buildTar([
      {
        name: 'GNUSparseFile.0/f',
        data: '1\n0\n3\nabc',
        pax: { 'GNU.sparse.major': '1', 'GNU.sparse.minor': '0', 'GNU.sparse.name': 'f', 'GNU.sparse.realsize': '100' },
      },
    ]),
  ];
  // Other implementations' edge cases (../shared/corpus-tar-suites), when that folder exists.
  const suites = join(ROOT, '../shared/corpus-tar-suites');
  const suiteTars = existsSync(suites)
    ? readdirSync(suites)
        .filter((f) => f.endsWith('.tar') && statSync(join(suites, f)).size <= 16384)
        .sort()
        .map((f) => new Uint8Array(readFileSync(join(suites, f))))
    : [];
  const tar = [...gnuTars, ...built, ...suiteTars];
  const pax = [
    '30 mtime=1700000000.123456789\n20 path=some/where\n',
    '19 linkpath=target\n12 uid=1000\n15 size=123456\n',
    '23 GNU.sparse.major=1\n23 GNU.sparse.minor=0\n25 GNU.sparse.map=0,1,9,2\n',
    '34 LIBARCHIVE.xattr.user.k=dmFsdWU=\n20 SCHILY.xattr.a=b\n',
  ].map((s) => new TextEncoder().encode(s));
  const gzip = ['ustar.tar.gz', 'gnu.tar.gz', 'multi.tar.gz'].map(read);
  const zstd = ['ustar.tar.zst', 'gnu.tar.zst'].map(read);
  const layers = [layerTar([{ name: 'etc/a', data: 'a\n' }, { name: 'etc/.wh.b' }]), layerTar([{ name: 'bin/x', data: 'x', mode: 0o755 }])];
  const spec = { tags: ['app:1'], layers };
  const images = [
    buildOciArchive([spec], nodeHooks, { compress: true }).tar,
    buildOciArchive([spec, { tags: ['app:2'], layers: [layers[1]], architecture: 'arm64' }], nodeHooks, { index: 'nested' }).tar,
    buildLegacySave([spec], nodeHooks).tar,
    buildDocker25(spec, nodeHooks, { store: 'containerd' }).tar,
    buildKanikoTarball(spec, nodeHooks).tar,
    read('ustar.tar.gz'),
    read('ustar.tar.zst'),
  ];
  // A corpus file for scripts/fuzz.mjs users who want to look at one.
  writeFileSync(join(dir, 'README'), 'tarscope fuzz seeds (temporary)\n');
  return { tar, pax, gzip, zstd, images: images.map((b) => concat([b])) };
}
