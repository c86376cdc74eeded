import { describe, expect, it } from 'vitest';
import { layerChangeMarks, layerChanges } from '../../../src/image/layer-changes';
import type { FileRecord } from '../../../src/report/types';

function rec(path: string, size = 0, type: FileRecord['type'] = 'file', extra: Partial<FileRecord> = {}): FileRecord {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const r: FileRecord = {
    path,
    rawName: path,
    type,
    typeflag: type === 'dir' ? '5' : '0',
    size,
    mode: 0o644,
    uid: 0,
    gid: 0,
    uname: '',
    gname: '',
    mtime: 0,
    format: 'ustar',
    offset: 0,
    index: 0,
    ...extra,
  };
  if (base === '.wh..wh..opq') r.whiteout = 'opaque';
  else if (base.startsWith('.wh.')) r.whiteout = 'file';
  return r;
}

describe('layerChanges', () => {
  it('added, modified (content, mode), unchanged (a parent listed again), deleted (whiteout of a directory: every path under it)', () => {
    const layers = [
      [rec('etc', 0, 'dir'), rec('etc/a', 10, 'file', { sha256: '1' }), rec('etc/b', 5, 'file', { sha256: '2' }), rec('etc/d', 0, 'dir'), rec('etc/d/x', 3)],
      [rec('etc', 0, 'dir'), rec('etc/a', 10, 'file', { sha256: '9' }), rec('etc/b', 5, 'file', { sha256: '2', mode: 0o755 }), rec('etc/c', 7)],
      [rec('etc', 0, 'dir'), rec('etc/.wh.d'), rec('etc/.wh.nothing')],
    ];
    const c = layerChanges(layers);
    expect(c[0]).toEqual({
      added: { count: 5, bytes: 18 },
      modified: { count: 0, bytes: 0 },
      unchanged: { count: 0, bytes: 0 },
      deleted: { count: 0, bytes: 0 },
    });
    expect(c[1]).toEqual({
      added: { count: 1, bytes: 7 },
      modified: { count: 2, bytes: 15 },
      unchanged: { count: 1, bytes: 0 },
      deleted: { count: 0, bytes: 0 },
    });
    expect(c[2]).toEqual({
      added: { count: 0, bytes: 0 },
      modified: { count: 0, bytes: 0 },
      unchanged: { count: 1, bytes: 0 },
      deleted: { count: 2, bytes: 3 },
    });
    const marks = layerChangeMarks(layers);
    expect(marks[2].get('etc/d')?.kind).toBe('deleted');
    expect(marks[2].get('etc/d/x')).toEqual({ kind: 'deleted', bytes: 3 });
    expect(marks[1].get('etc/a')?.kind).toBe('modified');
  });

  it("an opaque directory deletes what is below it and keeps the same layer's entries; a file replacing a directory deletes its contents", () => {
    const layers = [
      [rec('d', 0, 'dir'), rec('d/x', 4), rec('e', 0, 'dir'), rec('e/y', 6)],
      [rec('d', 0, 'dir'), rec('d/.wh..wh..opq'), rec('d/z', 1), rec('e', 2)],
    ];
    const c = layerChanges(layers);
    expect(c[1].deleted).toEqual({ count: 2, bytes: 10 });
    expect(c[1].added).toEqual({ count: 1, bytes: 1 });
    expect(c[1].modified).toEqual({ count: 1, bytes: 2 });
    expect(c[1].unchanged).toEqual({ count: 1, bytes: 0 });
  });
});
