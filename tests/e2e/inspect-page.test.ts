/**
 * End to end: the built site (dist/, `npm test` builds it first) served by `vite preview`,
 * driven in Debian's Chromium through playwright-core, with the real engine (Workers, wasm).
 * A person picks an archive through the "Archive A" input; the page shows its layers and
 * exports the report. Archives: an OCI layout built here (so every expected value is
 * computed independently with node:crypto), a real `skopeo copy docker-archive:` fixture,
 * a truncated archive, and dive's own test image (../shared/corpus-real; dive's figures, the layer
 * explorer at 390 px). Leaves a screenshot in tests/.out/inspect.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { startBuiltSite, type BuiltSite } from '../support/built-site';
import { buildTar, type BuildEntry } from '../builders/tar';
import { imageFixtures } from '../fixtures/images';
import { CORPUS, hasCorpus, ROOT } from '../support/tools';
import type { InspectionReport } from '../../src/report/types';

const DIST = join(ROOT, 'dist');
const OUT = join(ROOT, 'tests/.out');
const sha256 = (b: Uint8Array | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

/** An OCI image layout (what `skopeo copy … oci-archive:` writes), built from scratch. */
function ociArchive() {
  const T = 1_700_000_000;
  const layerTars = [
    buildTar([
      { name: 'etc/', mtime: T },
      { name: 'etc/os-release', data: 'ID=tarscope\n', mtime: T },
      { name: 'usr/', mtime: T },
      { name: 'usr/bin/', mtime: T },
      { name: 'usr/bin/tool', data: new Uint8Array(5000).fill(7), mode: 0o755, mtime: T },
      { name: 'bin', typeflag: '2', linkname: 'usr/bin', mtime: T },
    ]),
    buildTar([
      { name: 'etc/os-release', data: 'ID=tarscope\nVERSION=2\n', mtime: T + 60 },
      { name: 'usr/bin/.wh.tool', mode: 0, mtime: T + 60 },
      { name: 'app/', mtime: T + 60 },
      { name: 'app/main.py', data: 'print("hello")\n', uid: 1000, gid: 1000, uname: 'app', gname: 'app', mtime: T + 60 },
    ]),
  ];
  const fileCounts = [6, 4];
  const layerBlobs = layerTars.map((t) => new Uint8Array(gzipSync(t)));
  const history = [
    { created: '2023-11-14T22:13:20Z', created_by: 'ADD rootfs.tar /' },
    { created: '2023-11-14T22:14:00Z', created_by: 'ENV APP=/app', empty_layer: true },
    { created: '2023-11-14T22:14:20Z', created_by: 'RUN rm /usr/bin/tool && echo VERSION=2 >> /etc/os-release' },
  ];
  const config = json({
    created: '2023-11-14T22:14:20Z',
    architecture: 'amd64',
    os: 'linux',
    config: { Env: ['APP=/app'] },
    rootfs: { type: 'layers', diff_ids: layerTars.map((t) => sha256(t)) },
    history,
  });
  const layerMediaType = 'application/vnd.oci.image.layer.v1.tar+gzip';
  const manifest = json({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(config), size: config.length },
    layers: layerBlobs.map((b) => ({ mediaType: layerMediaType, digest: sha256(b), size: b.length })),
  });
  const index = json({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: sha256(manifest),
        size: manifest.length,
        annotations: { 'org.opencontainers.image.ref.name': 'e2e' },
      },
    ],
  });
  const blob = (b: Uint8Array): BuildEntry => ({ name: `blobs/sha256/${sha256(b).slice(7)}`, data: b, mtime: T });
  // Layer blobs last, so a truncated copy still holds the index, manifest and config.
  const entries: BuildEntry[] = [
    { name: 'oci-layout', data: '{"imageLayoutVersion":"1.0.0"}', mtime: T },
    { name: 'index.json', data: index, mtime: T },
    { name: 'blobs/', mtime: T },
    { name: 'blobs/sha256/', mtime: T },
    blob(manifest),
    blob(config),
    ...layerBlobs.map(blob),
  ];
  const tar = buildTar(entries);
  return {
    tar,
    configDigest: sha256(config),
    created: '2023-11-14T22:14:20Z',
    history,
    lastBlobName: `blobs/sha256/${sha256(layerBlobs[1]).slice(7)}`,
    layers: layerBlobs.map((b, i) => ({
      digest: sha256(b),
      diffId: sha256(layerTars[i]),
      mediaType: layerMediaType,
      size: b.length,
      uncompressedSize: layerTars[i].length,
      fileCount: fileCounts[i],
    })),
  };
}

let site: BuiltSite;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  site = await startBuiltSite();
  ({ baseUrl, browser } = site);
  mkdirSync(OUT, { recursive: true });
});

afterAll(async () => {
  await site?.close();
});

interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
}

