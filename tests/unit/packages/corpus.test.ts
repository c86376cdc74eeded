/**
 * Packages read from the real alpine 3.10 and 3.11 `docker save` archives of the corpus
 * (../shared/corpus-real, SOURCES.md). The expected numbers were taken from the data first
 * (both layers extracted, lib/apk/db/installed read with a separate Python script, each of
 * the 30 files with other bytes looked up in its `R:` lines): 23 belong to 12 packages —
 * 11 changed version, libtls-standalone 2.9.1-r0 changed bytes at the same version — and 7
 * to none (the package database, etc/alpine-release, etc/os-release, etc/issue,
 * etc/apk/repositories, lib/apk/db/scripts.tar, lib/apk/db/triggers).
 */
import { openAsBlob } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareArchives } from '../../../src/engine/compare';
import { inlineRunner } from '../../../src/engine/inline';
import { inspectArchive } from '../../../src/engine/inspect';
import type { ComparisonReport } from '../../../src/compare/types';
import type { InspectionReport } from '../../../src/report/types';
import { cyclonedx } from '../../../src/packages/sbom-cyclonedx';
import { cyclonedxValidator } from '../../support/cyclonedx';
import { comparisonSchemaErrors, inspectionSchemaErrors } from '../../support/schema';
import { CORPUS, hasCorpus } from '../../support/tools';

const A = 'trivy__alpine-310.tar.gz';
const B = 'trivy__alpine-311.tar.gz';
const open = (f: string) => openAsBlob(join(CORPUS, f));

describe.skipIf(!hasCorpus)('packages of the real alpine 3.10 / 3.11 images', () => {
  let a: InspectionReport;
  let b: InspectionReport;
  let cmp: ComparisonReport;
  beforeAll(async () => {
    a = await inspectArchive(inlineRunner(), await open(A), A);
    b = await inspectArchive(inlineRunner(), await open(B), B);
    cmp = await compareArchives(inlineRunner(), await open(A), A, await open(B), B);
  }, 120_000);

  it('lists the 14 apk packages of each image, with versions, files and the layer', () => {
    expect(inspectionSchemaErrors(a)).toEqual([]);
    const pa = a.inputs[0].images[0].packages!;
    const pb = b.inputs[0].images[0].packages!;
    expect(pa.distro).toBe('alpine');
    expect(pa.notes).toEqual([]);
    expect(pa.packages.map((p) => p.name)).toHaveLength(14);
    const busyA = pa.packages.find((p) => p.name === 'busybox')!;
    expect(busyA).toMatchObject({ ecosystem: 'apk', version: '1.30.1-r3', arch: 'x86_64', layer: 0, db: 'lib/apk/db/installed', source: 'busybox' });
    expect(busyA.files).toContain('bin/busybox');
    const v = (r: typeof pb, n: string) => r.packages.find((p) => p.name === n)?.version;
    expect([v(pa, 'musl'), v(pb, 'musl')]).toEqual(['1.1.22-r3', '1.1.24-r2']);
    expect([v(pa, 'busybox'), v(pb, 'busybox')]).toEqual(['1.30.1-r3', '1.31.1-r9']);
    expect([v(pa, 'libtls-standalone'), v(pb, 'libtls-standalone')]).toEqual(['2.9.1-r0', '2.9.1-r0']);
  });

  it('explains the 30 changed files by package: 23 belong to 12 packages (11 upgraded, 1 rebuilt), 7 to none', () => {
    expect(comparisonSchemaErrors(cmp)).toEqual([]);
    const up = cmp.causes.find((c) => c.id === 'package.upgraded')!;
    expect(up.summary).toContain('23 of 30 changed files belong to 12 apk packages: 11 upgraded (');
    expect(up.summary).toContain('busybox 1.30.1-r3 → 1.31.1-r9');
    expect(up.summary).toContain('1 rebuilt at the same version (libtls-standalone 2.9.1-r0); 7 belong to none');
    // libc-utils changed version but owns no file
    expect(up.summary).toContain('libc-utils 0.7.1-r0 → 0.7.2-r0');
    expect(up.evidence.map((e) => e.text)).toContain('musl 1.1.22-r3 → 1.1.24-r2: 1 file (lib/ld-musl-x86_64.so.1)');
    expect(up.remedy).toContain('apk add');
    const rebuilt = cmp.causes.find((c) => c.id === 'package.rebuilt')!;
    expect(rebuilt.count).toBe(1);
    expect(rebuilt.evidence[0]).toMatchObject({ a: '2.9.1-r0', b: '2.9.1-r0' });
    expect(rebuilt.evidence[0].text).toBe('libtls-standalone 2.9.1-r0: 1 file (usr/lib/libtls-standalone.so.1.0.0)');
    const content = cmp.causes.find((c) => c.id === 'file.content')!;
    expect(content.count).toBe(7);
    // every content root is explained once: 7 unowned + 22 upgraded + 1 rebuilt
    const ids = new Set(cmp.differences.filter((d) => d.subject === 'file' && d.field === 'content' && d.follows === undefined).map((d) => d.id));
    expect(ids.size).toBe(30);
    const claimed = cmp.causes.filter((c) => c.id.startsWith('package.') || c.id === 'file.content').flatMap((c) => c.differences.filter((id) => ids.has(id)));
    expect(claimed.sort()).toEqual([...ids].sort());
  });

  it('writes a CycloneDX 1.5 SBOM that the official schema accepts', () => {
    const validate = cyclonedxValidator();
    const pk = b.inputs[0].images[0].packages!;
    const bom = cyclonedx(pk, { name: B, version: 'alpine:3.11', timestamp: b.createdAt, tool: b.tool });
    expect(validate(bom), JSON.stringify(validate.errors)).toBe(true);
    const comps = bom.components as { purl: string; name: string }[];
    expect(comps).toHaveLength(14);
    expect(comps.find((c) => c.name === 'musl')!.purl).toBe('pkg:apk/alpine/musl@1.1.24-r2?arch=x86_64');
    // the validator is not a rubber stamp: a component without its required name fails
    expect(validate({ ...bom, components: [{ type: 'library', version: '1' }] })).toBe(false);
  });
});
