/**
 * Embedded timestamps (src/compare/evidence/embedded-times.ts, timestamp-only.ts), on files
 * the real writers make at two times: python3 py_compile (.pyc source mtime), python3 zipfile
 * and Info-ZIP `zip` (entry DOS times; `zip` adds the 0x5455 extended-timestamp extra field),
 * GNU gzip without -n (header MTIME). Then the classification of every candidate in a
 * comparison, its limits, and what explain() does with the marks.
 */
import { describe, expect, it } from 'vitest';
import {
  differsOnlyInTimes,
  embeddedTimeKind,
  gatherEvidence,
  markTimestampOnly,
  timeFields,
  type EvidenceSource,
  type ExtractWant,
} from '../../../../src/compare/evidence';
import { explain } from '../../../../src/compare/explain';
import { evidenceSource } from '../../../../src/engine/evidence-port';
import { inlineRunner } from '../../../../src/engine/inline';
import { NO_IGNORES, type Difference } from '../../../../src/compare/types';
import { toInput } from '../../../../src/engine/archive-read';
import { differenceErrors } from '../../../../src/compare/difference/validate';
import { buildOciArchive, layerTar } from '../../../builders/image';
import { gz, infozip, pyc, pyzip, T } from '../../../support/time-writers';
import { compareBytes, hooks } from './support';

describe('embedded times: which files, which bytes', () => {
  it('kinds by name', () => {
    expect(
      ['a/__pycache__/m.cpython-311.pyc', 'lib/x.jar', 'x.whl', 'a.zip', 'doc/changelog.Debian.gz', 'x.tgz', 'x.txt', 'x.py'].map(embeddedTimeKind),
    ).toEqual(['pyc-source-mtime', 'zip-entry-times', 'zip-entry-times', 'zip-entry-times', 'gzip-mtime', 'gzip-mtime', null, null]);
  });

  it('.pyc: only the source mtime (PEP 552 bytes 8–11); other code, or a hash-based pyc, is not', () => {
    const src = 'X = 1\n\ndef f():\n    return X\n';
    const a = pyc('p1', src, T);
    const b = pyc('p2', src, T + 1);
    expect(timeFields('pyc-source-mtime', a)).toEqual([[8, 12]]);
    expect(differsOnlyInTimes('pyc-source-mtime', a, b)).toBe(true);
    expect(differsOnlyInTimes('pyc-source-mtime', a, a)).toBe(false); // nothing differs: not "only a timestamp"
    // the same size of source, another constant: the code differs
    const c = pyc('p3', src.replace('X = 1', 'X = 2'), T + 1);
    expect(c.length).toBe(a.length);
    expect(differsOnlyInTimes('pyc-source-mtime', a, c)).toBe(false);
    // checked-hash: no time in the header at all
    const h = pyc('p4', src, T, 'CHECKED_HASH');
    expect(timeFields('pyc-source-mtime', h)).toBeNull();
  });

  it('zip (python3 zipfile): only the DOS times of the local and central headers; other data is not', () => {
    const a = pyzip('a.zip', T);
    const b = pyzip('b.zip', T + 86_400);
    // 3 entries: a local and a central time/date field each
    expect(timeFields('zip-entry-times', a)).toHaveLength(6);
    expect(differsOnlyInTimes('zip-entry-times', a, b)).toBe(true);
    const c = pyzip('c.zip', T + 86_400, '1.1');
    expect(c.length).toBe(a.length);
    expect(differsOnlyInTimes('zip-entry-times', a, c)).toBe(false);
  });

  it('zip (Info-ZIP, extended-timestamp extra fields): the times in the extras too', () => {
    const a = infozip('x1.zip', T);
    const b = infozip('x2.zip', T + 3600);
    const fields = timeFields('zip-entry-times', a)!;
    // DOS time/date ×2 per entry plus the UT extra field's times, local and central, ×2 entries
    expect(fields.length).toBe(8);
    expect(differsOnlyInTimes('zip-entry-times', a, b)).toBe(true);
  });

  it('gzip: only the MTIME of the header (RFC 1952 bytes 4–7); another name or data is not', () => {
    const text = 'app (1.0) stable\n'.repeat(10);
    const a = gz('a.gz', text, T);
    const b = gz('b.gz', text, T + 3600);
    expect(timeFields('gzip-mtime', a)).toEqual([[4, 8]]);
    expect(differsOnlyInTimes('gzip-mtime', a, b)).toBe(true);
    expect(differsOnlyInTimes('gzip-mtime', a, gz('c.gz', text.replace('1.0', '1.1'), T + 3600))).toBe(false);
    expect(differsOnlyInTimes('gzip-mtime', a, gz('n.gz', text, T, '-n'))).toBe(false); // -n: no name, another size
    expect(timeFields('gzip-mtime', new TextEncoder().encode('not gzip'))).toBeNull();
  });
});

