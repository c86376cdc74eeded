/**
 * A report shaped like the realistic debootstrap pair (two debootstrap roots built minutes
 * apart): ~900 files differing only in mtime, and ~30 text files (dpkg and apt logs, caches)
 * whose line diffs run to hundreds of lines in several hunks, each example carrying a line
 * diff and a recognised kind (the evidence pass repeats the example per detail, as
 * src/compare/evidence/attach.ts does). The differences come from the real differ, the causes
 * from the real explainer, the details from the real attach step. Browser-safe (no Node APIs).
 */
import { attachEvidence } from '../../src/compare/evidence/attach';
import type { ComparisonReport, ContentEvidence } from '../../src/compare/types';
import { explainedComparison } from './comparison';
import { fakeDigest, fakeHex, fileRecord, imageReport, inputReport, layerReport } from './report';

const T = 1_700_000_000;

export interface LongEvidenceShape {
  /** Files that differ only in mtime. */
  mtimes?: number;
  /** Text files whose content differs (each with a long line diff). */
  texts?: number;
  /** Lines per hunk of each line diff, and hunks per diff. */
  hunkLines?: number;
  hunks?: number;
}

function textPath(i: number): string {
  return i % 3 === 0 ? `var/log/dpkg-${i}.log` : i % 3 === 1 ? `var/log/apt/history-${i}.log` : `var/cache/debconf/templates-${i}.dat`;
}

/** One long line diff: `hunks` hunks of `hunkLines` lines, most of them changed (timestamps in a log). */
export function longTextDiff(path: string, hunks: number, hunkLines: number): ContentEvidence {
  return {
    kind: 'text-diff',
    truncated: false,
    hunks: Array.from({ length: hunks }, (_, h) => ({
      aStart: 1 + h * hunkLines * 3,
      bStart: 1 + h * hunkLines * 3,
      lines: Array.from({ length: hunkLines }, (_, i) => {
        const n = h * hunkLines + i;
        const op = i % 5 === 0 ? ' ' : i % 2 ? '-' : '+';
        return {
          op,
          text: `2024-03-01 10:0${op === '+' ? 2 : 0}:${String(n % 60).padStart(2, '0')} status installed ${path.split('/').pop()}-package-${n}:amd64 1.${n}`,
        } as const;
      }),
    })),
  };
}

export function longEvidenceComparison(shape: LongEvidenceShape = {}): ComparisonReport {
  const { mtimes = 900, texts = 30, hunkLines = 120, hunks = 3 } = shape;
  const stable = Array.from({ length: mtimes }, (_, i) => `usr/share/doc/pkg-${i}/copyright`);
  const changed = Array.from({ length: texts }, (_, i) => textPath(i));
  const files = (side: 'a' | 'b') => [
    ...stable.map((p) => fileRecord(p, { mtime: side === 'a' ? T : T + 147 })),
    ...changed.map((p) => fileRecord(p, { size: 40_000, mtime: T, ...(side === 'b' ? { sha256: fakeHex(`b:${p}`), size: 41_000 } : {}) })),
  ];
  const input = (side: 'a' | 'b') => {
    const layer = layerReport(0, files(side), {
      digest: fakeDigest(`rootfs-${side}`),
      diffId: fakeDigest(`rootfs-diff-${side}`),
      computed: { blobSha256: fakeDigest(`rootfs-${side}`), diffId: fakeDigest(`rootfs-diff-${side}`) },
    });
    const img = imageReport([layer], {
      tags: ['debootstrap:bookworm'],
      manifest: { digest: fakeDigest(`manifest-${side}`), mediaType: 'application/vnd.oci.image.manifest.v1+json', size: 500 },
      config: { digest: fakeDigest(`config-${side}`), mediaType: 'application/vnd.oci.image.config.v1+json', json: {} },
    });
    return inputReport({ name: `debootstrap-${side}.tar`, size: 180_000_000, images: [img] });
  };
  const r = explainedComparison(input('a'), input('b'));
  const details = new Map<string, ContentEvidence[]>();
  for (const d of r.differences) {
    if (d.subject !== 'file' || !d.scope.path || !changed.includes(d.scope.path) || d.follows) continue;
    details.set(d.id, [longTextDiff(d.scope.path, hunks, hunkLines), { kind: 'recognised', what: 'dpkg log', detail: 'timestamps of each install step' }]);
  }
  r.causes = attachEvidence(r.causes, details);
  return r;
}
