/**
 * imagePackages: the visible copy of each database (the highest layer holding it, whiteouts
 * applied), file lists joined to their packages, and the layer that installed each package
 * or last changed its version. Layers built as the scan's collector returns them.
 */
import { describe, expect, it } from 'vitest';
import { imagePackages } from '../../../src/packages/image';
import { Ownership } from '../../../src/packages/ownership';
import { readSource } from '../../../src/packages/read';
import type { LayerPackages } from '../../../src/packages/types';
import { sourceKind } from '../../../src/packages/paths';

const enc = new TextEncoder();
function layer(files: Record<string, string>, extra: string[] = []): { paths: string[]; packages?: LayerPackages } {
  const sources = Object.entries(files).map(([path, text]) => readSource(sourceKind(path)!, path, enc.encode(text)));
  return { paths: [...Object.keys(files), ...extra], ...(sources.length ? { packages: { sources } } : {}) };
}
const stanza = (name: string, version: string) => `Package: ${name}\nStatus: install ok installed\nArchitecture: amd64\nVersion: ${version}\n\n`;

describe('imagePackages', () => {
  it('takes the highest copy of the status file; a package keeps the layer where its version appeared', () => {
    const pk = imagePackages([
      layer({
        'var/lib/dpkg/status': stanza('libc6', '2.36-9') + stanza('zlib1g', '1:1.2.13-1'),
        'var/lib/dpkg/info/zlib1g:amd64.list': '/.\n/usr/lib/libz.so.1\n',
      }),
      layer({}, ['app/main.py']),
      layer({
        'var/lib/dpkg/status': stanza('libc6', '2.36-9') + stanza('zlib1g', '1:1.2.13-2') + stanza('curl', '7.88.1-10'),
        'var/lib/dpkg/info/curl.list': '/usr/bin/curl\n',
      }),
    ])!;
    expect(pk.packages.map((p) => [p.name, p.version, p.layer, p.fileCount])).toEqual([
      ['curl', '7.88.1-10', 2, 1],
      ['libc6', '2.36-9', 0, 0],
      ['zlib1g', '1:1.2.13-2', 2, 1],
    ]);
    const own = new Ownership(pk.packages);
    expect(own.ownerOf('usr/lib/libz.so.1')?.name).toBe('zlib1g');
    expect(own.ownerOf('var/lib/dpkg/status')).toBeUndefined();
  });

  it('drops a database a later layer whites out (a file whiteout, or an opaque directory above it)', () => {
    const site = 'usr/lib/python3/dist-packages';
    const py = { [`${site}/six-1.16.0.dist-info/METADATA`]: 'Name: six\nVersion: 1.16.0\n\n', [`${site}/six-1.16.0.dist-info/RECORD`]: 'six.py,,\n' };
    const kept = imagePackages([layer(py)])!;
    expect(kept.packages).toMatchObject([{ ecosystem: 'python', name: 'six', files: [`${site}/six.py`], fileCount: 1 }]);
    expect(imagePackages([layer(py), layer({}, [`${site}/.wh.six-1.16.0.dist-info`])])).toBeUndefined();
    expect(imagePackages([layer(py), layer({}, ['usr/lib/.wh..wh..opq'])])).toBeUndefined();
  });

  it('owns npm folders, the deepest first; names an rpm database no sqlite step read', () => {
    const pk = imagePackages([
      layer({
        'srv/node_modules/a/package.json': '{"name":"a","version":"1.0.0"}',
        'srv/node_modules/a/node_modules/b/package.json': '{"name":"b","version":"2.0.0","license":"MIT"}',
        'var/lib/rpm/rpmdb.sqlite': '',
      }),
    ])!;
    const own = new Ownership(pk.packages);
    expect(own.ownerOf('srv/node_modules/a/index.js')?.name).toBe('a');
    expect(own.ownerOf('srv/node_modules/a/node_modules/b/lib/x.js')?.name).toBe('b');
    // the scan job reads it (src/packages/rpm.ts, tests/unit/packages/rpm.test.ts); the collector alone only holds it
    expect(pk.notes).toEqual(['layer 1: var/lib/rpm/rpmdb.sqlite: rpm database (sqlite) captured, not read (no sqlite step ran)']);
  });
});

describe('PackageCollector (the scan side)', () => {
  it('copies database files fed in chunks, ignores the rest, and lists files over the budget as not read', async () => {
    const { PackageCollector } = await import('../../../src/packages/collect');
    const { MAX_SOURCE_BYTES } = await import('../../../src/packages/paths');
    const c = new PackageCollector();
    expect(c.entry('usr/bin/busybox', 900_000)).toBeNull();
    const text = enc.encode('P:musl\nV:1.2.4-r2\nF:lib\nR:ld-musl-x86_64.so.1\n\n');
    const sink = c.entry('lib/apk/db/installed', text.length)!;
    sink.data(text.subarray(0, 10));
    sink.data(text.subarray(10));
    sink.end();
    expect(c.entry('var/lib/dpkg/status', MAX_SOURCE_BYTES + 1)).toBeNull();
    const out = c.end()!;
    expect(out.sources[0]).toMatchObject({ kind: 'apk-installed', packages: [{ name: 'musl', version: '1.2.4-r2', files: ['lib/ld-musl-x86_64.so.1'] }] });
    expect(out.sources[1]).toMatchObject({ path: 'var/lib/dpkg/status', error: expect.stringContaining('per-file budget') });
    expect(out.capped).toMatch(/^1 database file\(s\) not read/);
  });
});
