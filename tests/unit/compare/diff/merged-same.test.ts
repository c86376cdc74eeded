/**
 * Same files, other representation (issue 11, point 3): the merged-equality rule
 * (`pairing.mergedSame`, diff/merged.ts), hard links compared as the file they name
 * (diff/hardlinks.ts), regular kinds (sparse, contiguous) as one type (diff/records.ts), and
 * what the explainer makes of them (layer.layering, file.tar-format, the headline).
 */
import { describe, expect, it } from 'vitest';
import { buildOciArchive, layerTar } from '../../../builders/image';
import type { BuildEntry } from '../../../builders/tar';
import { nodeHooks } from '../../../support/hooks';
import { explain } from '../../../../src/compare/explain';
import { NO_IGNORES, type DiffResult } from '../../../../src/compare/types';
import type { InputReport } from '../../../../src/report/types';
import { diff, get, inspect, rootKinds } from './helpers';

const T = 1_700_000_000;
const dir = (name: string, mode = 0o755): BuildEntry => ({ name, typeflag: '5', mode, mtime: T });
const file = (name: string, data: string, over: Partial<BuildEntry> = {}): BuildEntry => ({ name, data, mode: 0o644, mtime: T, ...over });

async function image(layers: BuildEntry[][]): Promise<InputReport> {
  const tars = layers.map((l) => layerTar(l));
  return inspect(buildOciArchive([{ tags: ['v1'], layers: tars, history: [] }], nodeHooks).tar);
}

function explained(r: DiffResult, a: InputReport, b: InputReport) {
  const ex = explain(r, a, b, NO_IGNORES);
  return { verdict: ex.verdict, causes: ex.causes.map((c) => c.id).sort(), headline: ex.headline };
}

const base = [dir('etc/'), file('etc/os-release', 'ID=x\n'), file('etc/keep', 'keep\n')];
const app = [dir('app/'), file('app/a.txt', 'a\n'), file('app/b.txt', 'b\n')];

describe('the merged-equality rule (pairing.mergedSame)', () => {
  it('three layers vs the same tree squashed into one: merged the same, layer.layering, metadata-only', async () => {
    const A = await image([base, app, [dir('etc/'), file('etc/.wh.os-release', '')]]);
    const B = await image([[dir('app/'), file('app/a.txt', 'a\n'), file('app/b.txt', 'b\n'), dir('etc/'), file('etc/keep', 'keep\n')]]);
    const r = diff(A, B);
    expect(r.pairing.mergedSame).toEqual([0]);
    expect(r.differences.filter((d) => d.subject === 'merged')).toEqual([]);
    const ex = explained(r, A, B);
    expect(ex).toMatchObject({ verdict: 'metadata-only', causes: ['layer.layering'] });
    expect(ex.headline).toMatch(/^Metadata only: the merged filesystem is the same; /);
  });

  it('an opaque directory vs per-file whiteouts with the same result: layer.layering, not file.whiteout', async () => {
    const A = await image([base, [dir('etc/'), file('etc/.wh..wh..opq', ''), file('etc/new', 'n\n')]]);
    const B = await image([base, [dir('etc/'), file('etc/.wh.os-release', ''), file('etc/.wh.keep', ''), file('etc/new', 'n\n')]]);
    const r = diff(A, B);
    expect(r.pairing.mergedSame).toEqual([0]);
    expect(rootKinds(r)).toEqual(['file:added', 'file:removed']);
    expect(explained(r, A, B)).toMatchObject({ verdict: 'metadata-only', causes: ['layer.layering'] });
  });

  it('an opaque directory that hides more than the whiteouts do: not the same, file.whiteout', async () => {
    const A = await image([base, [dir('etc/'), file('etc/.wh..wh..opq', '')]]);
    const B = await image([base, [dir('etc/'), file('etc/.wh.os-release', '')]]);
    const r = diff(A, B);
    expect(r.pairing.mergedSame).toBeUndefined();
    expect(explained(r, A, B)).toMatchObject({ verdict: 'content-differs', causes: ['file.whiteout'] });
  });

  it('other bytes in a lower layer that a later layer replaces: layering, not file.content', async () => {
    const A = await image([base, [file('etc/keep', 'secret\n')], [file('etc/keep', 'final\n')]]);
    const B = await image([base, [file('etc/keep', 'other\n')], [file('etc/keep', 'final\n')]]);
    const r = diff(A, B);
    expect(r.pairing.mergedSame).toEqual([0]);
    expect(rootKinds(r)).toEqual(['file:content']);
    const ex = explained(r, A, B);
    expect(ex).toMatchObject({ verdict: 'metadata-only', causes: ['layer.layering'] });
  });

  it('a content difference that reaches the merged filesystem: not the same, no layering', async () => {
    const A = await image([base, app]);
    const B = await image([base, [...app.slice(0, 2), file('app/b.txt', 'B\n')]]);
    const r = diff(A, B);
    expect(r.pairing.mergedSame).toBeUndefined();
    expect(explained(r, A, B)).toMatchObject({ verdict: 'content-differs', causes: ['file.content'] });
  });

  it('only an xattr differs: no merged difference, but not the same (a container sees xattrs)', async () => {
    const A = await image([base, app]);
    const B = await image([base, [...app.slice(0, 2), file('app/b.txt', 'b\n', { pax: { 'SCHILY.xattr.user.k': 'v' } })]]);
    const r = diff(A, B);
    expect(r.differences.filter((d) => d.subject === 'merged')).toEqual([]);
    expect(r.pairing.mergedSame).toBeUndefined();
    const ex = explained(r, A, B);
    expect(ex.causes).toEqual(['file.xattrs']);
    expect(ex.headline).not.toMatch(/merged filesystem/);
  });

  it('metadata differences in the layers of equal merged filesystems keep their causes; the headline says the merged filesystem is the same', async () => {
    const A = await image([base, app]);
    const B = await image([base, [...app].reverse()]);
    const r = diff(A, B);
    expect(r.pairing.mergedSame).toEqual([0]);
    const ex = explained(r, A, B);
    expect(ex).toMatchObject({ verdict: 'metadata-only', causes: ['file.order'] });
    expect(ex.headline).toMatch(/the merged filesystem is the same/);
  });

  it('identical layers: mergedSame, and the headline needs no note (no layer or file cause)', async () => {
    const A = await image([base, app]);
    const r = diff(A, A);
    expect(r.pairing.mergedSame).toEqual([0]);
    expect(explained(r, A, A).headline).not.toMatch(/merged filesystem/);
  });
});

