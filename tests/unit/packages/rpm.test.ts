/**
 * rpm's sqlite database, real: packages built by rpmbuild and installed into an rpmdb.sqlite
 * by rpm 4.18 (tests/fixtures/rpmdb.ts); what tarscope reads through the sqlite wasm build
 * (src/kernels/sqlite.ts, in Node) and rpm-header.ts is compared with `rpm -qa` / `rpm -ql`.
 */
import { openAsBlob, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { inlineRunner } from '../../../src/engine/inline';
import { inspectArchive } from '../../../src/engine/inspect';
import { openSqlite } from '../../../src/kernels/sqlite';
import { PackageCollector } from '../../../src/packages/collect';
import { needsSqlite, readHeldRpm, readRpmDb } from '../../../src/packages/rpm';
import { cyclonedx } from '../../../src/packages/sbom-cyclonedx';
import type { PackageRecord } from '../../../src/packages/types';
import { sourcePath } from '../../pairs/cache';
import { rpmImage } from '../../pairs/packages';
import { cyclonedxValidator } from '../../support/cyclonedx';
import { inspectionSchemaErrors } from '../../support/schema';
import { hasRpm, rpmDb, type RpmDb, type RpmSpec } from '../../fixtures/rpmdb';

export const RPMS: RpmSpec[] = [
  {
    name: 'tarscope-alpha',
    version: '1.2.3',
    release: '4',
    license: 'MIT',
    files: { '/usr/share/alpha/readme.txt': 'alpha\n', '/etc/alpha.conf': 'a=1\n', '/usr/bin/alpha': '#!/bin/sh\n' },
  },
  { name: 'tarscope-beta', version: '0.9', release: '1.el9', epoch: 2, license: 'GPL-2.0-or-later', files: { '/usr/lib/beta/libbeta.so.0': 'beta' } },
];

const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

describe.skipIf(!hasRpm)('rpmdb.sqlite written by rpm 4.18, read through sqlite-wasm', () => {
  let fx: RpmDb;
  beforeAll(() => {
    fx = rpmDb(RPMS);
  }, 120_000);

  const qaLine = (p: PackageRecord) => `${p.name} ${p.version.includes(':') ? '' : '0:'}${p.version} ${p.arch}`;

  it('lists the packages rpm -qa lists, with the files rpm -ql lists', async () => {
    const db = await openSqlite(new Uint8Array(readFileSync(fx.db)));
    let got: ReturnType<typeof readRpmDb>;
    try {
      got = readRpmDb(db, 'var/lib/rpm/rpmdb.sqlite');
    } finally {
      db.close();
    }
    expect(got.error).toBeUndefined();
    const pkgs = got.packages!;
    expect(pkgs.map(qaLine).sort()).toEqual(fx.qa);
    for (const p of pkgs) expect(p.files!.map((f) => `/${f}`).sort(cmp)).toEqual([...fx.ql[p.name]].sort(cmp));
    const beta = pkgs.find((p) => p.name === 'tarscope-beta')!;
    expect(beta).toMatchObject({
      ecosystem: 'rpm',
      version: '2:0.9-1.el9',
      arch: 'noarch',
      license: 'GPL-2.0-or-later',
      source: 'tarscope-beta-0.9-1.el9.src.rpm',
    });
    expect(beta.installedSize).toBe(4);
    expect(pkgs.find((p) => p.name === 'tarscope-alpha')!.version).toBe('1.2.3-4');
  });

  it('is held by the collector during the scan, then read by the sqlite step', async () => {
    const bytes = new Uint8Array(readFileSync(fx.db));
    const c = new PackageCollector();
    const sink = c.entry('var/lib/rpm/rpmdb.sqlite', bytes.length)!;
    sink.data(bytes);
    sink.end();
    const lp = c.end()!;
    expect(needsSqlite(lp)).toBe(true);
    expect(lp.sources[0].error).toContain('not read');
    let opened = 0;
    await readHeldRpm(lp, async () => {
      opened++;
      return openSqlite;
    });
    expect(opened).toBe(1);
    expect(needsSqlite(lp)).toBe(false);
    expect(lp.sources[0].error).toBeUndefined();
    expect(lp.sources[0].packages!.map((p) => p.name).sort()).toEqual(['tarscope-alpha', 'tarscope-beta']);
  });

  it('names the file when it is not an sqlite database', async () => {
    const c = new PackageCollector();
    const junk = new TextEncoder().encode('not sqlite at all');
    const sink = c.entry('usr/lib/sysimage/rpm/rpmdb.sqlite', junk.length)!;
    sink.data(junk);
    sink.end();
    const lp = c.end()!;
    await readHeldRpm(lp, async () => openSqlite);
    expect(lp.sources[0].packages).toBeUndefined();
    expect(lp.sources[0].error).toMatch(/^rpm database \(sqlite\) not read: /);
  });
});

describe.skipIf(!hasRpm)('an image whose layer holds an rpmdb.sqlite', () => {
  it('lists its rpm packages with their files, and writes them to a valid CycloneDX SBOM', async () => {
    const path = await sourcePath(rpmImage('rpm-beta-b.tar', { betaVersion: '0.10' }));
    const r = await inspectArchive(inlineRunner(), await openAsBlob(path), 'rpm-beta-b.tar');
    expect(inspectionSchemaErrors(r)).toEqual([]);
    const pk = r.inputs[0].images[0].packages!;
    expect(pk.notes).toEqual([]);
    expect(pk.packages.map((p) => `${p.ecosystem} ${p.name} ${p.version}`)).toEqual(['rpm tarscope-alpha 1.2.3-4', 'rpm tarscope-beta 2:0.10-1.el9']);
    expect(pk.packages[1]).toMatchObject({ layer: 1, db: 'var/lib/rpm/rpmdb.sqlite', fileCount: 1, files: ['usr/lib64/libbeta.so.0'] });
    const bom = cyclonedx(pk, { name: 'rpm-beta-b.tar', version: 'v1', timestamp: r.createdAt, tool: r.tool });
    const validate = cyclonedxValidator();
    expect(validate(bom), JSON.stringify(validate.errors)).toBe(true);
    const purls = (bom.components as { purl: string }[]).map((c) => c.purl);
    expect(purls).toContain('pkg:rpm/tarscope/tarscope-beta@0.10-1.el9?arch=noarch&epoch=2');
  }, 120_000);
});
