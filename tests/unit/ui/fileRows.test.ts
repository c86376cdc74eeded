import { describe, it, expect } from 'vitest';
import { layerFates, layerRows, mergedRows, plainRows, sortRows, whiteoutTarget } from '../../../src/ui/fileRows';
import { fileRecord, layerReport, threeLayerImage, plainTar } from '../../builders/report';

describe('whiteouts', () => {
  it('names the path a whiteout deletes and the directory an opaque marker hides', () => {
    expect(whiteoutTarget(fileRecord('usr/bin/.wh.old'))).toEqual({ kind: 'file', path: 'usr/bin/old' });
    expect(whiteoutTarget(fileRecord('.wh.top'))).toEqual({ kind: 'file', path: 'top' });
    expect(whiteoutTarget(fileRecord('etc/app/.wh..wh..opq'))).toEqual({ kind: 'opaque', path: 'etc/app' });
    expect(whiteoutTarget(fileRecord('etc/app/conf'))).toBeNull();
  });
});

describe('layerFates', () => {
  const layers = threeLayerImage().inputs[0].images[0].layers;
  const fateOf = (at: number, path: string) => {
    const i = layers[at].files.findIndex((f) => f.path === path);
    expect(i).toBeGreaterThanOrEqual(0);
    return layerFates(layers, at)[i];
  };
  it('reports the first later layer that overwrites a path', () => {
    expect(fateOf(0, 'etc/os-release')).toEqual({ kind: 'overwritten', by: 1 });
    expect(fateOf(0, 'etc')).toEqual({ kind: 'overwritten', by: 1 });
  });
  it('reports file whiteouts and opaque directories as deletions', () => {
    expect(fateOf(0, 'usr/bin/old')).toEqual({ kind: 'deleted', by: 1 });
    expect(fateOf(0, 'etc/app/old.conf')).toEqual({ kind: 'deleted', by: 2 });
  });
  it('leaves the opaque directory itself and untouched files alone', () => {
    expect(fateOf(0, 'usr/bin/sh')).toBeNull();
    expect(fateOf(1, 'app/main.py')).toBeNull();
    expect(fateOf(2, 'etc/app/new.conf')).toBeNull();
  });
  it('a whiteout of a directory deletes everything below it; a file over a directory replaces it', () => {
    const ls = [
      layerReport(0, [fileRecord('opt/'), fileRecord('opt/a/'), fileRecord('opt/a/b.txt'), fileRecord('srv/'), fileRecord('srv/x')]),
      layerReport(1, [fileRecord('.wh.opt'), fileRecord('srv', { type: 'symlink', linkname: '/data' })]),
    ];
    expect(layerFates(ls, 0)).toEqual([
      { kind: 'deleted', by: 1 },
      { kind: 'deleted', by: 1 },
      { kind: 'deleted', by: 1 },
      { kind: 'overwritten', by: 1 },
      { kind: 'overwritten', by: 1 },
    ]);
  });
  it('an opaque marker at the root hides every lower entry', () => {
    const ls = [layerReport(0, [fileRecord('a'), fileRecord('b/c')]), layerReport(1, [fileRecord('.wh..wh..opq')])];
    expect(layerFates(ls, 0)).toEqual([
      { kind: 'deleted', by: 1 },
      { kind: 'deleted', by: 1 },
    ]);
  });
});

describe('rows', () => {
  const image = threeLayerImage().inputs[0].images[0];
  it('layer rows carry notes about what later layers do, and whiteouts say what they delete', () => {
    const rows = layerRows(image.layers, 0);
    expect(rows.find((r) => r.path === 'usr/bin/old')).toMatchObject({ state: 'deleted', note: 'deleted by #2', owner: 'root:root', layer: 0 });
    expect(rows.find((r) => r.path === 'etc/os-release')).toMatchObject({ state: 'overwritten', note: 'overwritten by #2' });
    const l1 = layerRows(image.layers, 1);
    expect(l1.find((r) => r.path === 'usr/bin/.wh.old')).toMatchObject({ state: 'whiteout', note: 'whiteout: deletes usr/bin/old' });
    expect(l1.find((r) => r.path === 'app/main.py')).toMatchObject({ owner: 'app:app' });
    const l2 = layerRows(image.layers, 2);
    expect(l2.find((r) => r.path === 'etc/app/.wh..wh..opq')!.note).toBe('opaque: hides lower entries in etc/app');
  });
  it('merged rows say which layer each file comes from and what it overwrites; deleted paths on request', () => {
    const rows = mergedRows(image.merged!, false);
    expect(rows.find((r) => r.path === 'etc/os-release')).toMatchObject({ layer: 1, note: 'overwrites #1' });
    expect(rows.some((r) => r.path === 'usr/bin/old')).toBe(false);
    const withDeleted = mergedRows(image.merged!, true);
    expect(withDeleted.find((r) => r.path === 'usr/bin/old')).toMatchObject({ state: 'deleted', layer: 0, note: 'deleted by #2' });
    expect(withDeleted.find((r) => r.path === 'etc/app/old.conf')).toMatchObject({ state: 'deleted', note: 'deleted by #3' });
  });
  it('plain rows have no layer; sorting by path and by size', () => {
    const rows = plainRows(plainTar().inputs[0].files!);
    expect(rows.map((r) => r.layer)).toEqual([null, null, null]);
    expect(sortRows(rows, 'size').map((r) => r.path)).toEqual(['docs/readme.md', 'docs/run.sh', 'docs']);
    expect(sortRows([...rows].reverse(), 'path').map((r) => r.path)).toEqual(['docs', 'docs/readme.md', 'docs/run.sh']);
    expect(sortRows(rows, 'archive')).toBe(rows);
  });
});
