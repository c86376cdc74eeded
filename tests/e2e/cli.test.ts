/**
 * The CLI end to end: `node bin/tarscope.mjs …` as a child process on archives from real
 * writers (tests/fixtures/images.ts), as CI would run it. Built first through the bin's own
 * build-on-first-use path (TARSCOPE_REBUILD_CLI=1), so what runs is the dist-cli bundle
 * with the engine in worker_threads. Also: FileBlob (src/node/file-blob.ts) against
 * Node's own Blob, the thread runner against the in-process runner on every fixture, a
 * dying thread, the progress line on a real pseudo-terminal (script(1)), and an archive of
 * hostile names rendered as HTML in Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, openAsBlob, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { imageFixtures, FIXTURE_NAMES, type ImageFixtures } from '../fixtures/images';
import { ROOT, tempDir } from '../support/tools';
import { comparisonSchemaErrors, inspectionSchemaErrors } from '../support/schema';
import { inspectArchive } from '../../src/engine/inspect';
import { inlineRunner } from '../../src/engine/inline';
import { FileBlob, openFileBlob } from '../../src/node/file-blob';
import { createNodeRunner } from '../../src/node/runner';
import { buildTar } from '../builders/tar';
import { buildOciArchive, layerTar } from '../builders/image';
import { noise } from '../builders/noise';
import { nodeHooks, sha256hex } from '../support/hooks';
import type { InspectionReport } from '../../src/report/types';
import type { ComparisonReport } from '../../src/compare/types';
import { PAIRS } from '../pairs/pairs';
import { sourcePath } from '../pairs/cache';

const BIN = join(ROOT, 'bin/tarscope.mjs');
const THREAD = pathToFileURL(join(ROOT, 'dist-cli/engine-thread.mjs'));
const VERSION: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;

let fx: ImageFixtures;
let tmp: string;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; stderr and stdout are pipes (not a TTY) unless the test says otherwise. */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: tmp,
      env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', TARSCOPE_PROGRESS: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** What differs between two runs on the same file: when, and how long it took. */
function stable(r: InspectionReport): unknown {
  return JSON.parse(JSON.stringify(r), (k, v) => (VOLATILE.has(k) ? 0 : v));
}

/**
 * `bytesRead` too: it sums the workers' progress callbacks, and workers/engine.worker.ts
 * posts its last batch without awaiting it, so on a tiny archive the job's result can
 * overtake the byte counts (different MessagePorts, no ordering between them).
 */
const VOLATILE = new Set(['createdAt', 'elapsedMs', 'bytesRead']);

