/**
 * The cases of causes.test.ts (every cause id from the real differ), in a module of their own so that
 * invariants.test.ts runs its invariants over the same cases without importing a test file (which
 * would run that file's tests twice).
 */
import type { CauseId, IgnoreOptions, Verdict } from '../../../../src/compare/types';
import type { InputReport } from '../../../../src/report/types';
import { errorMidArchive, fakeHex, fileRecord, integrityFailure, threeLayerImage } from '../../../builders/report';
import { T, baseFiles0, baseFiles1, mapFiles, pair } from './cases';
import { PACKAGE_CASES } from './package-cases';

export interface Case {
  name: string;
  inputs: () => [InputReport, InputReport];
  options?: Partial<IgnoreOptions>;
  preliminary?: boolean;
  verdict: Verdict;
  /** Every cause expected, with its count. */
  causes: Partial<Record<CauseId, number>>;
  summaries?: Partial<Record<CauseId, RegExp>>;
  headline?: RegExp;
}

export const CASES: Case[] = [
  { name: 'identical', inputs: () => pair(() => {}), verdict: 'identical', causes: {}, headline: /^Identical: the two archives are byte-for-byte the same$/ },
  {
    name: 'file mtimes shifted',
    inputs: () => pair((b) => mapFiles(b, 0, (f) => ({ ...f, mtime: f.mtime + 147 }))),
    verdict: 'metadata-only',
    causes: { 'file.mtime': 6 },
    summaries: { 'file.mtime': /^6 files \(3 of them directories\) in layer 1 differ only in mtime; every B mtime is 2 min 27 s later$/ },
    headline: /^Metadata only: 6 file mtimes differ in layer 1$/,
  },
  {
    name: 'file mtimes clamped in A',
    inputs: () => pair((b) => mapFiles(b, 0, (f) => ({ ...f, mtime: T + f.path.length }))),
    verdict: 'metadata-only',
    causes: { 'file.mtime': 6 },
    summaries: { 'file.mtime': /all mtimes in A are clamped to 2023-11-14T22:13:20Z$/ },
  },
  {
    name: 'only directory mtimes',
    inputs: () => pair((b) => mapFiles(b, 1, (f) => (f.type === 'dir' ? { ...f, mtime: f.mtime + 3 } : f))),
    verdict: 'metadata-only',
    causes: { 'file.mtime': 4 },
    summaries: { 'file.mtime': /^4 directories in layer 2 differ only in mtime; every B mtime is 3 s later$/ },
  },
  {
    name: 'pax atime/ctime in B only',
    inputs: () => pair((b) => mapFiles(b, 1, (f) => ({ ...f, atime: T + 500, ctime: T + 500 }))),
    verdict: 'metadata-only',
    causes: { 'file.atime-ctime': 14 },
    summaries: { 'file.atime-ctime': /^7 files .*in layer 2 have other atime and ctime records: present in B only$/ },
  },
  {
    name: 'file order',
    inputs: () => pair((b) => (b.layers[0].files = [...b.layers[0].files].reverse())),
    verdict: 'metadata-only',
    causes: { 'file.order': 1 },
    summaries: { 'file.order': /^Layer 1 holds the same 6 entries in another order \(6 positions differ\); A is sorted by name, B is not$/ },
  },
  {
    name: 'uid/gid',
    inputs: () => pair((b) => mapFiles(b, 1, (f) => ({ ...f, uid: 1000, gid: 1000 }))),
    verdict: 'metadata-only',
    causes: { 'file.owner': 14 },
    summaries: { 'file.owner': /have other numeric owners: every uid 0 → 1000 and gid 0 → 1000$/ },
  },
  {
    name: 'uname/gname only',
    inputs: () => pair((b) => mapFiles(b, 0, (f) => ({ ...f, uname: '', gname: '' }))),
    verdict: 'metadata-only',
    causes: { 'file.owner-name': 12 },
    summaries: { 'file.owner-name': /other owner names: every uname root → "" and gname root → ""; the uid\/gid are the same$/ },
  },
  {
    name: 'mode (umask)',
    inputs: () => pair((b) => mapFiles(b, 1, (f) => (f.type === 'file' ? { ...f, mode: 0o664 } : f))),
    verdict: 'metadata-only',
    causes: { 'file.mode': 3 },
    summaries: {
      'file.mode': /^3 files in layer 2 have other modes \(and nothing else\): 0644 → 0664; every one differs in the bits 020 \(a different umask\?\)$/,
    },
  },
  {
    name: 'xattrs',
    inputs: () =>
      pair((b) => mapFiles(b, 0, (f) => (f.path === 'usr/bin/busybox' ? { ...f, xattrs: { 'security.capability': 'AQAAAgAgAAAAAAAAAAAAAAAAAAA=' } } : f))),
    verdict: 'metadata-only',
    causes: { 'file.xattrs': 1 },
    summaries: { 'file.xattrs': /^1 file in layer 1 has other extended attributes: security.capability \(present in B only\)$/ },
  },
  {
    name: 'pax headers written only to carry atime/ctime go with them',
    inputs: () => pair((b) => mapFiles(b, 0, (f) => ({ ...f, atime: T + 9, ctime: T + 9, paxHeaderName: `./PaxHeaders/${f.path}` }))),
    verdict: 'metadata-only',
    causes: { 'file.atime-ctime': 18 },
    summaries: {
      'file.atime-ctime':
        /^6 files .* have other atime and ctime records: present in B only \(the pax headers that carry them account for 6 header differences\)$/,
    },
  },
  {
    name: 'a pax header written only to carry an xattr goes with it',
    inputs: () => pair((b) => mapFiles(b, 0, (f) => (f.path === 'usr/bin/busybox' ? { ...f, xattrs: { 'security.capability': 'AQ==' }, format: 'gnu' } : f))),
    verdict: 'metadata-only',
    causes: { 'file.xattrs': 2 },
  },
  {
    name: 'tar format',
    inputs: () => pair((b) => mapFiles(b, 0, (f) => ({ ...f, format: 'gnu' }))),
    verdict: 'metadata-only',
    causes: { 'file.tar-format': 6 },
    summaries: { 'file.tar-format': /are encoded differently \(format\); the metadata itself is the same$/ },
  },
  {
    name: 'one file content',
    inputs: () => pair((b) => mapFiles(b, 0, (f) => (f.path === 'etc/os-release' ? { ...f, sha256: fakeHex('new'), size: 416 } : f))),
    verdict: 'content-differs',
    causes: { 'file.content': 1 },
    summaries: { 'file.content': /^1 file in layer 1 has different bytes: etc\/os-release$/ },
    headline: /^Content differs: 1 file changed in layer 1$/,
  },
  {
    name: 'bytecode and logs',
    inputs: () => pair((b) => mapFiles(b, 1, (f) => (f.type === 'file' && f.path !== 'app/main.py' ? { ...f, sha256: fakeHex(`x${f.path}`) } : f))),
    verdict: 'content-differs',
    causes: { 'file.content': 2 },
    summaries: { 'file.content': /different bytes: 1 Python bytecode \(embeds the source mtime\) and 1 log files$/ },
  },
  {
    name: 'files added and removed',
    inputs: () =>
      pair((b) => {
        b.layers[1].files = [...b.layers[1].files.filter((f) => f.path !== 'var/log/apt.log'), fileRecord('app/extra.txt', { size: 12, mtime: T + 60 })];
      }),
    verdict: 'content-differs',
    causes: { 'file.added': 1, 'file.removed': 1 },
    summaries: { 'file.added': /^1 path in layer 2 exists in B only: app\/extra.txt$/, 'file.removed': /exists in A only: var\/log\/apt.log$/ },
  },
  {
    name: 'file type',
    inputs: () =>
      pair((b) =>
        mapFiles(b, 0, (f) => (f.path === 'usr/bin/old' ? { ...f, type: 'symlink', typeflag: '2', linkname: 'busybox', size: 0, sha256: undefined } : f)),
      ),
    verdict: 'content-differs',
    causes: { 'file.type': 1 },
    summaries: { 'file.type': /^1 path in layer 1 is another kind of entry: type file → symlink \(usr\/bin\/old\)$/ },
  },
  {
    name: 'whiteout in B only',
    inputs: () => pair((b) => (b.layers[1].files = [...b.layers[1].files, fileRecord('usr/bin/.wh.old', { size: 0, mtime: T + 60 })])),
    verdict: 'content-differs',
    causes: { 'file.whiteout': 1 },
    summaries: { 'file.whiteout': /^Deletions differ in layer 2: 1 whiteout in B only \(deletes usr\/bin\/old\)$/ },
  },
  {
    name: 'an extra layer',
    inputs: () => pair((b) => b.layers.push({ files: [fileRecord('app/data.txt', { size: 5 })], createdBy: 'COPY data.txt /app/' })),
    verdict: 'content-differs',
    causes: { 'layer.added': 1 },
    summaries: { 'layer.added': /^1 layer exists in B only: layer 3 \(COPY data.txt \/app\/, 1 file\)$/ },
    headline: /^Content differs: 1 layer added$/,
  },
  {
    name: 'the same files squashed into one layer (merged filesystem the same)',
    // B's one layer has layer 1's created_by, so it pairs with it (history); A's layer 2 and its
    // history entry are A's only; layer 2's 7 paths are in B's layer 1 only
    inputs: () => pair((b) => (b.layers = [{ files: [...baseFiles0(), ...baseFiles1()], createdBy: 'ADD rootfs.tar /' }])),
    verdict: 'metadata-only',
    causes: { 'layer.layering': 8 },
    summaries: {
      'layer.layering':
        /^The merged filesystem is the same; the layers that build it differ: A has 2 layers, B 1 layer; 7 paths in one side's layer only, written by another layer on the other side or deleted by a later one$/,
    },
    headline: /^Metadata only: the merged filesystem is the same; the layers differ \(A has 2 layers, B 1 layer\)$/,
  },
  {
    name: 'a layer removed',
    inputs: () => pair((b) => b.layers.pop()),
    verdict: 'content-differs',
    causes: { 'layer.removed': 1 },
  },
  {
    name: 'gzip header MTIME only',
    inputs: () => pair((b) => ((b.layers[1].blob = 'stamped'), (b.layers[1].gzip = { mtime: T }))),
    verdict: 'same-filesystem',
    causes: { 'layer.compression': 1 },
    summaries: {
      'layer.compression':
        /^Layer 2 was recompressed: gzip header MTIME 0 \(unset\) → 2023-11-14T22:13:20Z; the deflate data is the same; same diff_id, so the files are the same$/,
    },
    headline: /^Same filesystem; layer 2 was recompressed: gzip header MTIME differs$/,
  },
  {
    name: 'gzip level',
    inputs: () => pair((b) => ((b.layers[0].blob = 'level9'), (b.layers[0].gzip = { xfl: 2 }), (b.layers[0].payload = -40))),
    verdict: 'same-filesystem',
    causes: { 'layer.compression': 1 },
    summaries: { 'layer.compression': /another deflate stream \(level or implementation; .*\), and gzip header XFL 0 → 2/ },
  },
  {
    name: 'gzip vs zstd',
    inputs: () => pair((b) => ((b.layers[0].algorithm = 'zstd'), (b.layers[1].algorithm = 'zstd'))),
    verdict: 'same-filesystem',
    causes: { 'layer.compression': 4 },
    summaries: {
      'layer.compression':
        /^Layers 1 and 2 were recompressed: gzip in A, zstd in B; same diff_id, so the files are the same; the manifest's layer media types change with it \(tar\+gzip → tar\+zstd\)$/,
    },
  },
  {
    name: 'config created and history times',
    inputs: () => pair((b) => (b.created = '2024-03-01T10:02:32Z')),
    verdict: 'metadata-only',
    causes: { 'config.created': 1, 'config.history': 1 },
    summaries: {
      'config.created': /^The image was created 2 min 27 s later in B/,
      'config.history': /^1 history field differs: 1 created time \(B's time is 2 min 27 s later\); the build steps are the same$/,
    },
  },
  {
    name: 'config field',
    inputs: () => pair((b) => (b.config = { ...b.config, config: { Env: ['PATH=/usr/bin', 'DEBUG=1'], Cmd: ['/app/main.py'] } })),
    verdict: 'content-differs',
    causes: { 'config.field': 1 },
    summaries: { 'config.field': /^1 config field differs: config.Env\[1\]$/ },
  },
  {
    name: 'config serialised differently',
    inputs: () => pair((b) => (b.configBytes = 'indented')),
    verdict: 'same-filesystem',
    causes: { 'manifest.field': 1 },
    summaries: { 'manifest.field': /^The config blob is serialised differently/ },
  },
  {
    name: 'manifest annotations',
    inputs: () => pair((b) => (b.manifestAnnotations = { 'buildkit/rewritten-epoch': '0' })),
    verdict: 'same-filesystem',
    causes: { 'manifest.annotations': 1 },
    summaries: { 'manifest.annotations': /^Manifest annotations differ: buildkit\/rewritten-epoch$/ },
  },
  {
    name: 'manifest media type',
    inputs: () => pair((b) => (b.manifestMediaType = 'application/vnd.docker.distribution.manifest.v2+json')),
    verdict: 'same-filesystem',
    causes: { 'manifest.media-type': 2 },
    summaries: { 'manifest.media-type': /OCI → Docker v2/ },
  },
  {
    name: 'index annotations',
    inputs: () => pair((b) => (b.indexAnnotations = { 'io.containerd.image.name': 'example.com/app:1' })),
    verdict: 'same-filesystem',
    causes: { 'index.annotations': 1 },
    summaries: { 'index.annotations': /io.containerd.image.name/ },
  },
  {
    name: 'index field',
    inputs: () => pair((b) => (b.indexExtra = { annotationsX: 1, schemaVersion: 3 })),
    verdict: 'same-filesystem',
    causes: { 'index.field': 2 },
  },
  {
    name: 'another platform in B',
    inputs: () => pair((b) => (b.platforms = ['linux/amd64', 'linux/arm64'])),
    verdict: 'content-differs',
    causes: { 'index.platforms': 1 },
    summaries: { 'index.platforms': /^B has 1 image A has not \(.*linux\/arm64.*\)$/ },
  },
  {
    name: 'attestations in B only',
    inputs: () => pair((b) => (b.attestation = true)),
    verdict: 'same-filesystem',
    causes: { 'index.attestations': 1 },
    summaries: { 'index.attestations': /^1 attestation manifest in B only/ },
  },
  {
    name: 'layout',
    inputs: () => pair((b) => ((b.layout = 'docker-oci'), (b.layoutLabel = 'docker save (Docker 25+)'))),
    verdict: 'same-image',
    causes: { 'archive.layout': 2 },
    summaries: {
      'archive.layout': /^The archives use different layouts: A is OCI image layout \(oci-archive\) \[oci\], B is docker save \(Docker 25\+\) \[docker-oci\]$/,
    },
  },
  {
    name: 'outer entry mtimes',
    inputs: () => pair((b) => (b.entries = (e) => e.map((x) => ({ ...x, mtime: x.mtime + 3 })))),
    verdict: 'same-image',
    causes: { 'archive.entry-mtime': 8 },
    summaries: { 'archive.entry-mtime': /^8 entries of the archive itself have another mtime; every B time is 3 s later/ },
    headline: /^Same image; only the archive's own timestamps differ$/,
  },
  {
    name: 'outer entry owner, mode, format',
    inputs: () => pair((b) => (b.entries = (e) => e.map((x) => (x.path === 'oci-layout' ? { ...x, uid: 1000, mode: 0o600, format: 'gnu' } : x)))),
    verdict: 'same-image',
    causes: { 'archive.entry-owner': 1, 'archive.entry-mode': 1, 'archive.tar-format': 1 },
  },
  {
    // the blobs are written per image too, so the archive's entries move with the images
    name: 'images listed in another order',
    inputs: () =>
      pair(
        (b) => (b.platforms = ['linux/arm64', 'linux/amd64']),
        (a) => (a.platforms = ['linux/amd64', 'linux/arm64']),
      ),
    verdict: 'same-image',
    causes: { 'archive.image-order': 1, 'archive.entry-order': 1 },
    summaries: { 'archive.image-order': /^index\.json lists the same images in another order \(A: 1, 1; B: 1, 1\)/ },
  },
  {
    name: 'outer entry order and end',
    inputs: () =>
      pair((b) => {
        b.entries = (e) => [...e].reverse();
      }),
    verdict: 'same-image',
    causes: { 'archive.entry-order': 1 },
    summaries: { 'archive.entry-order': /^The archive holds the same 8 entries in another order$/ },
  },
  {
    name: 'extra outer entry and other bytes',
    inputs: () =>
      pair((b) => {
        b.entries = (e) => [
          ...e.map((x) => (x.path === 'oci-layout' ? { ...x, sha256: fakeHex('other layout') } : x)),
          { ...e[0], path: 'README', rawName: 'README', sha256: fakeHex('readme') },
        ];
      }),
    verdict: 'same-image',
    causes: { 'archive.entry-added': 1, 'archive.entry-content': 1 },
    summaries: { 'archive.entry-added': /^1 archive entry exists in B only: README; no image refers to it$/ },
  },
  {
    name: 'an outer entry in A only',
    inputs: () =>
      pair(
        () => {},
        (a) =>
          (a.entries = (e) => (a.name === 'app.tar' ? [...e, { ...e[0], path: 'extra/notes.txt', rawName: 'extra/notes.txt', sha256: fakeHex('notes') }] : e)),
      ),
    verdict: 'same-image',
    causes: { 'archive.entry-removed': 1 },
    summaries: { 'archive.entry-removed': /^1 archive entry exists in A only: extra\/notes.txt; no image refers to it$/ },
  },
  {
    name: 'symlinked duplicate layer',
    inputs: () =>
      pair((b) => {
        b.entries = (e) =>
          e.map((x) =>
            x.path.startsWith('blobs/sha256/') && x.size > 3000 && x.size < 5000
              ? { ...x, type: 'symlink', typeflag: '2', linkname: 'other', size: 0, sha256: undefined }
              : x,
          );
      }),
    verdict: 'same-image',
    causes: { 'archive.symlinked-layer': 1 },
  },
  {
    name: 'outer gzip header',
    inputs: () =>
      pair(
        (b) => (b.outerGzip = { mtime: T, os: 255 }),
        (a) => (a.outerGzip = {}),
      ),
    verdict: 'same-image',
    causes: { 'archive.outer-compression': 2 },
    summaries: {
      'archive.outer-compression': /^The whole archive is compressed differently: gzip header MTIME and gzip header OS differ; the archive inside is the same$/,
    },
  },
  {
    name: 'layer files not compared yet (preliminary)',
    inputs: () => pair((b) => mapFiles(b, 0, (f) => ({ ...f, mtime: f.mtime + 147 }))),
    preliminary: true,
    verdict: 'content-differs',
    causes: { 'layer.changed': 1 },
    summaries: { 'layer.changed': /^Layer 1 has other uncompressed content \(diff_id\); the files were not compared yet$/ },
  },
  {
    name: 'B truncated',
    inputs: () => {
      const b = errorMidArchive().inputs[0];
      const a = structuredClone(b);
      a.error = null;
      a.errors = [];
      a.name = 'complete.tar';
      return [a, b];
    },
    verdict: 'unreadable',
    causes: { 'input.truncated': 1 },
    summaries: {
      'input.truncated':
        /^B \(truncated.tar\) ends at byte 10,752 inside blobs\/sha256\/[0-9a-f]{12}… \(tar: truncated\); everything read before that point was compared$/,
    },
    headline: /^Unreadable: B ends at byte 10,752 inside blobs\/sha256\/[0-9a-f]{12}… \(tar: truncated\)/,
  },
  {
    name: 'B corrupt',
    inputs: () => {
      const [a, b] = pair(() => {});
      b.error = 'gzip: CRC32 mismatch in member 1 (offset 4096)';
      b.errors = [{ code: 'corrupt', component: 'gzip', message: b.error, offset: 4096 }];
      return [a, b];
    },
    verdict: 'unreadable',
    causes: { 'input.corrupt': 1 },
    summaries: { 'input.corrupt': /^B \(app-b.tar\) is corrupt at byte 4,096 \(gzip\)/ },
  },
  {
    name: 'A unsupported',
    inputs: () => {
      const [a, b] = pair(() => {});
      a.error = 'bzip2: not supported yet';
      a.errors = [{ code: 'unsupported', component: 'bzip2', message: a.error }];
      return [a, b];
    },
    verdict: 'unreadable',
    causes: { 'input.unsupported': 1 },
  },
  {
    name: 'diff_id mismatch in B',
    inputs: () => [threeLayerImage().inputs[0], integrityFailure().inputs[0]],
    verdict: 'content-differs',
    causes: { 'layer.digest-mismatch': 1 },
    summaries: { 'layer.digest-mismatch': /^B has 1 integrity failure \(diff-id\): uncompressed layer does not hash to rootfs.diff_ids\[1\]$/ },
  },
  {
    name: 'missing blob in B',
    inputs: () => {
      const [a, b] = pair(() => {});
      const l = b.images[0].layers[1];
      b.integrity = {
        done: true,
        ok: false,
        checks: [
          ...b.integrity.checks,
          {
            kind: 'reference',
            ok: false,
            subject: 'layer 2 of example.com/app:1',
            expected: l.digest!,
            message: `manifest refers to ${l.entry} which is not in the archive`,
          },
        ],
      };
      b.entries = b.entries.filter((e) => e.path !== l.entry);
      return [a, b];
    },
    verdict: 'content-differs',
    causes: { 'layer.missing-blob': 1 },
    summaries: { 'layer.missing-blob': /^B lacks 1 blob the manifests refer to \(sha256:[0-9a-f]{12}…\); what those blobs hold could not be compared$/ },
  },
  {
    name: 'mtimes and a recompression, timestamps ignored',
    inputs: () => pair((b) => (mapFiles(b, 1, (f) => ({ ...f, mtime: f.mtime + 9 })), (b.layers[0].blob = 'level1'), (b.layers[0].payload = 30))),
    options: { timestamps: true },
    verdict: 'same-filesystem',
    causes: { 'layer.compression': 1 },
    headline:
      /^Same filesystem; layer 1 was recompressed: another deflate stream \(compression level or implementation\) \(ignoring timestamps: \d+ differences\)$/,
  },
  {
    name: 'only mtimes, timestamps ignored: equivalent, verdict still literally true',
    inputs: () => pair((b) => mapFiles(b, 0, (f) => ({ ...f, mtime: f.mtime + 147 }))),
    options: { timestamps: true },
    verdict: 'metadata-only',
    causes: {},
    headline: /^Equivalent when ignoring timestamps: only 6 file mtimes differ in layer 1 \(\d+ ignored differences\)$/,
  },
  {
    name: 'only the archive timestamps, ignored: same-image',
    inputs: () => pair((b) => (b.entries = (e) => e.map((x) => ({ ...x, mtime: x.mtime + 3 })))),
    options: { timestamps: true },
    verdict: 'same-image',
    causes: {},
    headline: /^Equivalent when ignoring timestamps: only the archive's own timestamps differ \(8 ignored differences\)$/,
  },
  {
    name: 'gzip MTIME only, timestamps ignored',
    inputs: () => pair((b) => ((b.layers[1].blob = 'stamped'), (b.layers[1].gzip = { mtime: T }))),
    options: { timestamps: true },
    verdict: 'same-filesystem',
    causes: {},
  },
  {
    name: 'log and bytecode content ignored by paths; order by fileOrder',
    inputs: () =>
      pair((b) => {
        mapFiles(b, 1, (f) => (f.path.endsWith('.log') || f.path.endsWith('.pyc') ? { ...f, sha256: fakeHex(`x${f.path}`) } : f));
        b.layers[0].files = [...b.layers[0].files].reverse();
      }),
    options: { paths: ['/var/log/**', '**/*.pyc'], fileOrder: true },
    verdict: 'content-differs',
    causes: {},
    headline: /^Equivalent when ignoring file order and the ignored paths: only/,
  },
  {
    name: 'ownerNames, tarFormat and history ignored, a mode remains',
    inputs: () =>
      pair((b) => {
        mapFiles(b, 0, (f) => ({ ...f, uname: '', format: 'gnu' }));
        mapFiles(b, 1, (f) => (f.path === 'app/main.py' ? { ...f, mode: 0o600 } : f));
        b.history = [
          { created: '2024-03-01T10:00:00Z', created_by: 'ADD rootfs.tar / # buildkit' },
          { created: b.created, created_by: 'COPY app/ /app/' },
        ];
      }),
    options: { ownerNames: true, tarFormat: true, history: true },
    verdict: 'metadata-only',
    causes: { 'file.mode': 1 },
  },
  ...PACKAGE_CASES,
];
