/**
 * HttpBlob against a real HTTP server (server.ts): every read is a Range request, slices
 * of slices ask for the right bytes, chunked == one-shot, and each way a server can go
 * wrong ends in an error that names the URL and the offset. And the engine itself: the
 * inspection of an archive read over HTTP equals the inspection of the same bytes in memory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { HttpBlob, parseContentRange } from '../../../src/remote/http-blob';
import { openUrl } from '../../../src/remote/open';
import { RemoteError } from '../../../src/remote/errors';
import { inspectArchive } from '../../../src/engine/inspect';
import { inlineRunner } from '../../../src/engine/inline';
import { readChunks } from '../../../src/io/read';
import { imageFixtures } from '../../fixtures/images';
import { startServer, type TestServer } from './server';

const DATA = new Uint8Array(300_000).map((_, i) => (i * 7 + (i >> 8)) & 0xff);
let server: TestServer;
let fixture: Uint8Array;

beforeAll(async () => {
  const fx = await imageFixtures();
  fixture = new Uint8Array(readFileSync(fx['skopeo-oci-archive.tar'].path));
  server = await startServer({ files: { 'data.bin': DATA, 'image.tar': fixture, 'empty.bin': new Uint8Array(0) } });
}, 300_000);
afterAll(() => server?.close());

const blobAt = (path: string, total = DATA.length) => new HttpBlob({ url: `${server.url}${path}`, start: 0, end: total, total });

async function all(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of stream as unknown as AsyncIterable<Uint8Array>) parts.push(c);
  return new Uint8Array(await new Blob(parts as BlobPart[]).arrayBuffer());
}

describe('HttpBlob', () => {
  it('parses Content-Range', () => {
    expect(parseContentRange('bytes 0-0/1234')).toEqual({ start: 0, end: 1, total: 1234 });
    expect(parseContentRange('bytes 10-19/*')).toEqual({ start: 10, end: 20, total: null });
    expect(parseContentRange('bytes */1234')).toBeNull();
    expect(parseContentRange(null)).toBeNull();
  });

  it('reads slices of slices with one Range request each, same bytes as Blob.slice', async () => {
    const b = blobAt('/range/data.bin');
    const ref = new Blob([DATA]);
    server.log.length = 0;
    const s = b.slice(1000, 200_000).slice(-5000, -10);
    expect(s.size).toBe(ref.slice(1000, 200_000).slice(-5000, -10).size);
    expect(new Uint8Array(await s.arrayBuffer())).toEqual(new Uint8Array(await ref.slice(1000, 200_000).slice(-5000, -10).arrayBuffer()));
    expect(server.log.map((l) => l.range)).toEqual(['bytes=195000-199989']);
    expect(await b.slice(5, 5).arrayBuffer()).toEqual(new ArrayBuffer(0));
    expect(b.slice(2.9, 7.5).size).toBe(5);
  });

  it('streams: chunked read (BYOB, 16 KiB) == one-shot == the bytes', async () => {
    const b = blobAt('/range/data.bin').slice(123, 250_123);
    const chunks: Uint8Array[] = [];
    for await (const c of readChunks(b, { chunkSize: 16384 })) chunks.push(c);
    expect(chunks.every((c) => c.length <= 16384)).toBe(true);
    const chunked = new Uint8Array(await new Blob(chunks as BlobPart[]).arrayBuffer());
    expect(chunked).toEqual(DATA.subarray(123, 250_123));
    expect(await all(b.stream())).toEqual(chunked);
  });

  it('a short answer is an error naming the URL and the offset, not a silently shorter archive', async () => {
    const b = blobAt('/short/data.bin').slice(100, 50_100);
    await expect(b.arrayBuffer()).rejects.toThrow(`HTTP: ${server.url}/short/data.bin: asked for 50000 bytes from offset 100, got 49990 (at offset 100)`);
    await expect(all(b.stream())).rejects.toThrow(
      `HTTP: ${server.url}/short/data.bin: the connection ended after 49990 of 50000 bytes (from offset 100) (at offset 50090)`,
    );
  });

  it('a server that stops honouring Range, a missing file, a file that changed size: each said so', async () => {
    await expect(blobAt('/norange/data.bin').slice(10, 20).arrayBuffer()).rejects.toThrow(
      'asked for bytes 10–19, the server sent the whole file instead: it stopped honouring Range requests',
    );
    await expect(blobAt('/range/gone.bin').slice(10, 20).arrayBuffer()).rejects.toThrow('asked for bytes 10–19, the server answered 404 Not Found');
    await expect(
      blobAt('/range/data.bin', DATA.length + 1)
        .slice(10, 20)
        .arrayBuffer(),
    ).rejects.toThrow(`the file changed on the server while it was being read (${DATA.length + 1} bytes when opened, ${DATA.length} now)`);
  });

  it('cancelling the stream aborts the request', async () => {
    const reader = blobAt('/range/data.bin').stream().getReader();
    await reader.read();
    await reader.cancel();
    expect((await reader.read()).done).toBe(true);
  });
});

