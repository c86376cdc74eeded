/**
 * `tarscope inspect A --sbom cyclonedx -o x.json` end to end: the built CLI (dist-cli, rebuilt
 * through the bin's build-on-first-use path) on the real alpine 3.11 `docker save` archive of
 * the corpus; the file it writes is validated against the official CycloneDX 1.5 schema.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cyclonedxValidator } from '../support/cyclonedx';
import { CORPUS, hasCorpus, ROOT, tempDir } from '../support/tools';

const BIN = join(ROOT, 'bin/tarscope.mjs');
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });

describe.skipIf(!hasCorpus)('tarscope inspect --sbom', () => {
  beforeAll(() => {
    const built = run(['--version'], { TARSCOPE_REBUILD_CLI: '1' });
    expect(built.status, built.stderr).toBe(0);
  }, 180_000);

  it('writes a CycloneDX SBOM of the 14 apk packages that the official schema accepts', () => {
    const out = join(tempDir('sbom'), 'alpine.cdx.json');
    const r = run(['inspect', join(CORPUS, 'trivy__alpine-311.tar.gz'), '--sbom', 'cyclonedx', '-o', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const bom = JSON.parse(readFileSync(out, 'utf8'));
    const validate = cyclonedxValidator();
    expect(validate(bom), JSON.stringify(validate.errors)).toBe(true);
    expect(bom.metadata.component).toMatchObject({ type: 'container', version: 'alpine:3.11' });
    expect(bom.components.map((c: { purl: string }) => c.purl)).toContain('pkg:apk/alpine/busybox@1.31.1-r9?arch=x86_64');
  }, 120_000);

  it('says on stderr when the archive holds no package database', () => {
    const r = run(['inspect', join(CORPUS, 'ggcr__hello-world-v25.tar'), '--sbom', 'cyclonedx']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).components).toEqual([]);
    expect(r.stderr).toContain('no package database');
  }, 120_000);
});
