import { describe, expect, it } from 'vitest';
import { mergeLayers } from '../../../src/image';
import type { EntryType } from '../../../src/formats/tar/types';
import type { FileRecord } from '../../../src/report/types';
import { layerTar } from '../../builders/image';
import { layerRecords } from '../../support/listing';

function rec(path: string, size = 0, type: EntryType = path.endsWith('/') ? 'dir' : 'file', extra: Partial<FileRecord> = {}): FileRecord {
  const p = path.replace(/\/$/, '');
  const base = p.slice(p.lastIndexOf('/') + 1);
  const r: FileRecord = {
    path: p,
    rawName: path,
    type,
    typeflag: type === 'dir' ? '5' : type === 'symlink' ? '2' : '0',
    size: type === 'file' ? size : 0,
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
  else if (base.startsWith('.wh.') && !base.startsWith('.wh..wh.')) r.whiteout = 'file';
  return r;
}

const visible = (m: ReturnType<typeof mergeLayers>) => m.files.map((f) => `${f.path}@${f.layer}${f.overwrites ? `<${f.overwrites.join(',')}` : ''}`);

describe('mergeLayers', () => {
  it('overwrite chains: the top version is visible, lower ones are wasted', () => {
    const m = mergeLayers([[rec('a', 10)], [rec('a', 20)], [rec('a', 30), rec('b', 1)]]);
    expect(visible(m)).toEqual(['a@2<0,1', 'b@2']);
    expect(m.wastedBytes).toBe(30);
    expect(m.totalBytes).toBe(61);
    expect(m.deleted).toEqual([]);
  });

  it('.wh.<name> removes a file from lower layers; the whiteout itself is not shown', () => {
    const m = mergeLayers([[rec('etc/'), rec('etc/x', 5), rec('etc/y', 3)], [rec('etc/.wh.x')]]);
    expect(visible(m)).toEqual(['etc@0', 'etc/y@0']);
    expect(m.deleted).toEqual([{ path: 'etc/x', layer: 0, size: 5, byLayer: 1 }]);
    expect(m.wastedBytes).toBe(5);
  });

  it('.wh.<dir> removes the directory and all its children', () => {
    const m = mergeLayers([[rec('d/'), rec('d/a', 1), rec('d/sub/'), rec('d/sub/b', 2), rec('dx', 4)], [rec('.wh.d')]]);
    expect(visible(m)).toEqual(['dx@0']); // "dx" shares the prefix "d" but is not under d/
    expect(m.deleted.map((d) => d.path).sort()).toEqual(['d', 'd/a', 'd/sub', 'd/sub/b']);
    expect(m.wastedBytes).toBe(3);
  });

  it('removes children of directories that have no entry of their own', () => {
    const m = mergeLayers([[rec('a/b/c', 1), rec('a/b/d', 2)], [rec('a/.wh.b')]]);
    expect(visible(m)).toEqual([]);
    expect(m.deleted.map((d) => d.path).sort()).toEqual(['a/b/c', 'a/b/d']);
  });

  it('opaque directory hides lower children, keeps same-layer entries whatever their order', () => {
    const m = mergeLayers([
      [rec('d/'), rec('d/a', 1), rec('d/b/'), rec('d/b/x', 2), rec('e', 8)],
      [rec('d/c', 4), rec('d/'), rec('d/.wh..wh..opq')],
    ]);
    expect(visible(m)).toEqual(['d@1<0', 'd/c@1', 'e@0']);
    expect(m.deleted.map((d) => [d.path, d.byLayer]).sort()).toEqual([
      ['d/a', 1],
      ['d/b', 1],
      ['d/b/x', 1],
    ]);
    expect(m.wastedBytes).toBe(3);
  });

  it('a path re-added after its deletion is visible from the re-adding layer', () => {
    const m = mergeLayers([[rec('f', 5)], [rec('.wh.f')], [rec('f', 7)]]);
    expect(visible(m)).toEqual(['f@2']);
    expect(m.deleted).toEqual([{ path: 'f', layer: 0, size: 5, byLayer: 1 }]);
    expect(m.wastedBytes).toBe(5);
    expect(m.totalBytes).toBe(12);
  });

  it('a whiteout does not touch entries of its own layer', () => {
    const m = mergeLayers([[rec('f', 5)], [rec('f', 6), rec('.wh.f')]]);
    expect(visible(m)).toEqual(['f@1']);
    expect(m.deleted).toEqual([{ path: 'f', layer: 0, size: 5, byLayer: 1 }]);
  });

  it('a non-directory replacing a directory hides its contents', () => {
    const m = mergeLayers([[rec('d/'), rec('d/a', 3)], [rec('d', 0, 'symlink', { linkname: 'elsewhere' })]]);
    expect(m.files.map((f) => [f.path, f.type, f.linkname])).toEqual([['d', 'symlink', 'elsewhere']]);
    expect(m.files[0].overwrites).toEqual([0]);
    expect(m.wastedBytes).toBe(3);
  });

  it('skips the root entry and AUFS metadata', () => {
    const m = mergeLayers([[rec('/', 0, 'dir'), rec('.wh..wh.plnk/'), rec('.wh..wh.aufs', 1), rec('x', 1)]]);
    expect(visible(m)).toEqual(['x@0']);
  });

  it('keeps metadata of the visible version', () => {
    const m = mergeLayers([
      [rec('a', 1, 'file', { mode: 0o600, sha256: 'aa' })],
      [rec('a', 1, 'file', { mode: 0o755, uid: 1000, gid: 1000, mtime: 42, sha256: 'bb' })],
    ]);
    expect(m.files[0]).toEqual({ path: 'a', type: 'file', size: 1, layer: 1, sha256: 'bb', mode: 0o755, uid: 1000, gid: 1000, mtime: 42, overwrites: [0] });
  });

  it('works on records parsed from real layer tars', () => {
    const l0 = layerTar([
      { name: './etc/', typeflag: '5' },
      { name: './etc/passwd', data: 'root:x:0:0\n' },
      { name: './etc/group', data: 'root:x:0:\n' },
    ]);
    const l1 = layerTar([
      { name: './etc/', typeflag: '5' },
      { name: './etc/.wh.group', data: '' },
      { name: './etc/passwd', data: 'root:x:0:0\nme:x:1:1\n' },
    ]);
    const m = mergeLayers([layerRecords(l0), layerRecords(l1)]);
    expect(visible(m)).toEqual(['etc@1<0', 'etc/passwd@1<0']);
    expect(m.deleted).toEqual([{ path: 'etc/group', layer: 0, size: 10, byLayer: 1 }]);
    expect(m.wastedBytes).toBe(11 + 10);
  });
});

/** The obvious quadratic model of layer.md, to check mergeLayers against on random layers. */
function reference(layers: FileRecord[][]): { visible: Map<string, number>; wasted: number } {
  const state = new Map<string, FileRecord & { layer: number }>();
  let wasted = 0;
  const under = (p: string, dir: string) => p.startsWith(dir === '' ? '' : `${dir}/`) && p !== dir;
  const drop = (pred: (p: string) => boolean) => {
    for (const [p, r] of [...state])
      if (pred(p)) {
        state.delete(p);
        wasted += r.type === 'file' ? r.size : 0;
      }
  };
  layers.forEach((rs, layer) => {
    for (const r of rs) {
      const base = r.path.slice(r.path.lastIndexOf('/') + 1);
      const dir = r.path.includes('/') ? r.path.slice(0, r.path.lastIndexOf('/')) : '';
      if (base === '.wh..wh..opq') drop((p) => under(p, dir));
      else if (base.startsWith('.wh.')) {
        const t = (dir ? `${dir}/` : '') + base.slice(4);
        drop((p) => p === t || under(p, t));
      }
    }
    for (const r of rs) {
      if (r.path.slice(r.path.lastIndexOf('/') + 1).startsWith('.wh.')) continue;
      const old = state.get(r.path);
      if (old) wasted += old.type === 'file' ? old.size : 0;
      if (r.type !== 'dir') drop((p) => under(p, r.path));
      state.set(r.path, { ...r, layer });
    }
  });
  return { visible: new Map([...state].map(([p, r]) => [p, r.layer])), wasted };
}

describe('mergeLayers against the quadratic reference', () => {
  it('agrees on 300 random layer stacks', () => {
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const names = ['a', 'b', 'c'];
    const randPath = () => Array.from({ length: 1 + rnd(3) }, () => names[rnd(3)]).join('/');
    for (let t = 0; t < 300; t++) {
      const layers: FileRecord[][] = [];
      for (let l = 0; l < 1 + rnd(4); l++) {
        const rs: FileRecord[] = [];
        for (let i = 0; i < rnd(8); i++) {
          const p = randPath();
          const k = rnd(10);
          const dir = p.includes('/') ? p.slice(0, p.lastIndexOf('/') + 1) : '';
          if (k < 2) rs.push(rec(`${dir}.wh.${p.slice(dir.length)}`));
          else if (k < 3) rs.push(rec(`${p}/.wh..wh..opq`));
          else if (k < 5) rs.push(rec(`${p}/`));
          else if (k < 6) rs.push(rec(p, 0, 'symlink', { linkname: 'x' }));
          else rs.push(rec(p, 1 + rnd(100)));
        }
        // One entry per path and layer, as tar extraction would leave it.
        layers.push([...new Map(rs.map((r) => [r.path, r])).values()]);
      }
      const m = mergeLayers(layers);
      const ref = reference(layers);
      expect(new Map(m.files.map((f) => [f.path, f.layer]))).toEqual(ref.visible);
      expect(m.wastedBytes).toBe(ref.wasted);
    }
  });
});

describe('mergeLayers at scale', () => {
  it('merges 100,000+ entries with deletions and opaque directories', () => {
    const layer0: FileRecord[] = [];
    for (let d = 0; d < 100; d++) {
      layer0.push(rec(`usr/lib/d${d}/`));
      for (let f = 0; f < 1000; f++) layer0.push(rec(`usr/lib/d${d}/f${f}`, 10));
    }
    const layer1: FileRecord[] = [];
    for (let d = 0; d < 10; d++) layer1.push(rec(`usr/lib/.wh.d${d}`));
    const layer2: FileRecord[] = [];
    for (let d = 10; d < 20; d++) layer2.push(rec(`usr/lib/d${d}/.wh..wh..opq`), rec(`usr/lib/d${d}/new`, 1));
    const layer3: FileRecord[] = [];
    for (let d = 20; d < 100; d++) for (let f = 0; f < 1000; f += 10) layer3.push(rec(`usr/lib/d${d}/f${f}`, 20));
    const m = mergeLayers([layer0, layer1, layer2, layer3]);
    // 90 dirs; 80 untouched dirs x 1000 files; 10 opaque dirs x 1 new file.
    expect(m.files.length).toBe(90 + 80 * 1000 + 10);
    expect(m.deleted.length).toBe(10 * 1001 + 10 * 1000);
    expect(m.wastedBytes).toBe(20 * 1000 * 10 + 80 * 100 * 10);
  });
});