async function openPage(width = 1400, colorScheme: 'light' | 'dark' = 'light'): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width, height: 1000 }, colorScheme, acceptDownloads: true });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('response', (r) => r.status() >= 400 && errors.push(`HTTP ${r.status()} ${r.url()}`));
  page.on('request', (r) => requests.push(r.url()));
  // A 1-core device, whatever runs the test: the page does not warm the engine there
  // (src/ui/warm.ts), so what it loads is the page alone (tests/e2e/warm.test.ts: the other case).
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => 1 }));
  await page.goto(baseUrl);
  await page.getByLabel('Archive A', { exact: true }).waitFor({ state: 'attached' });
  return { page, errors, requests };
}

/** Picks the archive through the "Archive A" input and waits until the page is no longer working. */
async function inspect(page: Page, name: string, buffer: Uint8Array): Promise<void> {
  await page.getByLabel('Archive A', { exact: true }).setInputFiles({ name, mimeType: 'application/x-tar', buffer: Buffer.from(buffer) });
  await page.waitForFunction(() => /^(Finished|Cancelled)/.test(document.querySelector('.run-status')?.textContent ?? ''), null, { timeout: 45_000 });
}

async function exportJson(page: Page): Promise<{ filename: string; report: InspectionReport }> {
  const button = page.getByRole('button', { name: 'Export JSON' });
  expect(await button.isEnabled()).toBe(true);
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await download.path();
  return { filename: download.suggestedFilename(), report: JSON.parse(readFileSync(path, 'utf8')) };
}

async function layerRows(page: Page): Promise<{ n: string; digest: string; digestTitle: string; files: string }[]> {
  return page.$$eval('table.layers tbody tr:not(.layer-error)', (rows) =>
    rows.map((r) => {
      const code = r.querySelector('td:nth-of-type(1) code');
      return {
        n: r.querySelector('th')!.textContent!,
        digest: code?.textContent ?? '',
        digestTitle: code?.getAttribute('title') ?? '',
        files: r.querySelector('td:nth-of-type(6)')!.textContent!,
      };
    }),
  );
}