describe('openUrl', () => {
  it('a server with Range support: an HttpBlob of the right size, one 1-byte probe, nothing downloaded', async () => {
    server.log.length = 0;
    const s = await openUrl(`${server.url}/range/data.bin?sig=1`);
    expect(s).toMatchObject({ name: 'data.bin', size: DATA.length, mode: 'range', url: `${server.url}/range/data.bin?sig=1` });
    expect(s.blob).toBeInstanceOf(HttpBlob);
    expect(server.log.map((l) => [l.method, l.range, l.bytes])).toEqual([['GET', 'bytes=0-0', 1]]);
  });

  it('a server without Range support: read whole into a Blob, with progress, mode "download"', async () => {
    const seen: [number, number | null][] = [];
    const s = await openUrl(`${server.url}/norange/data.bin`, { onDownload: (n, t) => seen.push([n, t]) });
    expect(s.mode).toBe('download');
    expect(s.blob).not.toBeInstanceOf(HttpBlob);
    expect(new Uint8Array(await s.blob.arrayBuffer())).toEqual(DATA);
    expect(seen.at(-1)).toEqual([DATA.length, DATA.length]);
  });

  it('an empty file (416 to bytes=0-0) opens as an empty archive', async () => {
    const s = await openUrl(`${server.url}/range/empty.bin`);
    expect(s.size).toBe(0);
  });

  it('HTTP errors and bad URLs are RemoteErrors in plain words', async () => {
    const e404 = await openUrl(`${server.url}/range/nope.tar`).catch((e) => e);
    expect(e404).toBeInstanceOf(RemoteError);
    expect(e404).toMatchObject({
      failure: 'http',
      url: `${server.url}/range/nope.tar`,
      message: 'The server answered 404 Not Found: there is no file at this address.',
    });
    const bad = await openUrl('ftp://x.test/a.tar').catch((e) => e);
    expect(bad).toMatchObject({ failure: 'bad-url', message: 'ftp: URLs cannot be fetched; give an http: or https: URL' });
    const down = await openUrl('http://127.0.0.1:1/a.tar').catch((e) => e);
    expect(down).toMatchObject({
      failure: 'unreachable',
      message: 'No answer from 127.0.0.1:1: the server is down, the address is wrong, or the network is unreachable.',
    });
  });

  it('the engine reads an archive over HTTP exactly as from memory, without downloading it whole', async () => {
    server.log.length = 0;
    const s = await openUrl(`${server.url}/range/image.tar`);
    const remote = await inspectArchive(inlineRunner(), s.blob, 'image.tar');
    const local = await inspectArchive(inlineRunner(), new Blob([fixture as Uint8Array<ArrayBuffer>]), 'image.tar');
    const strip = (r: typeof local) => JSON.parse(JSON.stringify(r, (k, v) => (k === 'createdAt' || k === 'elapsedMs' ? undefined : v)));
    expect(strip(remote)).toEqual(strip(local));
    expect(remote.inputs[0].error).toBeNull();
    expect(server.log.every((l) => l.range !== null)).toBe(true); // every request was a Range request
    expect(server.log.length).toBeGreaterThan(2);
    // Streamed, never fetched twice over: no more than twice the archive crosses the wire.
    expect(server.log.reduce((n, l) => n + l.bytes, 0)).toBeLessThanOrEqual(2 * fixture.length + 1);
  });
});
