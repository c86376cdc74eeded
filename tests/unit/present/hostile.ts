/**
 * Hostile strings (tar entry names are attacker-controlled) and reports that carry them
 * everywhere a presenter shows a string: paths, link targets, tags, created_by, integrity
 * subjects, error messages, difference values, evidence text, text hunks.
 */
import { fileRecord, imageReport, inputReport, inspectionReport, layerReport } from '../../builders/report';
import type { InspectionReport } from '../../../src/report/types';
import type { ComparisonReport, Cause, Difference } from '../../../src/compare/types';
import { NO_IGNORES } from '../../../src/compare/types';

export const HOSTILE = {
  script: '<script>alert(1)</script>',
  closeScript: 'x</script><script>alert(2)</script>',
  quotes: `a"b'c" onmouseover="alert(3)`,
  textarea: '</textarea><img src=x onerror=alert(4)>',
  cdata: 'end]]><![CDATA[x',
  comment: '<!-- comment',
  controls: 'red\x1b[31mX\x1b[0m\r\n\x07\x00tail',
  bidi: 'invoice\u202Egpj.exe',
  isolate: 'a\u2066b\u2069c\u200Bd\ufeff',
  pipes: 'a|b|c',
  backticks: 'x`y``z```w',
  emphasis: '**bold** _it_ ~~s~~ $x$',
  link: '[click](https://evil.example/) ![i](https://evil.example/i.png)',
  details: '</details></summary><details open>',
  listStart: '- item',
  unicode: 'ünïcødé/файл.txt',
  long: `${'d/'.repeat(3000)}end-of-a-very-long-name`,
};

export const HOSTILE_NAMES = Object.values(HOSTILE);

export function hostileInspection(): InspectionReport {
  const files = HOSTILE_NAMES.map((n, i) => fileRecord(`${n}${i}`, { linkname: i % 3 === 0 ? HOSTILE.script : undefined }));
  const layer = layerReport(0, files, { createdBy: `/bin/sh -c ${HOSTILE.closeScript}` });
  const img = imageReport([layer], {
    tags: [HOSTILE.script, HOSTILE.quotes],
    history: [{ created: HOSTILE.textarea, created_by: HOSTILE.controls }],
    platform: { os: HOSTILE.bidi, architecture: HOSTILE.pipes },
    created: HOSTILE.cdata,
  });
  const input = inputReport({
    name: HOSTILE.textarea,
    images: [img],
    error: `tar: ${HOSTILE.script}`,
    errors: [{ code: 'corrupt', component: HOSTILE.quotes, message: HOSTILE.closeScript, path: HOSTILE.details }],
  });
  input.integrity = {
    done: true,
    ok: false,
    checks: [{ kind: 'blob-digest', ok: false, subject: HOSTILE.details, expected: HOSTILE.backticks, actual: HOSTILE.link, message: HOSTILE.emphasis }],
  };
  return inspectionReport(input);
}

function difference(i: number, name: string): Difference {
  return {
    id: `file:img0:L0/L0:${name}:mtime`,
    subject: 'file',
    kind: 'changed',
    scope: { image: HOSTILE.script, layerA: 0, layerB: 0, path: name },
    field: 'mtime',
    a: 1_700_000_000,
    b: 1_700_086_400 + i,
  };
}

export function hostileComparison(): ComparisonReport {
  const a = hostileInspection().inputs[0];
  const b = { ...hostileInspection().inputs[0], name: HOSTILE.closeScript };
  const differences = HOSTILE_NAMES.map((n, i) => difference(i, n));
  differences.push({ id: 'config:created', subject: 'config', kind: 'changed', scope: {}, field: 'created', a: HOSTILE.script, b: HOSTILE.pipes });
  const causes: Cause[] = [
    {
      id: 'file.mtime',
      level: 'file',
      count: differences.length - 1,
      summary: `${HOSTILE.script} and ${HOSTILE.pipes} differ only in mtime`,
      evidence: HOSTILE_NAMES.map((n) => ({ text: `${n}: mtime differs`, where: `layer 1 · ${n}`, a: n, b: 1 })),
      remedy: `set SOURCE_DATE_EPOCH ${HOSTILE.emphasis}`,
      differences: differences.map((d) => d.id),
      consequences: 2,
    },
    {
      id: 'file.content',
      level: 'file',
      count: 1,
      summary: `${HOSTILE.details} content differs`,
      evidence: [
        {
          text: HOSTILE.closeScript,
          where: HOSTILE.textarea,
          detail: {
            kind: 'text-diff',
            truncated: false,
            hunks: [
              {
                aStart: 0,
                bStart: 0,
                lines: [
                  { op: ' ', text: '```' },
                  { op: '-', text: HOSTILE.script },
                  { op: '+', text: HOSTILE.closeScript },
                  { op: '+', text: '````' },
                  { op: '+', text: HOSTILE.controls },
                ],
              },
            ],
          },
        },
        { text: 'hex', detail: { kind: 'hex', offset: 16, a: '00 01 3c', b: HOSTILE.script, length: 3 } },
        { text: 'kind', detail: { kind: 'recognised', what: HOSTILE.pipes, detail: HOSTILE.bidi } },
      ],
      remedy: HOSTILE.link,
      differences: [],
      consequences: 0,
    },
  ];
  return {
    schemaVersion: 1,
    tool: { name: 'tarscope', version: '0.1.0' },
    kind: 'comparison',
    createdAt: '2024-03-01T10:00:00.000Z',
    inputs: [a, b],
    options: { ...NO_IGNORES, paths: [HOSTILE.script] },
    verdict: 'metadata-only',
    headline: `Metadata only: ${HOSTILE.script}`,
    causes,
    differences,
    pairing: { images: [{ a: 0, b: 0, label: HOSTILE.script, by: 'tag' }], layers: [] },
    identicalBytes: false,
    stats: {
      elapsedMs: 1234,
      bytesRead: 1 << 20,
      phase: 'final',
      layersScanned: 2,
      layersSkipped: 0,
      digestsVerified: true,
      verification: { state: 'done', blobs: 2, bytes: 1 << 20, bytesTotal: 1 << 20, rescanned: 0 },
    },
  };
}