describe('inspector page, built and served', () => {
  it('loads without the engine: the initial JS is small and no worker or wasm is fetched', async () => {
    const { page, errors, requests } = await openPage();
    const js = requests.filter((u) => u.endsWith('.js')).map((u) => new URL(u).pathname.replace(/^\//, ''));
    expect(js.length).toBeGreaterThan(0);
    expect(requests.filter((u) => /engine|worker|\.wasm/.test(u))).toEqual([]);
    const gzipBytes = js.reduce((n, p) => n + gzipSync(readFileSync(join(DIST, p))).length, 0);
    expect(gzipBytes).toBeLessThanOrEqual(100 * 1024);
    expect(await page.getByRole('button', { name: 'Export JSON' }).isDisabled()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('inspects an OCI archive picked through "Archive A", shows its layers and exports the report', async () => {
    const fx = ociArchive();
    const { page, errors, requests } = await openPage();
    await inspect(page, 'oci-e2e.tar', fx.tar);
    expect(await page.textContent('.run-status')).toBe('Finished');
    expect(requests.some((u) => /worker/.test(u))).toBe(true); // the real engine ran

    const rows = await layerRows(page);
    expect(rows.map((r) => r.n)).toEqual(['#1', '#2']);
    expect(rows.map((r) => r.digestTitle)).toEqual(fx.layers.map((l) => l.digest));
    expect(rows.map((r) => r.digest)).toEqual(fx.layers.map((l) => l.digest.slice(7, 19)));
    expect(rows.map((r) => r.files)).toEqual(['6', '4']);
    expect(await page.$$eval('table.history tbody tr td:last-child', (c) => c.map((x) => x.textContent))).toEqual(['#1', 'empty layer', '#2']);
    expect(await page.textContent('.integrity .verdict')).toMatch(/^✓ All \d+ checks passed$/);
    // The merged filesystem: the whiteout removed usr/bin/tool, layer 2 overwrote os-release.
    const merged = await page.$$eval('[role=option] .c-path', (c) => c.map((x) => x.textContent));
    expect(merged).toContain('app/main.py');
    expect(merged).not.toContain('usr/bin/tool');
    await page.getByLabel('Filter paths').fill('**/*.py');
    // The file browser's rows (the layer explorer's tree rows are options too, without .c-path).
    await page.waitForFunction(() => document.querySelectorAll('[role=option] .c-path').length === 1);
    // The layer explorer: the merged tree with its top-level directories, and dive's figures.
    expect(await page.$$eval('.file-tree .tree-row', (r) => r.map((x) => (x as HTMLElement).dataset.path))).toContain('app');
    expect(await page.textContent('.efficiency [data-figure="score"]')).toMatch(/^\d+\.\d\d %$/);

    await page.getByLabel('Filter paths').fill('');
    await page.screenshot({ path: join(OUT, 'inspect.png'), fullPage: true });

    const { filename, report } = await exportJson(page);
    expect(filename).toBe('oci-e2e.tar.tarscope.json');
    expect(report.schemaVersion).toBe(1);
    expect(report.tool.name).toBe('tarscope');
    const input = report.inputs[0];
    expect(input.format.layout).toBe('oci');
    expect(input.format.outerCompression).toEqual({ algorithm: 'none' });
    expect(input.size).toBe(fx.tar.length);
    expect(input.error).toBeNull();
    const im = input.images[0];
    expect(im.config.digest).toBe(fx.configDigest);
    expect(im.created).toBe(fx.created);
    expect(im.history).toEqual(fx.history);
    expect(
      im.layers.map((l) => ({
        digest: l.digest,
        diffId: l.diffId,
        mediaType: l.mediaType,
        size: l.size,
        uncompressedSize: l.uncompressedSize,
        fileCount: l.fileCount,
      })),
    ).toEqual(fx.layers);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('inspects a real docker-archive written by skopeo', async () => {
    const f = (await imageFixtures())['skopeo-docker-archive.tar'];
    const want = f.expect.images[0];
    const { page, errors } = await openPage(900, 'dark');
    await inspect(page, 'skopeo-docker-archive.tar', readFileSync(f.path));
    expect(await page.textContent('.run-status')).toBe('Finished');
    const rows = await layerRows(page);
    expect(rows.map((r) => r.digestTitle)).toEqual(want.layers.map((l) => l.digest));
    expect(rows.map((r) => r.files)).toEqual(want.layers.map((l) => String(l.entryCount)));
    const { report } = await exportJson(page);
    expect(report.inputs[0].images[0].config.digest).toBe(want.configDigest);
    expect(report.inputs[0].images[0].layers.map((l) => l.diffId)).toEqual(want.diffIds);
    await page.screenshot({ path: join(OUT, 'inspect-dark-900.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a truncated archive shows an error naming the component and the place, keeps what was read, and still exports', async () => {
    const fx = ociArchive();
    const cut = fx.tar.subarray(0, fx.tar.length - 1024 - 300);
    const { page, errors } = await openPage(420);
    await inspect(page, 'truncated.tar', cut);
    expect(await page.textContent('.run-status')).toBe('Finished with errors');
    const alert = (await page.getByRole('alert').first().textContent())!;
    expect(alert).toMatch(/^tar: /);
    expect(alert).toContain(fx.lastBlobName);
    expect(alert).toMatch(/offset \d+/);
    // What was read before the error is still on the page: the image and both layer digests.
    expect((await layerRows(page)).map((r) => r.digestTitle)).toEqual(fx.layers.map((l) => l.digest));
    await page.screenshot({ path: join(OUT, 'inspect-error-420.png'), fullPage: true });

    const { filename, report } = await exportJson(page);
    expect(filename).toBe('truncated.tar.tarscope.json');
    const input = report.inputs[0];
    expect(input.error).toBe(alert);
    expect(input.size).toBe(cut.length);
    expect(input.errors[0].component).toBe('tar');
    expect(input.images[0].config.digest).toBe(fx.configDigest);
    expect(errors).toEqual([]);
    await page.close();
  });
  it.skipIf(!hasCorpus)("dive's test image: the page shows dive's efficiency and wasted bytes, and the layer explorer marks what a layer deletes", async () => {
    // The figures dive's own tests assert for this archive (wagoodman/dive
    // dive/image/docker/image_archive_analysis_test.go: efficiency 0.9844212134184309, wasted 32025,
    // user-wasted 0.4834911001404049).
    const { page, errors } = await openPage(390);
    await inspect(page, 'dive__test-docker-image.tar', readFileSync(join(CORPUS, 'dive__test-docker-image.tar')));
    expect(await page.textContent('.run-status')).toBe('Finished');
    expect(await page.getAttribute('.efficiency [data-figure="score"]', 'title')).toBe('0.9844212134184309');
    expect(await page.getAttribute('.efficiency [data-figure="wasted"]', 'data-bytes')).toBe('32025');
    expect(await page.getAttribute('.efficiency [data-figure="user-wasted"]', 'title')).toBe('0.4834911001404049');
    expect(await page.$$eval('table.wasted-files tbody td.path', (c) => c.map((x) => x.textContent).sort())).toEqual([
      'root/example/somefile1.txt',
      'root/example/somefile3.txt',
      'root/saved.txt',
    ]);
    // Layer 10 is `rm -rf /root/example/`: its tree shows the deleted paths, labelled.
    await page.selectOption('.file-tree select', '9');
    await page.fill('.file-tree input[type=search]', 'somefile1');
    await page.waitForFunction(() => document.querySelector('.file-tree .tree-row[data-path="root/example/somefile1.txt"]'));
    expect(await page.textContent('.file-tree .tree-row[data-path="root/example/somefile1.txt"] .tree-mark')).toBe('deleted');
    // 390 px: no horizontal overflow of the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