beforeAll(async () => {
  fx = await imageFixtures();
  tmp = tempDir('tarscope-cli-');
  const built = spawnSync(process.execPath, [BIN, '--version'], { env: { ...process.env, TARSCOPE_REBUILD_CLI: '1' }, encoding: 'utf8', timeout: 120_000 });
  if (built.status !== 0) throw new Error(`building the CLI failed:\n${built.stderr}`);
}, 180_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('cli: usage', () => {
  it('--version, -V', async () => {
    for (const flag of ['--version', '-V']) {
      const r = await cli([flag]);
      expect(r).toEqual({ status: 0, stdout: `tarscope ${VERSION}\n`, stderr: '' });
    }
  });

  it('--help lists both commands, the exit codes and the ignore options', async () => {
    const r = await cli(['--help']);
    expect(r.status).toBe(0);
    for (const s of ['tarscope diff A B', 'tarscope inspect A', '--ignore-path GLOB', '--semantic', 'Exit status: 0 same', 'TARSCOPE_PROGRESS'])
      expect(r.stdout).toContain(s);
    expect((await cli(['diff', '--help'])).stdout).not.toContain('tarscope inspect A [options]');
  });

  it.each([
    [[], 'missing command: diff or inspect'],
    [['frobnicate'], 'unknown command "frobnicate": expected diff or inspect'],
    [['inspect'], 'inspect takes one archive (got 0)'],
    [['inspect', 'a', 'b'], 'inspect takes one archive (got 2)'],
    [['diff', 'a'], 'diff takes two archives (got 1)'],
    [['inspect', 'a', '--format', 'pdf'], '--format must be one of text, json, markdown, html (got "pdf")'],
    [['inspect', 'a', '--ignore-timestamps'], '--ignore-timestamps applies to diff, not inspect'],
    [['inspect', 'a', '--threads', '0'], '--threads must be a whole number from 1 to 64 (got "0")'],
    [['inspect', 'a', '--bogus'], "Unknown option '--bogus'"],
  ])('%j → exit 2: %s', async (args, message) => {
    const r = await cli(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`tarscope: ${message}\nRun 'tarscope --help' for usage.\n`);
  });

  it('a file that does not exist → exit 2, named', async () => {
    const r = await cli(['inspect', 'missing.tar']);
    expect(r).toEqual({ status: 2, stdout: '', stderr: 'tarscope: cannot open missing.tar: no such file or directory\n' });
  });

  it('a directory → exit 2', async () => {
    const r = await cli(['inspect', '.']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('tarscope: cannot open .: not a regular file\n');
  });
});

describe('cli: inspect', () => {
  it('skopeo docker-archive → JSON that validates against the schema and matches the writer', async () => {
    const f = fx['skopeo-docker-archive.tar'];
    const r = await cli(['inspect', f.path, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as InspectionReport;
    expect(inspectionSchemaErrors(report)).toEqual([]);
    const input = report.inputs[0];
    expect(input.name).toBe(f.path);
    expect(input.format.layout).toBe('docker-legacy');
    expect(input.integrity.ok).toBe(true);
    const img = input.images.find((i) => i.kind === 'image')!;
    const want = f.expect.images[0];
    expect(img.tags).toEqual(want.tags);
    expect(img.config.digest).toBe(want.configDigest);
    expect(img.layers.map((l) => l.computed.diffId)).toEqual(want.diffIds);
    expect(img.layers.map((l) => l.fileCount)).toEqual(want.layers.map((l) => l.entryCount));
  });

  it('text (default): readable summary, no escape sequences when stdout is not a terminal', async () => {
    const r = await cli(['inspect', fx['umoci-oci-layout.tar'].path]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('integrity ✓');
    expect(r.stdout).toContain('image v1  linux/amd64  created 2023-11-14T22:13:20Z');
    expect(r.stdout).toMatch(/ok: readable, every integrity check passed\n$/);
    expect(r.stdout).not.toContain('\x1b');
    expect(r.stderr).toBe('');
  });

  it('markdown and html', async () => {
    const f = fx['umoci-oci-layout.tar'];
    const md = await cli(['inspect', f.path, '--format', 'markdown']);
    expect(md.status).toBe(0);
    expect(md.stdout.split('\n')[0]).toBe(`### tarscope: ✅ ok — ${f.path.replace(/[\\`*_[\]#!~$]/g, '\\$&').replace(/-/, '-')}`);
    expect(md.stdout).toContain('| archive | size | layout |');
    const html = await cli(['inspect', f.path, '--format', 'html']);
    expect(html.status).toBe(0);
    expect(html.stdout.startsWith('<!doctype html>')).toBe(true);
    const json = html.stdout.match(/<script type="application\/json" id="tarscope-report">([^<]*)<\/script>/)![1];
    expect(inspectionSchemaErrors(JSON.parse(json))).toEqual([]);
  });

  it('--output FILE: the extension picks the format; nothing on stdout', async () => {
    const f = fx['plain.tar'];
    for (const [file, head] of [
      ['out.json', '{'],
      ['out.md', '### tarscope'],
      ['out.html', '<!doctype html>'],
      ['out.txt', f.path],
    ]) {
      const r = await cli(['inspect', f.path, '--output', file]);
      expect(r).toEqual({ status: 0, stdout: '', stderr: '' });
      expect(readFileSync(join(tmp, file), 'utf8').startsWith(head)).toBe(true);
    }
    const bad = await cli(['inspect', f.path, '-o', 'no-such-dir/x.json']);
    expect(bad).toEqual({ status: 2, stdout: '', stderr: 'tarscope: cannot write no-such-dir/x.json: no such file or directory\n' });
    const r = await cli(['inspect', f.path, '-o', 'forced.md', '-f', 'json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(join(tmp, 'forced.md'), 'utf8')).kind).toBe('inspection');
  });

  it('a truncated archive → exit 2, the error on stderr, the partial report still valid', async () => {
    const src = readFileSync(fx['umoci-oci-layout.tar'].path);
    const cut = join(tmp, 'truncated.tar');
    writeFileSync(cut, src.subarray(0, Math.floor(src.length / 2) + 100));
    const r = await cli(['inspect', cut, '--format', 'json']);
    expect(r.status).toBe(2);
    const report = JSON.parse(r.stdout) as InspectionReport;
    expect(inspectionSchemaErrors(report)).toEqual([]);
    expect(report.inputs[0].error).toMatch(/truncated|ends|unexpected end/i);
    expect(r.stderr).toBe(`tarscope: ${report.inputs[0].error}\n`);
  });

  it('a layer that does not match its diff_id (zstd:chunked writer defect) → exit 1', async () => {
    const r = await cli(['inspect', fx['skopeo-oci-archive-zstd-chunked.tar'].path, '--format', 'json']);
    expect(r.status).toBe(1);
    const checks = (JSON.parse(r.stdout) as InspectionReport).inputs[0].integrity.checks.filter((c) => !c.ok);
    expect(checks.map((c) => c.kind)).toEqual(['diff-id']);
  });

  it('--threads 1 gives the same report as the default pool', async () => {
    const f = fx['skopeo-oci-archive-gzip9.tar'];
    const [a, b] = await Promise.all([cli(['inspect', f.path, '-f', 'json', '--threads', '1']), cli(['inspect', f.path, '-f', 'json'])]);
    expect(stable(JSON.parse(a.stdout))).toEqual(stable(JSON.parse(b.stdout)));
  });
});

describe('cli: diff', () => {
  const A = () => fx['umoci-oci-layout.tar'].path;
  const B = () => fx['umoci-oci-layout-mtime-b.tar'].path; // the same build a day later (fixture notes)

  it('an archive against itself → exit 0, verdict identical', async () => {
    const r = await cli(['diff', A(), A(), '-f', 'json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as ComparisonReport;
    expect(comparisonSchemaErrors(report)).toEqual([]);
    expect(report.verdict).toBe('identical');
    expect(report.causes).toEqual([]);
    expect(report.stats.phase).toBe('final');
  });

  it('a rebuild whose mtimes moved → exit 1, metadata-only, file.mtime with the one-day pattern', async () => {
    const r = await cli(['diff', A(), B(), '-f', 'json']);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as ComparisonReport;
    expect(comparisonSchemaErrors(report)).toEqual([]);
    expect(report.verdict).toBe('metadata-only');
    expect(report.causes.map((c) => c.id)).toEqual(['file.mtime']);
    expect(report.causes[0].summary).toMatch(/every B mtime is 1 day later/);
    expect(report.inputs.map((i) => i.error)).toEqual([null, null]);
  });

  it('layers over 1 MiB are compared by XXH64, then every digest verified; --no-verify skips that and says so', async () => {
    // Layers the listing does not digest itself go through the fast scan and the verification.
    const layers = [1, 2].map((seed) => layerTar([{ name: `big-${seed}.bin`, data: noise(3 << 20, seed), mode: 0o644, mtime: 1_700_000_000 }]));
    const file = join(tmp, 'big-layers.tar');
    writeFileSync(file, buildOciArchive([{ tags: ['big:1'], layers }], nodeHooks).tar);
    const verified = await cli(['diff', file, file, '-f', 'json']);
    expect(verified.status).toBe(0);
    const r = JSON.parse(verified.stdout) as ComparisonReport;
    expect(comparisonSchemaErrors(r)).toEqual([]);
    expect(r.stats.verification).toMatchObject({ state: 'done', blobs: 4, rescanned: 0 });
    expect(r.stats.digestsVerified).toBe(true);
    expect(r.inputs[0].images[0].layers[0].files[0].xxh64).toMatch(/^[0-9a-f]{16}$/);
    expect(r.inputs[0].images[0].layers[0].computed.blobSha256).toBe(r.inputs[0].images[0].layers[0].digest);

    const skipped = await cli(['diff', file, file, '-f', 'json', '--no-verify']);
    expect(skipped.status).toBe(0);
    const s = JSON.parse(skipped.stdout) as ComparisonReport;
    expect(comparisonSchemaErrors(s)).toEqual([]);
    expect(s.stats.verification.state).toBe('skipped');
    expect(s.stats.digestsVerified).toBe(false);
    expect(s.inputs[0].images[0].layers[0].computed.blobSha256).toBeNull();
    const text = await cli(['diff', file, file, '--no-verify']);
    expect(text.stdout).toMatch(/blob digests and diff_ids not verified \(verification off; files compared by XXH64\)/);
    expect((await cli(['inspect', file, '--no-verify'])).status).toBe(2);
  });

  it('--ignore-timestamps (and --semantic) → exit 0, no cause left, the headline says why', async () => {
    for (const flag of ['--ignore-timestamps', '--semantic']) {
      const r = await cli(['diff', A(), B(), flag, '-f', 'json']);
      expect(r.status, flag).toBe(0);
      const report = JSON.parse(r.stdout) as ComparisonReport;
      expect(report.options.timestamps).toBe(true);
      expect(report.causes).toEqual([]);
      expect(report.headline).toMatch(/^Equivalent when ignoring timestamps/);
    }
  });

  it('--semantic → exit 0 on golden pairs that differ only in what it ignores (embedded .pyc/zip/gzip times included), 1 without it; 1 with it where a content change remains', async () => {
    // tests/pairs/pairs.ts: how each pair is made says what differs
    const cases: [string, number][] = [
      ['semantic-only', 0], // .pyc source mtime, jar entry times, .gz MTIME, file mtimes, owner names, pax format, member order
      ['pyc-mtime', 0],
      ['zip-entry-times', 0],
      ['gzip-file-mtime', 0],
      ['config-created-history', 0],
      ['outer-order', 0],
      ['index-annotations', 0], // an image name (diffoci's --ignore-image-name)
      ['zip-entry-content', 1], // a jar entry's data changed too
    ];
    for (const [name, semantic] of cases) {
      const p = PAIRS.find((x) => x.name === name)!;
      const files = [await sourcePath(p.a), await sourcePath(p.b)];
      const plain = await cli(['diff', ...files, '-f', 'json']);
      expect(plain.status, `${name} without --semantic`).toBe(1);
      const r = await cli(['diff', ...files, '--semantic', '-f', 'json']);
      expect(r.status, `${name} with --semantic`).toBe(semantic);
      const report = JSON.parse(r.stdout) as ComparisonReport;
      // .pyc and .gz are decided from the scan's fingerprints (engine/times-fingerprint.ts), zips read back
      const emb = report.stats.embeddedTimestamps;
      if (name === 'pyc-mtime' || name === 'gzip-file-mtime') {
        expect(emb!.candidates, name).toBeGreaterThan(0);
        expect(emb!.fromScan, name).toBe(emb!.candidates);
      }
      if (name === 'zip-entry-times') {
        expect(emb!.classified, name).toBeGreaterThan(0);
        expect(emb!.fromScan, name).toBeUndefined();
      }
      if (semantic === 0) {
        expect(report.causes, name).toEqual([]);
        expect(report.headline, name).toMatch(/^Equivalent when ignoring/);
      } else expect(report.causes.map((c) => c.id)).toEqual(['file.content']);
    }
  }, 120_000);

  it('text (default) and markdown name the verdict and the cause; a step summary fits', async () => {
    const text = await cli(['diff', A(), B()]);
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/metadata-only/);
    expect(text.stdout).toMatch(/file\.mtime/);
    expect(text.stdout).not.toMatch(/\x1b\[/);
    const md = await cli(['diff', A(), B(), '--format', 'markdown']);
    expect(md.status).toBe(1);
    expect(md.stdout).toMatch(/file\.mtime/);
    expect(md.stdout.length).toBeLessThan(60_000);
  });

  it('B cut short → exit 2, verdict unreadable, input.truncated first, the report still written', async () => {
    const src = readFileSync(B());
    const cut = join(tmp, 'cut-b.tar');
    writeFileSync(cut, src.subarray(0, Math.floor(src.length * 0.6)));
    const r = await cli(['diff', A(), cut, '-f', 'json']);
    expect(r.status).toBe(2);
    const report = JSON.parse(r.stdout) as ComparisonReport;
    expect(comparisonSchemaErrors(report)).toEqual([]);
    expect(report.verdict).toBe('unreadable');
    expect(report.causes[0].id).toBe('input.truncated');
    expect(report.causes[0].summary).toMatch(/ends at byte [\d,]+/);
    expect(report.inputs[0].images.length).toBe(1);
  });

  it('recompressed layers (skopeo gzip level 1 vs 9) → same-filesystem, layer.compression with the gzip evidence', async () => {
    const r = await cli(['diff', fx['skopeo-oci-archive-gzip1.tar'].path, fx['skopeo-oci-archive-gzip9.tar'].path, '-f', 'json']);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as ComparisonReport;
    expect(comparisonSchemaErrors(report)).toEqual([]);
    expect(report.verdict).toBe('same-filesystem');
    const ids = report.causes.map((c) => c.id);
    expect(ids).toContain('layer.compression');
    expect(ids.every((id) => !id.startsWith('file.'))).toBe(true);
    // The forensics job ran in a worker thread and its finding reached the cause's evidence.
    const details = report.causes.flatMap((c) => c.evidence.map((e) => e.detail)).filter((d) => d?.kind === 'compression');
    expect(details.length).toBeGreaterThan(0);
  });
});

/**
 * Issue 12: the exit code is a function of the report alone, the same in every format, and the
 * README's table holds: 1 when the archive was read to its end but a layer or a document in it
 * could not be read, 2 only when the archive itself could not be read to its end. Inputs are
 * built in memory (tests/builders) and written to the temp folder.
 */
describe('cli: exit codes of broken input, the same in every format', () => {
  const good = layerTar([{ name: 'etc/hostname', data: 'box\n' }]);
  /** docker save (< 25) of one image whose only layer blob is `layer` (diff_id: `diffOf`). */
  function legacy(layer: Uint8Array, o: { diffOf?: Uint8Array; manifest?: string; configExtra?: string } = {}): Uint8Array {
    const cfg = `{"architecture":"amd64","os":"linux"${o.configExtra ?? ''},"rootfs":{"type":"layers","diff_ids":["sha256:${sha256hex(o.diffOf ?? good)}"]}}`;
    const cfgName = `${sha256hex(new TextEncoder().encode(cfg))}.json`;
    const manifest = o.manifest ?? JSON.stringify([{ Config: cfgName, RepoTags: ['x:1'], Layers: ['l/layer.tar'] }]);
    return buildTar([
      { name: cfgName, data: cfg },
      { name: 'l/layer.tar', data: layer },
      { name: 'manifest.json', data: manifest },
    ]);
  }
  const gz = (b: Uint8Array) => new Uint8Array(gzipSync(b));
  const badCrc = (() => {
    const g = gz(good);
    g[g.length - 6] ^= 1;
    return g;
  })();
  const text = (d: unknown) => (d instanceof Uint8Array ? new TextDecoder().decode(d) : String(d));
  const oci = (edit: (index: string) => string) =>
    buildOciArchive([{ tags: ['v1'], layers: [good] }], nodeHooks, {
      transform: (es) => es.map((e) => (e.name === 'index.json' ? { ...e, data: edit(text(e.data)) } : e)),
    }).tar;
  const cases: [string, number, () => Uint8Array, RegExp][] = [
    ['a readable archive', 0, () => legacy(good), /^$/],
    [
      'a layer tar with a bad header checksum',
      1,
      () => legacy(buildTar([{ name: 'a', data: 'x', badChecksum: true }])),
      /tar: .*bad header checksum at offset 0/,
    ],
    ['a gzip layer cut in half', 1, () => legacy(gz(good).subarray(0, 30), { diffOf: good }), /gzip: truncated/],
    ['a gzip layer with a bad CRC', 1, () => legacy(badCrc), /gzip: CRC32 mismatch/],
    ['an xz layer', 1, () => legacy(new Uint8Array([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0, 4, 0xe6, 0xd6, 0xb4, 0x46])), /xz is not supported/],
    ['a layer of random bytes', 1, () => legacy(noise(1 << 20, 7)), /layer: l\/layer\.tar: it is not a tar \(no tar header at offset 0\)/],
    ['gzip inside gzip', 1, () => legacy(gz(gz(good))), /layer: l\/layer\.tar: gzip inside gzip/],
    ['manifest.json holding []', 1, () => legacy(good, { manifest: '[]' }), /manifest\.json: manifest\.json holds no images/],
    ['an index.json with no manifests', 1, () => oci(() => '{"schemaVersion":2,"manifests":[]}'), /index\.json: index\.json holds no images/],
    [
      'a descriptor of an unknown media type',
      1,
      () => oci((i) => i.replace('application/vnd.oci.image.manifest.v1+json', 'application/x-unknown')),
      /holds no images: 1 descriptor of other media types skipped/,
    ],
    [
      'a config nested 100,000 levels deep',
      1,
      () => legacy(good, { configExtra: `,"deep":${'['.repeat(100_000)}${']'.repeat(100_000)}` }),
      /JSON nested too deeply: 100001 levels of arrays and objects \(limit 256\)/,
    ],
    ['a .tar.gz.gz', 2, () => gz(gz(legacy(good))), /^archive: the file is gzip inside gzip: its gzip stream holds gzip-compressed data, not a tar/],
    ['an archive cut inside a header', 2, () => legacy(good).subarray(0, 1500), /tar: archive truncated inside a header at offset 1024/],
  ];
  it.each(cases)(
    '%s → inspect exits %i in text, json, markdown and html',
    async (name, code, build, message) => {
      const file = join(tmp, `exit-${name.replace(/\W+/g, '-')}.tar`);
      writeFileSync(file, build());
      const runs = await Promise.all(['text', 'json', 'markdown', 'html'].map((f) => cli(['inspect', file, '--format', f])));
      expect(runs.map((r) => r.status)).toEqual([code, code, code, code]);
      const report = JSON.parse(runs[1].stdout) as InspectionReport;
      expect(inspectionSchemaErrors(report)).toEqual([]);
      expect(report.inputs[0].errors.map((e) => e.message).join('\n')).toMatch(message);
      expect(report.inputs[0].readToEnd).toBe(code !== 2);
      // stderr names the error that stopped the reading, only then
      expect(runs[0].stderr).toBe(code === 2 ? `tarscope: ${report.inputs[0].error}\n` : '');
    },
    60_000,
  );

  it('diff: a layer B could not read is a difference (exit 1), not an unreadable archive (exit 2)', async () => {
    const a = join(tmp, 'exit-diff-good.tar');
    const b = join(tmp, 'exit-diff-badlayer.tar');
    writeFileSync(a, legacy(good));
    writeFileSync(b, legacy(buildTar([{ name: 'a', data: 'x', badChecksum: true }])));
    const runs = await Promise.all(['text', 'json', 'markdown', 'html'].map((f) => cli(['diff', a, b, '--format', f])));
    expect(runs.map((r) => r.status)).toEqual([1, 1, 1, 1]);
    const report = JSON.parse(runs[1].stdout) as ComparisonReport;
    expect(report.verdict).not.toBe('unreadable');
    expect(report.causes.map((c) => c.id)).toContain('input.corrupt');
  }, 60_000);

  it('diff: an error on stderr says which input, A or B', async () => {
    const a = join(tmp, 'exit-diff-a.tar');
    const b = join(tmp, 'exit-diff-b.tar');
    writeFileSync(a, legacy(good));
    writeFileSync(b, legacy(good).subarray(0, 1500));
    const r = await cli(['diff', a, b, '-f', 'json']);
    expect(r.status).toBe(2);
    const report = JSON.parse(r.stdout) as ComparisonReport;
    expect(r.stderr).toBe(`tarscope: B (${b}): ${report.inputs[1].error}\n`);
  }, 60_000);
});

describe('cli: progress line and colours', () => {
  // Big enough (96 MiB) that the scan outlasts a few progress intervals (100 ms).
  let big: string;
  beforeAll(() => {
    big = join(tmp, 'big.tar');
    const data = new Uint8Array(96 * 1024 * 1024).map((_, i) => (i * 2654435761) >>> 24);
    writeFileSync(big, buildTar([{ name: 'data.bin', data }]));
  });

  it('no progress line when stderr is not a terminal', async () => {
    const r = await cli(['inspect', fx['skopeo-oci-archive.tar'].path, '-f', 'json']);
    expect(r.stderr).toBe('');
  });

  const LINE = /\r\x1b\[2Ktarscope: reading (structure|layers) {2}[\d.]+ (B|KiB|MiB) \/ 96\.0 MiB \(\d+%\) {2}[\d.]+ (B|KiB|MiB|GiB)\/s {2}ETA \S+/;

  it('TARSCOPE_PROGRESS=1 forces it: bytes, percent, rate, ETA; erased at the end', async () => {
    const r = await cli(['inspect', big, '-f', 'json'], { TARSCOPE_PROGRESS: '1' });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(LINE);
    expect(r.stderr.startsWith('\r\x1b[2Ktarscope: ')).toBe(true);
    expect(r.stderr.endsWith('\r\x1b[2K')).toBe(true);
    expect(JSON.parse(r.stdout).kind).toBe('inspection');
  });

  it('on a real terminal (script -q): progress on stderr, colours in text; NO_COLOR and TARSCOPE_PROGRESS=0 turn them off', () => {
    const run = (env: string) =>
      spawnSync('script', ['-q', '-e', '-c', `${env} ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} inspect ${JSON.stringify(big)}`, '/dev/null'], {
        cwd: tmp,
        encoding: 'utf8',
        timeout: 50_000,
        env: { ...process.env, TERM: 'xterm', NO_COLOR: '', FORCE_COLOR: '', TARSCOPE_PROGRESS: '' },
      });
    const tty = run('');
    expect(tty.status).toBe(0);
    expect(tty.stdout).toMatch(LINE);
    expect(tty.stdout).toMatch(/\x1b\[1m.*big\.tar\x1b\[22m/);
    const plain = run('NO_COLOR=1 TARSCOPE_PROGRESS=0');
    expect(plain.status).toBe(0);
    expect(plain.stdout).not.toContain('\x1b');
    expect(plain.stdout).toContain('files 1 (96.0 MiB of content)');
  });
});

describe('node runner: worker_threads', () => {
  it.each(FIXTURE_NAMES.map((n) => [n]))('%s: the same report as the in-process runner', async (name) => {
    const path = fx[name].path;
    const pool = createNodeRunner({ size: 2, threadUrl: THREAD });
    try {
      const threads = await inspectArchive(pool, await openFileBlob(path), name);
      const inline = await inspectArchive(inlineRunner(), await openAsBlob(path), name);
      expect(stable(threads)).toEqual(stable(inline));
    } finally {
      pool.dispose();
    }
  });

  it('a thread that exits mid-job rejects the job instead of hanging', async () => {
    const dying = join(tmp, 'dying-thread.mjs');
    writeFileSync(dying, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n");
    const pool = createNodeRunner({ size: 1, threadUrl: pathToFileURL(dying) });
    try {
      const blob = await openFileBlob(fx['plain.tar'].path);
      await expect(pool.scan(blob, { path: 'x' })).rejects.toThrow('worker: the engine thread exited (code 3)');
    } finally {
      pool.dispose();
    }
  });
});

describe('FileBlob', () => {
  let path: string;
  let bytes: Uint8Array;
  beforeAll(() => {
    bytes = new Uint8Array(300_000).map((_, i) => (i * 7919) % 251);
    path = join(tmp, 'blob.bin');
    writeFileSync(path, bytes);
  });

  it('slices like a native Blob (negative, reversed, out-of-range, nested)', async () => {
    const fb = await openFileBlob(path);
    const nb = await openAsBlob(path);
    const cases: [number?, number?][] = [[], [0], [10, 20], [-100], [-100, -10], [20, 10], [-1e9, 1e9], [299_990, 400_000]];
    for (const [s, e] of cases) {
      const a = new Uint8Array(await fb.slice(s, e).arrayBuffer());
      const b = new Uint8Array(await nb.slice(s, e).arrayBuffer());
      expect(a, `slice(${s}, ${e})`).toEqual(b);
      expect(fb.slice(s, e).size).toBe(nb.slice(s, e).size);
    }
    // Fractions truncate (File API "clamp"); not compared with Node's Blob: Node 20.20
    // aborts the process on `blob.slice(5.7)` (Assertion failed: args[0]->IsUint32()).
    expect(new Uint8Array(await fb.slice(5.7, 9.2).arrayBuffer())).toEqual(bytes.subarray(5, 9));
    const nested = fb.slice(1000, 200_000).slice(-500, -100).slice(50);
    expect(new Uint8Array(await nested.arrayBuffer())).toEqual(bytes.subarray(199_550, 199_900));
    expect(nested).toBeInstanceOf(Blob);
  });

  it('streams through BYOB and default readers, before and after the file is open', async () => {
    for (const settled of [false, true]) {
      for (const mode of ['byob', 'default'] as const) {
        const range = { path, start: 1234, end: 250_000, fileSize: bytes.length };
        const fb = new FileBlob(range);
        if (settled) await fb.ready();
        const stream = fb.stream();
        const out: number[] = [];
        if (mode === 'byob') {
          const reader = stream.getReader({ mode: 'byob' });
          for (;;) {
            const r = await reader.read(new Uint8Array(65_536));
            if (r.done) break;
            out.push(...r.value);
          }
        } else {
          const reader = stream.getReader();
          for (;;) {
            const r = await reader.read();
            if (r.done) break;
            out.push(...r.value);
          }
        }
        expect(new Uint8Array(out), `${mode}, settled ${settled}`).toEqual(bytes.subarray(1234, 250_000));
      }
    }
  });

  it('a file that changed size since it was opened fails with its name', async () => {
    const p = join(tmp, 'changing.bin');
    writeFileSync(p, 'abc');
    const fb = new FileBlob({ path: p, start: 0, end: 3, fileSize: 4 });
    await expect(fb.text()).rejects.toThrow(`file: ${p} changed while it was being read (4 bytes when opened, 3 bytes now)`);
  });
});

describe('cli: hostile names', () => {
  const NAMES = [
    '<script>alert(1)</script>',
    'x</script><script>alert(2)</script>',
    `q"u'o"te onmouseover="alert(3)`,
    '</textarea><img src=x onerror=alert(4)>',
    'end]]>',
    'esc\x1b[31mred\x1b[0m\nnewline',
    'invoice\u202Egpj.exe',
    `${'long/'.repeat(400)}name`,
  ];
  let archive: string;
  beforeAll(() => {
    archive = join(tmp, 'hostile.tar');
    mkdirSync(tmp, { recursive: true });
    writeFileSync(archive, buildTar(NAMES.map((name, i) => ({ name, data: `file ${i}\n`, longName: 'pax' as const }))));
  });

  it('text on a pipe: no raw escape or bidi character reaches the terminal', async () => {
    const r = await cli(['inspect', archive]);
    expect(r.status).toBe(0);
    expect(r.stdout.match(/[\x00-\x09\x0b-\x1f\x7f\u202e]/)).toBeNull();
  });

  it('html in Chromium: no script runs, no request is made, every name is text', async () => {
    const r = await cli(['inspect', archive, '--format', 'html', '--output', 'hostile.html']);
    expect(r.status).toBe(0);
    const { chromium } = await import('playwright-core');
    const { chromiumArgs, chromiumPath } = await import('../../scripts/chromium.mjs');
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      const dialogs: string[] = [];
      page.on('request', (q) => requests.push(q.url()));
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      const url = pathToFileURL(join(tmp, 'hostile.html')).href;
      await page.goto(url);
      // Open every <details> so that nothing stays unrendered.
      await page.evaluate(() => {
        for (const d of document.querySelectorAll('details')) d.open = true;
      });
      const facts = await page.evaluate(() => ({
        scripts: [...document.scripts].map((s) => s.type),
        images: document.images.length,
        handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
        text: document.body.innerText,
        json: (document.getElementById('tarscope-report') as HTMLScriptElement).text,
      }));
      expect(dialogs).toEqual([]);
      expect(requests).toEqual([url]);
      expect(facts.scripts).toEqual(['application/json']);
      expect(facts.images).toBe(0);
      expect(facts.handlers).toEqual([]);
      for (const n of NAMES.slice(0, 5)) expect(facts.text).toContain(n);
      expect(facts.text).toContain('esc\\x1b[31mred\\x1b[0m\\nnewline');
      expect(facts.text).toContain('invoice\\u202egpj.exe');
      const report = JSON.parse(facts.json) as InspectionReport;
      expect(report.inputs[0].files!.map((f) => f.path).sort()).toEqual([...NAMES].sort());
    } finally {
      await browser.close();
    }
  }, 60_000);
});

// Issue 12, point 4, from the findings: "An archive that ends exactly at an entry boundary
// with no end-of-archive blocks exits 0 without saying it may be truncated." It still exits
// 0 (GNU tar does), and now says so on stderr and in the report.
describe('tarscope inspect: reader warnings', () => {
  it('an archive with no end-of-archive marker: exit 0, and stderr says it may be truncated', async () => {
    writeFileSync(join(tmp, 'cut.tar'), buildTar([{ name: 'a', data: 'x' }], { endBlocks: 0 }));
    const r = await cli(['inspect', 'cut.tar', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('tarscope: warning: tar: no end-of-archive marker: the archive ends at offset 1024 right after an entry, and may be truncated\n');
    expect(JSON.parse(r.stdout).inputs[0].warnings[0].code).toBe('no-end-marker');
    writeFileSync(join(tmp, 'ok.tar'), buildTar([{ name: 'a', data: 'x' }]));
    const ok = await cli(['inspect', 'ok.tar', '--format', 'json']);
    expect([ok.status, ok.stderr]).toEqual([0, '']);
  });
});
