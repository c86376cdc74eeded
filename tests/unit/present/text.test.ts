import { describe, expect, it } from 'vitest';
import { presentText } from '../../../src/present/text';
import { comparisonMarkdown } from '../../../src/present/markdown';
import { threeLayerImage, integrityFailure, errorMidArchive } from '../../builders/report';
import { hostileComparison, hostileInspection } from './hostile';

const SGR = /\x1b\[\d+m/g;

describe.each([
  ['hostile comparison', hostileComparison()],
  ['hostile inspection', hostileInspection()],
  ['three layers', threeLayerImage()],
  ['integrity failure', integrityFailure()],
  ['error mid-archive', errorMidArchive()],
] as const)('text: %s', (_, report) => {
  it('without colour: no escape or control character but newlines', () => {
    const out = presentText(report);
    expect(out.match(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\ufeff]/)).toBeNull();
  });

  it('with colour: the only escapes are our own SGR sequences', () => {
    const out = presentText(report, { color: true });
    expect(out).toMatch(SGR);
    expect(out.replace(SGR, '').match(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/)).toBeNull();
  });
});

describe('text: content', () => {
  it('shows a hostile ESC sequence as text, not as a colour change', () => {
    const out = presentText(hostileComparison(), { color: true });
    expect(out).toContain('red\\x1b[31mX\\x1b[0m\\r\\n\\x07\\0tail');
  });

  it('comparison: result word, verdict, causes with counts, evidence, remedy', () => {
    const out = presentText(hostileComparison());
    expect(out).toContain('DIFFERENT  metadata-only — Metadata only: <script>alert(1)</script>');
    expect(out).toMatch(/ 1\. file\.mtime \(file\) — 17 differences, 2 consequences/);
    expect(out).toContain('remedy set SOURCE_DATE_EPOCH');
    expect(out).toContain('ignoring paths <script>alert(1)</script>');
  });

  it('comparison: says how many .pyc/zip/.gz files differ only in an embedded timestamp and how many were not read (text and Markdown)', () => {
    const r = hostileComparison();
    const stamped = {
      ...r,
      stats: { ...r.stats, embeddedTimestamps: { candidates: 7, classified: 5, timestampOnly: 4, notClassified: 2, why: ['larger than 4 MiB'] } },
    };
    const line =
      '4 .pyc/zip/.gz files differ only in an embedded timestamp; 2 .pyc/zip/.gz files not read for embedded timestamps (larger than 4 MiB): they count as content differences';
    expect(presentText(stamped)).toContain(line);
    expect(comparisonMarkdown(stamped)).toContain(`_${line}._`);
    // nothing marked, nothing left out: no line
    const none = { ...r, stats: { ...r.stats, embeddedTimestamps: { candidates: 1, classified: 1, timestampOnly: 0, notClassified: 0 } } };
    expect(presentText(none)).not.toContain('embedded timestamp');
  });

  it('inspection: layers table and integrity line', () => {
    const out = presentText(integrityFailure());
    expect(out).toMatch(/integrity ✗ \d+ of \d+ checks failed/);
    expect(out).toContain('integrity failures: see above');
  });
});