describe('other representations of the same file', () => {
  const motd = 'Welcome\n';
  it('a hard link vs a copy of the same bytes: one type difference (tarFormat), file.tar-format; merged the same', async () => {
    const A = await image([base, [dir('data/'), file('data/motd', motd), file('etc/motd', motd)]]);
    const B = await image([base, [dir('data/'), file('data/motd', motd), { name: 'etc/motd', typeflag: '1', linkname: 'data/motd', mode: 0o644, mtime: T }]]);
    const r = diff(A, B);
    const t = get(r, 'file:i0:L1-1:etc/motd:type', 'file');
    expect(t).toMatchObject({ a: 'file', b: 'hardlink', facts: { tarFormat: true, linknameB: 'data/motd' } });
    expect(rootKinds(r)).toEqual(['file:type']);
    expect(r.pairing.mergedSame).toEqual([0]);
    const ex = explained(r, A, B);
    expect(ex).toMatchObject({ verdict: 'metadata-only', causes: ['file.tar-format'] });
    expect(ex.headline).toMatch(/the merged filesystem is the same/);
  });

  it('a hard link to other bytes than the copy: the content difference stays', async () => {
    const A = await image([base, [dir('data/'), file('data/motd', motd), file('etc/motd', 'Other\n')]]);
    const B = await image([base, [dir('data/'), file('data/motd', motd), { name: 'etc/motd', typeflag: '1', linkname: 'data/motd', mode: 0o644, mtime: T }]]);
    const r = diff(A, B);
    expect(rootKinds(r)).toEqual(['file:content', 'file:type']);
    expect(r.pairing.mergedSame).toBeUndefined();
    expect(explained(r, A, B)).toMatchObject({ verdict: 'content-differs', causes: ['file.content', 'file.tar-format'] });
  });

  it('a contiguous file (typeflag 7) vs a plain one with the same bytes: a tarFormat type difference only', async () => {
    const A = await image([base, [file('etc/big', 'bytes\n')]]);
    const B = await image([base, [file('etc/big', 'bytes\n', { typeflag: '7' })]]);
    const r = diff(A, B);
    expect(get(r, 'file:i0:L1-1:etc/big:type', 'file')).toMatchObject({ a: 'file', b: 'contiguous', facts: { tarFormat: true } });
    expect(rootKinds(r)).toEqual(['file:type']);
    expect(r.pairing.mergedSame).toEqual([0]);
    expect(explained(r, A, B)).toMatchObject({ verdict: 'metadata-only', causes: ['file.tar-format'] });
  });
});
