/**
 * The recognisers on bytes real tools wrote: .pyc from python3's py_compile, gzip with and
 * without -n, zips from `zip` with two timestamps, tars from GNU tar, ELF binaries whose
 * build-ids readelf reports. Expected values come from those tools, not from tarscope.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync, utimesSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { recognise, recogniseByPath } from '../../../../src/compare/evidence';
import { tempDir, sh } from '../../../support/tools';

const side = (bytes: Uint8Array, whole = true) => ({
  bytes: whole ? bytes : bytes.subarray(0, 64 * 1024),
  size: bytes.length,
  whole: whole || bytes.length <= 64 * 1024,
});
const read = (p: string) => new Uint8Array(readFileSync(p));

describe('recognise', () => {
  it('.pyc from python3 py_compile: only the embedded source mtime differs', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'm.py'), 'def f(x):\n    return x * 2\n');
    const compile = (mtime: number, out: string) => {
      utimesSync(join(dir, 'm.py'), mtime, mtime);
      execFileSync(
        'python3',
        ['-c', `import py_compile; py_compile.compile('m.py', cfile='${out}', invalidation_mode=py_compile.PycInvalidationMode.TIMESTAMP)`],
        { cwd: dir, env: { ...process.env, SOURCE_DATE_EPOCH: '' } },
      );
      return read(join(dir, out));
    };
    const a = compile(1700000000, 'a.pyc');
    const b = compile(1700000100, 'b.pyc');
    const version = execFileSync('python3', ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])']).toString().trim();
    expect(recognise('usr/lib/python3/m.cpython-311.pyc', side(a), side(b))).toEqual({
      kind: 'recognised',
      what: 'Python bytecode',
      detail: `Python ${version}: only the embedded source mtime 2023-11-14T22:13:20Z vs 2023-11-14T22:15:00Z; the compiled code is identical`,
    });
    // checked-hash pycs (SOURCE_DATE_EPOCH) vs timestamp ones
    execFileSync(
      'python3',
      ['-c', "import py_compile; py_compile.compile('m.py', cfile='c.pyc', invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)"],
      { cwd: dir },
    );
    expect(recognise('m.pyc', side(a), side(read(join(dir, 'c.pyc'))))?.detail).toBe(
      `Python ${version}: A is timestamp-based, B is hash-based (checked) (py_compile --invalidation-mode)`,
    );
  });

  it('gzip vs gzip -n of the same file: header only', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'changelog'), 'x'.repeat(5000) + 'some text\n');
    utimesSync(join(dir, 'changelog'), 1700000000, 1700000000);
    const a = new Uint8Array(execFileSync('gzip', ['-9', '-c', join(dir, 'changelog')]));
    const b = new Uint8Array(execFileSync('gzip', ['-9', '-n', '-c', join(dir, 'changelog')]));
    expect(recognise('usr/share/doc/x/changelog.gz', side(a), side(b))).toEqual({
      kind: 'recognised',
      what: 'gzip file',
      detail:
        'only the gzip header differs: MTIME 2023-11-14T22:13:20Z vs 0 (not set), FNAME "changelog" vs none; the compressed data is identical — write it with `gzip -n`',
    });
  });

  it('zip (jar) written twice with other timestamps', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'META-INF'));
    writeFileSync(join(dir, 'META-INF/MANIFEST.MF'), 'Manifest-Version: 1.0\n');
    writeFileSync(join(dir, 'A.class'), 'cafebabe');
    const make = (stamp: string, out: string) => {
      sh(`touch -d '${stamp}' META-INF/MANIFEST.MF A.class && zip -q -X ${out} META-INF/MANIFEST.MF A.class`, { cwd: dir });
      return read(join(dir, out));
    };
    const a = make('2024-01-01 10:00:00', 'a.jar');
    const b = make('2024-01-02 11:30:00', 'b.jar');
    expect(recognise('app/lib/app.jar', side(a), side(b))).toEqual({
      kind: 'recognised',
      what: 'jar (zip archive)',
      detail:
        '2 of 2 entries read have different timestamps (META-INF/MANIFEST.MF: 2024-01-01 10:00:00 vs 2024-01-02 11:30:00); their contents (CRC-32) are the same',
    });
  });

  it('a tar inside the layer (GNU tar, two --mtime)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'f'), 'hello\n');
    const a = new Uint8Array(execFileSync('tar', ['-C', dir, '--mtime=@1700000000', '-cf', '-', 'f']));
    const b = new Uint8Array(execFileSync('tar', ['-C', dir, '--mtime=@1700000001', '-cf', '-', 'f']));
    expect(recognise('opt/bundle.tar', side(a), side(b))).toEqual({
      kind: 'recognised',
      what: 'tar archive',
      detail: '1 common member in the bytes read; header fields that differ: mtime (1)',
    });
  });

  it('ELF: build-ids as readelf reports them, from the first 64 KiB', () => {
    const id = (p: string) => /Build ID: ([0-9a-f]+)/.exec(execFileSync('readelf', ['-n', p]).toString())![1];
    const a = read('/bin/true');
    const b = read('/bin/false');
    const r = recognise('usr/bin/true', side(a, false), side(b, false));
    expect(r?.what).toMatch(/^ELF 64-bit (shared object|executable) \((x86-64|AArch64)\)$/);
    expect(r?.detail).toBe(`build-id ${id('/bin/true')} vs ${id('/bin/false')}: built from different inputs, flags or paths`);
  });

  it('machine-id, dpkg log, aux-cache by path; nothing for an ordinary path', () => {
    expect(recognise('etc/machine-id', side(new TextEncoder().encode('')), side(new TextEncoder().encode('4c4c4544004d3610804cb4c04f563232\n')))?.detail).toBe(
      'random per-installation id: A empty, B 4c4c4544004d3610804cb4c04f563232; ship it empty (or remove it) so every build is the same',
    );
    expect(
      recognise(
        'var/log/dpkg.log',
        side(new TextEncoder().encode('2024-01-01 00:00:00 install a\n')),
        side(new TextEncoder().encode('2024-02-01 00:00:00 install a\n')),
      )?.detail,
    ).toBe('dpkg writes the date and time of every package action: it differs on every build; 1 line only in A, 1 only in B');
    expect(recogniseByPath('var/cache/ldconfig/aux-cache')?.what).toBe('ldconfig aux-cache');
    expect(recogniseByPath('usr/lib/python3.11/__pycache__/os.cpython-311.pyc')?.what).toBe('Python bytecode');
    expect(recogniseByPath('var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease')?.what).toBe('apt package list');
    expect(recogniseByPath('etc/passwd')).toBeNull();
    expect(recognise('etc/passwd', side(new TextEncoder().encode('a')), side(new TextEncoder().encode('b')))).toBeNull();
  });
});