describe('the classification of every candidate in a comparison', () => {
  const src = 'X = 1\n';
  const layer = (t: number) =>
    layerTar([
      { name: 'app/', typeflag: '5' },
      ...[0, 1, 2].map((i) => ({ name: `app/__pycache__/m${i}.pyc`, data: pyc(`q${t}-${i}`, src.repeat(i + 1), t) })),
      { name: 'app/x.jar', data: pyzip(`x${t}.jar`, t) },
      { name: 'app/changelog.gz', data: gz(`g${t}.gz`, 'log\n'.repeat(30), t) },
      { name: 'app/notes.txt', data: `built at ${t}\n` },
    ]);

  async function compared(limits?: { files?: number }, opts: { fast?: boolean; port?: (s: EvidenceSource) => EvidenceSource; maxFiles?: number } = {}) {
    const a = buildOciArchive([{ tags: ['t:1'], layers: [layer(T)] }], hooks).tar;
    const b = buildOciArchive([{ tags: ['t:1'], layers: [layer(T + 60)] }], hooks).tar;
    const runner = inlineRunner();
    const { diff, reads } = await compareBytes(a, b, runner, opts.fast);
    const source = evidenceSource(reads, runner);
    const details = await gatherEvidence(diff, opts.port ? opts.port(source) : source, undefined, { timestampLimits: limits, maxFiles: opts.maxFiles });
    const marked = markTimestampOnly(diff, details.timestampOnly);
    const why = (timestamps: boolean) => explain(marked, toInput(reads[0], 0), toInput(reads[1], 0), { ...NO_IGNORES, timestamps });
    return { diff, marked, details, why };
  }
  const contentOf = (differences: Difference[]) =>
    differences.flatMap((d) => (d.subject === 'file' && d.field === 'content' ? [{ path: d.scope.path, only: d.facts?.timestampOnly ?? null }] : []));

  /** Every candidate of `layer` marked, the text file not. */
  const ALL_MARKED = [
    { path: 'app/__pycache__/m0.pyc', only: 'pyc-source-mtime' },
    { path: 'app/__pycache__/m1.pyc', only: 'pyc-source-mtime' },
    { path: 'app/__pycache__/m2.pyc', only: 'pyc-source-mtime' },
    { path: 'app/x.jar', only: 'zip-entry-times' },
    { path: 'app/changelog.gz', only: 'gzip-mtime' },
    { path: 'app/notes.txt', only: null },
  ];
  /** A port without the scan's fingerprints: every candidate is read. */
  const hide = (src: EvidenceSource): EvidenceSource => ({ ...src, timesMasked: () => undefined });

  it('every .pyc, jar and .gz is read and marked; explain() ignores them under `timestamps` only', async () => {
    const { diff, marked, details, why } = await compared(undefined, { port: hide });
    expect(details.embeddedTimestamps).toEqual({ candidates: 5, classified: 5, timestampOnly: 5, notClassified: 0 });
    expect(contentOf(marked.differences)).toEqual(ALL_MARKED);
    for (const d of marked.differences) expect(differenceErrors(d)).toEqual([]);
    // the differences not marked are the differ's own objects
    expect(marked.differences.filter((d, i) => d !== diff.differences[i]).length).toBe(5);
    const full = why(false).causes.find((c) => c.id === 'file.content')!;
    expect(full.count).toBe(6);
    // with timestamps ignored only the text file remains
    const left = why(true).causes.find((c) => c.id === 'file.content')!;
    expect(left.count).toBe(1);
    expect(left.differences).toEqual([diff.differences.find((d) => d.scope.path === 'app/notes.txt' && d.field === 'content')!.id]);
  });

  it('over the limit: the rest is counted with the reason, not marked, and stays a content difference', async () => {
    const { marked, details, why } = await compared({ files: 2 }, { port: hide });
    expect(details.embeddedTimestamps).toEqual({
      candidates: 5,
      classified: 2,
      timestampOnly: 2,
      notClassified: 3,
      why: ['over the limit of 2 files or 256 MiB read in one comparison'],
    });
    expect(contentOf(marked.differences).filter((c) => c.only).length).toBe(2);
    expect(why(true).causes.find((c) => c.id === 'file.content')!.count).toBe(4);
    // the limits are on reading: what the fingerprints decide is not counted against them
    const scanned = await compared({ files: 0 });
    expect(scanned.details.embeddedTimestamps).toEqual({
      candidates: 5,
      classified: 4,
      timestampOnly: 4,
      notClassified: 1,
      fromScan: 4,
      why: ['over the limit of 0 files or 256 MiB read in one comparison'],
    });
    expect(contentOf(scanned.marked.differences).find((c) => c.path === 'app/x.jar')!.only).toBeNull();
  });

  it("a comparison's own scan: the .pyc and .gz are decided from its fingerprints, only the jar is read; the same marks", async () => {
    const wanted: string[] = [];
    const watch = (src: EvidenceSource): EvidenceSource => ({
      ...src,
      extract: (p, wants: ExtractWant[], signal) => {
        wanted.push(...wants.map((w) => w.path));
        return src.extract(p, wants, signal);
      },
    });
    // no file details (maxFiles 0): what is read is the timestamp pass's
    const { marked, details, why } = await compared(undefined, { fast: true, port: watch, maxFiles: 0 });
    expect(details.embeddedTimestamps).toEqual({ candidates: 5, classified: 5, timestampOnly: 5, notClassified: 0, fromScan: 4 });
    expect(contentOf(marked.differences)).toEqual(ALL_MARKED);
    expect(wanted).toEqual(['app/x.jar', 'app/x.jar']);
    expect(why(true).causes.find((c) => c.id === 'file.content')!.count).toBe(1);
    // without the fingerprints (a port that hides them) the same scan reads and marks the same
    const hidden = await compared(undefined, { fast: true, port: hide });
    expect(hidden.details.embeddedTimestamps).toEqual({ candidates: 5, classified: 5, timestampOnly: 5, notClassified: 0 });
    expect(contentOf(hidden.marked.differences)).toEqual(contentOf(marked.differences));
  });

  it('fingerprints of other code: classified from the scan, not marked', async () => {
    const code = (t: number, v: string) =>
      layerTar([
        { name: 'm.pyc', data: pyc(`c${t}${v}`, `X = ${v}\n`, t) },
        { name: 'h.pyc', data: pyc(`h${t}${v}`, `X = ${v}\n`, t, 'CHECKED_HASH') },
        { name: 'c.gz', data: gz(`cg${t}${v}`, `version ${v}\n`.repeat(20), t) },
      ]);
    const a = buildOciArchive([{ tags: ['t:1'], layers: [code(T, '1')] }], hooks).tar;
    const b = buildOciArchive([{ tags: ['t:1'], layers: [code(T + 60, '2')] }], hooks).tar;
    const runner = inlineRunner();
    const { diff, reads } = await compareBytes(a, b, runner, true);
    const details = await gatherEvidence(diff, evidenceSource(reads, runner));
    expect(details.embeddedTimestamps).toEqual({ candidates: 3, classified: 3, timestampOnly: 0, notClassified: 0, fromScan: 3 });
    expect(details.timestampOnly.size).toBe(0);
    // a hash-based pyc is fingerprinted as "none"
    const rec = [...reads[0].blobs.values()].find((x) => x.layer?.files.length)!.layer!.files.find((f) => f.path === 'h.pyc')!;
    expect(rec.timesMasked).toBe('none');
  });
});
