/**
 * Builders of comparison reports for presenter tests. The differences come from the real
 * differ (`diffInputs`) run on two inspection reports made with `report.ts`, so the page is
 * tested on the shapes it will really get; causes are given by the scenario (or computed by
 * the real explainer where a test passes one). Scenarios are named after their case:
 * every mtime shifted (metadata-only), files changed with a text diff and a hex window
 * (content-differs), B truncated (unreadable), 100,000 file differences. Runs in Node and
 * in the browser (no Node APIs).
 */
import { diffInputs, dropDeep } from '../../src/compare/diff';
import { explain } from '../../src/compare/explain';
import type { Cause, ComparisonReport, DiffResult, IgnoreOptions, Verdict } from '../../src/compare/types';
import { NO_IGNORES } from '../../src/compare/types';
import type { ErrorInfo } from '../../src/io/errors';
import type { FileRecord, ImageReport, InputReport } from '../../src/report/types';
import { errorMidArchive, fakeDigest, fakeHex, fileRecord, imageReport, inputReport, layerReport } from './report';

export interface ComparisonParts {
  verdict: Verdict;
  headline: string;
  causes: Cause[];
  phase?: 'preliminary' | 'final';
  options?: IgnoreOptions;
}

/** A report as the engine sends it: the differ's output (deep subjects dropped when preliminary) plus the given explanation. */
export function comparison(A: InputReport, B: InputReport, parts: ComparisonParts): ComparisonReport {
  const phase = parts.phase ?? 'final';
  let diff: DiffResult = diffInputs(A, B);
  if (phase === 'preliminary') diff = dropDeep(diff);
  return {
    schemaVersion: 1,
    tool: { name: 'tarscope', version: '0.1.0-test' },
    kind: 'comparison',
    createdAt: '2026-11-24T18:00:00.000Z',
    inputs: [A, B],
    options: parts.options ?? NO_IGNORES,
    verdict: parts.verdict,
    headline: parts.headline,
    causes: parts.causes,
    differences: diff.differences,
    pairing: diff.pairing,
    identicalBytes: diff.identicalBytes,
    stats: {
      elapsedMs: phase === 'final' ? 2300 : 120,
      bytesRead: phase === 'final' ? A.size + B.size : 40_000,
      phase,
      layersScanned: phase === 'final' ? 4 : 0,
      layersSkipped: phase === 'final' ? 1 : 0,
      digestsVerified: phase === 'final',
      verification: {
        state: phase === 'final' ? 'done' : 'pending',
        blobs: phase === 'final' ? 4 : 0,
        bytes: phase === 'final' ? A.size + B.size : 0,
        bytesTotal: A.size + B.size,
        rescanned: 0,
      },
    },
  };
}

/**
 * A report whose verdict, headline and causes come from the real explainer (`explain`) for the
 * given options: what the engine would send for these two inputs.
 */
export function explainedComparison(
  A: InputReport,
  B: InputReport,
  options: IgnoreOptions = NO_IGNORES,
  phase: 'preliminary' | 'final' = 'final',
): ComparisonReport {
  const r = comparison(A, B, { verdict: 'identical', headline: '', causes: [], phase, options });
  const ex = explain({ differences: r.differences, pairing: r.pairing, identicalBytes: r.identicalBytes }, A, B, options);
  r.verdict = ex.verdict;
  r.headline = ex.headline;
  r.causes = ex.causes;
  return r;
}

/** The ids of the differences matching a test, for a cause's `differences`. */
export function idsWhere(r: ComparisonReport, test: (d: ComparisonReport['differences'][number]) => boolean): string[] {
  return r.differences.filter((d) => !d.follows && test(d)).map((d) => d.id);
}

// ---- two images ----

const T = 1_700_000_000;

function baseLayers(shift = 0, change?: (f: FileRecord) => FileRecord) {
  const l0 = [
    fileRecord('etc/', { mtime: T + shift }),
    fileRecord('etc/os-release', { size: 400, mtime: T + shift }),
    fileRecord('usr/', { mtime: T + shift }),
    fileRecord('usr/bin/', { mtime: T + shift }),
    fileRecord('usr/bin/busybox', { size: 900_000, mode: 0o755, mtime: T + shift }),
  ];
  const l1 = [
    fileRecord('app/', { mtime: T + 60 + shift }),
    fileRecord('app/main.py', { size: 5000, mtime: T + 60 + shift }),
    fileRecord('app/__pycache__/', { mtime: T + 60 + shift }),
    fileRecord('app/__pycache__/main.cpython-312.pyc', { size: 3000, mtime: T + 60 + shift }),
  ];
  const edit = (fs: FileRecord[]) => (change ? fs.map(change) : fs);
  return [edit(l0), edit(l1)];
}

