/**
 * The Debian packages of a real dpkg database — this machine's own /var/lib/dpkg (every
 * Debian machine has one, CI's included; ensure-system-deps only runs on Debian) — packed by
 * GNU tar + umoci into a two-layer image (layer 1: os-release, layer 2: the database) and
 * converted by skopeo into a docker-archive, against dpkg-query run on the same database
 * extracted from that archive with GNU tar. (The realistic pair of `npm run bench`, two
 * debootstrap images, is measured by `npm run bench:packages`; it takes minutes to make.)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openAsBlob, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inlineRunner } from '../../../src/engine/inline';
import { inspectArchive } from '../../../src/engine/inspect';
import { inspectionSchemaErrors } from '../../support/schema';
import { have, sh } from '../../support/tools';

const DB = '/var/lib/dpkg';

describe('packages of a real dpkg database (this machine’s)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tarscope-dpkg-'));
  const archive = join(dir, 'image.tar');
  beforeAll(() => {
    // what the test needs is installed by npm test (scripts/ensure-system-deps.mjs): fail, not skip
    for (const t of ['dpkg-query', 'umoci', 'skopeo', 'tar']) expect(have(t), `${t} is installed`).toBe(true);
    expect(existsSync(join(DB, 'status')), `${DB}/status exists`).toBe(true);
    const layout = join(dir, 'layout');
    mkdirSync(join(dir, 'l1/etc'), { recursive: true });
    sh(`cp -L /etc/os-release '${dir}/l1/etc/os-release'`);
    // the database as dpkg keeps it, without its lock files (they may be held while apt runs)
    const steps = [
      `tar -C '${dir}/l1' --sort=name --numeric-owner -cf '${dir}/l1.tar' etc`,
      `tar -C / --sort=name --numeric-owner --exclude='var/lib/dpkg/lock*' --exclude='var/lib/dpkg/tmp.ci' -cf '${dir}/l2.tar' var/lib/dpkg`,
      `umoci init --layout '${layout}'`,
      `umoci new --image '${layout}:host'`,
      `umoci raw add-layer --image '${layout}:host' --history.created_by 'os-release' '${dir}/l1.tar'`,
      `umoci raw add-layer --image '${layout}:host' --history.created_by 'var/lib/dpkg' '${dir}/l2.tar'`,
      `skopeo --insecure-policy copy -q 'oci:${layout}:host' 'docker-archive:${archive}:tarscope/dpkg:latest'`,
    ];
    for (const s of steps) sh(s);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists what dpkg-query lists from the same database: names, versions, arch, source, files', async () => {
    const report = await inspectArchive(inlineRunner(), await openAsBlob(archive), 'image.tar');
    expect(inspectionSchemaErrors(report)).toEqual([]);
    const pk = report.inputs[0].images[0].packages!;
    // extract the database layer (layer 2) with GNU tar, and ask dpkg about it
    const out = join(dir, 'x');
    mkdirSync(out);
    const manifest = JSON.parse(execFileSync('tar', ['-xOf', archive, 'manifest.json'], { encoding: 'utf8' }));
    execFileSync('sh', ['-c', `tar -xOf "${archive}" "${manifest[0].Layers[1]}" | tar -xf - -C "${out}"`]);
    const admin = join(out, 'var/lib/dpkg');
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
