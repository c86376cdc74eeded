/**
 * Go build info read from real Go binaries on this machine (Debian's umoci and skopeo, built
 * by Go 1.19 in GOPATH mode: a `path` line, build settings, no modules), fed as the scan feeds them: in chunks of any size. The
 * module lines are checked against the text `strings` finds in the same file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GoScanner, goPackages, parseGoBuildInfo } from '../../../src/packages/go-buildinfo';
import { PackageCollector } from '../../../src/packages/collect';

const BINARIES = ['/usr/bin/umoci', '/usr/bin/skopeo'].filter((p) => existsSync(p));

function scan(bytes: Uint8Array, chunk: number): Uint8Array | null {
  const s = new GoScanner();
  for (let at = 0; at < bytes.length; at += chunk) s.data(bytes.subarray(at, at + chunk));
  return s.result();
}

describe.skipIf(!BINARIES.length)('Go build info of real binaries', () => {
  for (const bin of BINARIES) {
    it(`${bin}: the module, its version and its dependencies, whatever the chunk size`, () => {
      const bytes = new Uint8Array(readFileSync(bin));
      const kept = scan(bytes, 1 << 20)!;
      expect(kept).not.toBeNull();
      // odd chunk sizes cut the magic and the strings at other places: the same bytes
      for (const n of [65_537, 4099, 13]) expect(scan(bytes, n), `chunks of ${n}`).toEqual(kept);
      const info = parseGoBuildInfo(kept)!;
      expect(info.goVersion).toMatch(/^go1\.\d+/);
      const lines = execFileSync('strings', ['-n', '3', bin], { encoding: 'utf8', maxBuffer: 256 << 20 }).split('\n');
      const path = lines.find((l) => l.startsWith('path\t'))!.split('\t')[1];
      const mod = lines.find((l) => l.startsWith('mod\t'))?.split('\t');
      expect(info.main!.path).toBe(mod?.[1] ?? path);
      // Debian builds these in GOPATH mode: a `path` line and no `mod`/`dep` lines; whatever
      // the binary holds, the dependencies are the `dep` lines (replacements: the `=>` after them)
      const deps = lines.filter((l) => /^(dep|=>)\t[^\t]+\t[^\t]+/.test(l));
      const want: string[] = [];
      for (const l of deps) {
        const f = l.split('\t');
        if (f[0] === '=>') {
          if (want.length) want[want.length - 1] = f[1];
        } else want.push(f[1]);
      }
      expect(info.deps.map((d) => d.path)).toEqual(want);
      const pk = goPackages(info, bin.slice(1));
      expect(pk[0]).toMatchObject({ ecosystem: 'go', name: info.main!.path });
      expect(pk.length).toBe(1 + info.deps.length);
    });
  }

  it('through the collector: an executable ELF file over 256 KiB is searched, the result is a go-binary source', () => {
    const bytes = new Uint8Array(readFileSync(BINARIES[0]));
    const c = new PackageCollector();
    const sink = c.entry(BINARIES[0].slice(1), bytes.length, 0o755)!;
    for (let at = 0; at < bytes.length; at += 1 << 20) sink.data(bytes.subarray(at, at + (1 << 20)));
    sink.end();
    expect(c.entry('usr/bin/script', 100, 0o755)).toBeNull();
    expect(c.entry(BINARIES[0].slice(1), bytes.length, 0o644)).toBeNull();
    const src = c.end()!.sources[0];
    expect(src).toMatchObject({ kind: 'go-binary', path: BINARIES[0].slice(1) });
    expect(src.packages![0]).toMatchObject({ ecosystem: 'go', name: 'github.com/opencontainers/umoci/cmd/umoci', version: '(devel)' });
    // a local (devel) build owns no file: its changes are the application's, not a package's
    expect(src.packages![0].files).toBeUndefined();
  });
});

describe('GoScanner', () => {
  it('ignores files that are not ELF, and ELF files without the magic', () => {
    const s = new GoScanner();
    s.data(new TextEncoder().encode('#!/bin/sh\n\xff Go buildinf:'));
    expect(s.result()).toBeNull();
    expect(scan(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, ...new Uint8Array(100_000)]), 4096)).toBeNull();
  });
});

describe('parseGoBuildInfo: the module form (Go ≥ 1.18, built with modules)', () => {
  it('reads mod, dep and => lines between the sentinels', () => {
    const enc = new TextEncoder();
    const sentinel = (s: string) => `${'x'.repeat(16)}${s}${'y'.repeat(15)}`;
    const mod = sentinel(
      'path\texample.com/app/cmd/app\nmod\texample.com/app\tv1.4.2\th1:abc=\ndep\tgolang.org/x/sys\tv0.15.0\th1:def=\ndep\tgithub.com/a/b\tv1.0.0\n=>\tgithub.com/fork/b\tv1.0.1\th1:ghi=\nbuild\tGOOS=linux\n',
    );
    // the text ends with "\n" + 16 sentinel bytes: index length-17 is the newline
    const text = enc.encode(`${mod.slice(0, -15)}\n${'y'.repeat(15)}`);
    const version = enc.encode('go1.22.1');
    const b = new Uint8Array(32 + 1 + version.length + 2 + text.length);
    b.set([0xff, 0x20, 0x47, 0x6f, 0x20, 0x62, 0x75, 0x69, 0x6c, 0x64, 0x69, 0x6e, 0x66, 0x3a, 8, 2]);
    b[32] = version.length;
    b.set(version, 33);
    const at = 33 + version.length;
    b[at] = (text.length & 0x7f) | 0x80;
    b[at + 1] = text.length >> 7;
    b.set(text, at + 2);
    const info = parseGoBuildInfo(b)!;
    expect(info).toEqual({
      goVersion: 'go1.22.1',
      main: { path: 'example.com/app', version: 'v1.4.2' },
      deps: [
        { path: 'golang.org/x/sys', version: 'v0.15.0' },
        { path: 'github.com/fork/b', version: 'v1.0.1' },
      ],
    });
    expect(goPackages(info, 'usr/local/bin/app')[0]).toEqual({ ecosystem: 'go', name: 'example.com/app', version: 'v1.4.2', files: ['usr/local/bin/app'] });
    // pre-1.18 binaries (flag 2 unset) point into the data segment: not read
    b[15] = 0;
    expect(parseGoBuildInfo(b)).toBeNull();
  });
});