/** One image, tag app:1, two layers; `side` makes blob digests, diff_ids and config unique when the files differ. */
function image(name: string, files: FileRecord[][], salt: string, created = '2024-03-01T10:00:05Z'): InputReport {
  const layers = files.map((fs, i) =>
    layerReport(i, fs, {
      digest: fakeDigest(`blob-${i}-${salt}`),
      diffId: fakeDigest(`diff-${i}-${salt}`),
      computed: { blobSha256: fakeDigest(`blob-${i}-${salt}`), diffId: fakeDigest(`diff-${i}-${salt}`) },
      entry: `blobs/sha256/${fakeHex(`blob-${i}-${salt}`)}`,
      createdBy: i === 0 ? 'ADD rootfs.tar /' : 'COPY app/ /app/',
      historyIndex: i,
    }),
  );
  const history = [
    { created: '2024-03-01T10:00:00Z', created_by: 'ADD rootfs.tar /' },
    { created: created, created_by: 'COPY app/ /app/' },
  ];
  const img: ImageReport = imageReport(layers, {
    tags: ['example.com/app:1'],
    history,
    created,
    manifest: { digest: fakeDigest(`manifest-${salt}`), mediaType: 'application/vnd.oci.image.manifest.v1+json', size: 900 },
    config: {
      digest: fakeDigest(`config-${salt}`),
      mediaType: 'application/vnd.oci.image.config.v1+json',
      json: { created, architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) }, history },
    },
  });
  return inputReport({ name, images: [img] });
}

/** B was built 147 s later without SOURCE_DATE_EPOCH: every file mtime and the config times differ. */
export function mtimeShift(phase: 'preliminary' | 'final' = 'final'): ComparisonReport {
  const A = image('app-a.tar', baseLayers(0), 'a');
  const B = image('app-b.tar', baseLayers(147), 'b', '2024-03-01T10:02:32Z');
  const r = comparison(A, B, { verdict: 'metadata-only', headline: '', causes: [], phase });
  const mtimes = idsWhere(r, (d) => d.subject === 'file' && d.field === 'mtime');
  const created = idsWhere(r, (d) => d.subject === 'config' || d.subject === 'history');
  r.headline =
    phase === 'final'
      ? 'Metadata only: 9 files differ only in mtime, every B time is 2 min 27 s later; the config was created later too'
      : 'Same structure, different layer blobs: the files are being compared';
  r.verdict = phase === 'final' ? 'metadata-only' : 'content-differs';
  r.causes =
    phase === 'final'
      ? [
          {
            id: 'file.mtime',
            level: 'file',
            count: mtimes.length,
            summary: `${mtimes.length} files in 2 layers differ only in mtime; every B time is 2 min 27 s later`,
            evidence: [
              {
                text: 'etc/os-release: mtime 2023-11-14T22:13:20Z → 2023-11-14T22:15:47Z (layer #1)',
                difference: mtimes[1],
                a: T,
                b: T + 147,
                where: 'layer #1 · etc/os-release',
              },
            ],
            remedy: 'Build with `SOURCE_DATE_EPOCH` set and BuildKit `rewrite-timestamp=true`, or normalise with `tar --mtime=@EPOCH`.',
            differences: mtimes,
            consequences: 6,
          },
          {
            id: 'config.created',
            level: 'config',
            count: created.length,
            summary: 'The image was created 2 min 27 s later',
            evidence: [{ text: 'created 2024-03-01T10:00:05Z → 2024-03-01T10:02:32Z', a: '2024-03-01T10:00:05Z', b: '2024-03-01T10:02:32Z', where: 'config' }],
            remedy: 'Set `SOURCE_DATE_EPOCH` for the build.',
            differences: created,
            consequences: 1,
          },
        ]
      : [
          {
            id: 'layer.compression',
            level: 'layer',
            count: 2,
            summary: 'Both layer blobs differ; their files are being compared',
            evidence: [],
            remedy: '',
            differences: idsWhere(r, (d) => d.subject === 'layer-blob'),
            consequences: 4,
          },
        ];
  return r;
}

