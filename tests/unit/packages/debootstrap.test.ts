/**
 * The Debian packages of a real `debootstrap --variant=minbase bookworm` image — the
 * realistic pair of `npm run bench` (tests/.fixtures/bench/debootstrap/a.tar, made by
 * scripts/bench/data-debootstrap.mjs; skipped when it has not been made) — against
 * dpkg-query run on the same database extracted from the archive with GNU tar.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { openAsBlob } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inlineRunner } from '../../../src/engine/inline';
import { inspectArchive } from '../../../src/engine/inspect';
import { inspectionSchemaErrors } from '../../support/schema';
import { ROOT } from '../../support/tools';

const A = join(ROOT, 'tests/.fixtures/bench/debootstrap/a.tar');
const ready = existsSync(A) && existsSync('/usr/bin/dpkg-query');

describe.skipIf(!ready)('packages of a real debootstrap image', () => {
  const dir = ready ? mkdtempSync(join(tmpdir(), 'tarscope-deb-')) : '';
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists what dpkg-query lists from the same database: names, versions, arch, source, files', async () => {
    const report = await inspectArchive(inlineRunner(), await openAsBlob(A), 'a.tar');
    expect(inspectionSchemaErrors(report)).toEqual([]);
    const pk = report.inputs[0].images[0].packages!;
    // extract the /var layer (layer 2) with GNU tar, and ask dpkg about it
    const manifest = JSON.parse(execFileSync('tar', ['-xOf', A, 'manifest.json'], { encoding: 'utf8' }));
    execFileSync('sh', ['-c', `tar -xOf "${A}" "${manifest[0].Layers[1]}" | tar -xf - -C "${dir}"`]);
    const admin = join(dir, 'var/lib/dpkg');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own ${field} format, not a JS template
    const fmt = '${db:Status-Status}\\t${Package}\\t${Version}\\t${Architecture}\\t${source:Package}\\n';
    const want = execFileSync('dpkg-query', [`--admindir=${admin}`, '-W', '-f', fmt], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.startsWith('installed\t'))
      .map((l) => l.split('\t').slice(1).join('\t'))
      .sort();
    expect(want.length).toBeGreaterThan(50);
    expect(pk.distro).toBe('debian');
    expect(pk.notes).toEqual([]);
    expect(pk.packages.map((p) => [p.name, p.version, p.arch ?? '', p.source ?? p.name].join('\t')).sort()).toEqual(want);
    // every package's files as dpkg -L prints them; the database sits in layer 2 (index 1)
    for (const name of ['coreutils', 'libc6', 'dpkg']) {
      const listed = execFileSync('dpkg-query', [`--admindir=${admin}`, '-L', name], { encoding: 'utf8' })
        .split('\n')
        .map((l) => l.replace(/^\/+/, ''))
        .filter((l) => l && l !== '.');
      const p = pk.packages.find((x) => x.name === name)!;
      expect(p.files, name).toEqual(listed);
      expect(p.layer).toBe(1);
    }
  }, 120_000);
});