/** etc/os-release gained a line (text diff), usr/bin/busybox changed (hex), app/extra.txt is new in B. */
export function contentDiffers(): ComparisonReport {
  const filesB = baseLayers(0, (f) =>
    f.path === 'etc/os-release' || f.path === 'usr/bin/busybox' ? { ...f, sha256: fakeHex(`changed:${f.path}`), size: f.size + 16 } : f,
  );
  filesB[1] = [...filesB[1], fileRecord('app/extra.txt', { size: 12, mtime: T + 60 })];
  const A = image('app-a.tar', baseLayers(0), 'a');
  const B = image('app-b.tar', filesB, 'c');
  const r = comparison(A, B, { verdict: 'content-differs', headline: 'Content differs: 2 files changed and 1 file added in B', causes: [] });
  const content = idsWhere(r, (d) => d.subject === 'file' && d.field === 'content');
  const added = idsWhere(r, (d) => d.subject === 'file' && d.kind === 'added');
  const osRelease = content.find((id) => id.includes('etc/os-release'))!;
  const busybox = content.find((id) => id.includes('usr/bin/busybox'))!;
  r.causes = [
    {
      id: 'file.content',
      level: 'file',
      count: content.length,
      summary: '2 files have different bytes: a text file and an ELF binary',
      evidence: [
        {
          text: 'etc/os-release: 1 line changed, 1 added',
          difference: osRelease,
          where: 'layer #1 · etc/os-release',
          detail: {
            kind: 'text-diff',
            truncated: false,
            hunks: [
              {
                aStart: 1,
                bStart: 1,
                lines: [
                  { op: ' ', text: 'NAME="Example Linux"' },
                  { op: '-', text: 'VERSION_ID=3.18' },
                  { op: '+', text: 'VERSION_ID=3.19' },
                  { op: '+', text: 'BUILD_ID=20240301' },
                  { op: ' ', text: 'ID=example' },
                ],
              },
            ],
          },
        },
        {
          text: 'usr/bin/busybox: bytes differ from offset 0x1c8 (ELF build-id)',
          difference: busybox,
          where: 'layer #1 · usr/bin/busybox',
          detail: {
            kind: 'hex',
            offset: 0x1c4,
            length: 24,
            a: '040000001400000003000000474e5500a1b2c3d4e5f60718',
            b: '040000001400000003000000474e550011223344e5f60718',
          },
        },
        {
          text: 'usr/bin/busybox is an ELF executable whose GNU build-id differs',
          difference: busybox,
          where: 'layer #1 · usr/bin/busybox',
          detail: { kind: 'recognised', what: 'ELF build-id', detail: 'NT_GNU_BUILD_ID a1b2c3d4… → 11223344…' },
        },
      ],
      remedy: 'Rebuild from the same sources with the same toolchain; compare the packages that install these files.',
      differences: content,
      consequences: 5,
    },
    {
      id: 'file.added',
      level: 'file',
      count: added.length,
      summary: '1 file exists in B only: app/extra.txt',
      evidence: [{ text: 'app/extra.txt: only in B (file, 12 B)', difference: added[0], where: 'layer #2 · app/extra.txt' }],
      remedy: '',
      differences: added,
      consequences: 0,
    },
  ];
  return r;
}

/** B ends in the middle of its last layer blob: the verdict is unreadable; A and what B had are still compared. */
export function unreadableB(): ComparisonReport {
  const A = errorMidArchive().inputs[0];
  const clean = structuredClone(A);
  clean.name = 'complete.tar';
  clean.error = null;
  clean.errors = [];
  const B = A;
  const err = B.errors[0] as ErrorInfo;
  const r = comparison(clean, B, {
    verdict: 'unreadable',
    headline: `B could not be read to the end: ${err.message}`,
    causes: [],
  });
  r.causes = [
    {
      id: 'input.truncated',
      level: 'input',
      count: 1,
      summary: `B (truncated.tar) ends early: tar stopped at offset 10,752 in ${err.path}; everything before it was compared`,
      evidence: [{ text: err.message, where: `B · ${err.path} · offset 10752`, difference: idsWhere(r, (d) => d.subject === 'input')[0] }],
      remedy: 'Copy or export the archive again; check its size against the original.',
      differences: idsWhere(r, (d) => d.subject === 'input'),
      consequences: r.differences.filter((d) => d.follows).length,
    },
  ];
  return r;
}

/**
 * One layer of `n` files (default 100,000) whose mtimes all differ: built directly (the differ
 * is not what is under test, and 100k records would slow the test down for nothing).
 */
export function manyFileDifferences(n = 100_000): ComparisonReport {
  const A = image('huge-a.tar', [[fileRecord('usr/')]], 'huge-a');
  const B = image('huge-b.tar', [[fileRecord('usr/')]], 'huge-b');
  const r = comparison(A, B, { verdict: 'metadata-only', headline: `Metadata only: ${n.toLocaleString('en-US')} files differ only in mtime`, causes: [] });
  const files: ComparisonReport['differences'] = new Array(n);
  for (let i = 0; i < n; i++) {
    const path = `usr/share/data/d${String(Math.floor(i / 1000)).padStart(3, '0')}/file-${String(i).padStart(6, '0')}.${i % 10 === 0 ? 'py' : 'txt'}`;
    files[i] = {
      id: `file:i0:L0-0:${path}:mtime`,
      subject: 'file',
      kind: 'changed',
      scope: { image: 'example.com/app:1', imageA: 0, imageB: 0, layerA: 0, layerB: 0, path },
      field: 'mtime',
      a: T,
      b: T + 147,
      facts: { delta: 147 },
    };
  }
  r.differences = [...r.differences.filter((d) => d.subject !== 'file' && d.subject !== 'merged'), ...files];
  r.causes = [
    {
      id: 'file.mtime',
      level: 'file',
      count: n,
      summary: `${n.toLocaleString('en-US')} files in layer #1 differ only in mtime; every B time is 2 min 27 s later`,
      evidence: [{ text: `${files[0].scope.path}: mtime 2023-11-14T22:13:20Z → 2023-11-14T22:15:47Z`, difference: files[0].id, where: 'layer #1' }],
      remedy: 'Set `SOURCE_DATE_EPOCH`.',
      differences: files.slice(0, 1000).map((d) => d.id),
      consequences: 0,
    },
  ];
  return r;
}
