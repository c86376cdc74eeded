/**
 * A small HTTP server for the URL-input tests (Node unit tests and the end-to-end tests).
 * Every archive is served under several prefixes, each a kind of server tarscope meets:
 *
 * - `/range/NAME`    Range requests (206 + Content-Range), CORS open with the headers exposed
 * - `/noexpose/NAME` Range requests, CORS open, Content-Range and Content-Length not exposed
 * - `/norange/NAME`  no Range support (always 200 with the whole file), CORS open
 * - `/nocors/NAME`   Range requests, no Access-Control-Allow-Origin (a page on another origin cannot read it)
 * - `/short/NAME`    Range requests that send 10 bytes fewer than asked for (a broken proxy)
 *
 * `static` maps URL prefixes to folders (the built page, docs/, dist-embed/). Every request
 * is logged with its Range header, so tests can check that nothing was downloaded whole.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

export interface Logged {
  method: string;
  path: string;
  range: string | null;
  status: number;
  bytes: number;
}

export interface TestServer {
  url: string;
  log: Logged[];
  /** Replace an archive's bytes (to test "the file changed while it was read"). */
  files: Map<string, Uint8Array>;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
};

export async function startServer(opts: { files?: Record<string, Uint8Array>; static?: Record<string, string> } = {}): Promise<TestServer> {
  const files = new Map(Object.entries(opts.files ?? {}));
  const log: Logged[] = [];

  function send(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string>, body: Uint8Array | string) {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    log.push({ method: req.method!, path: req.url!, range: req.headers.range ?? null, status, bytes: req.method === 'HEAD' ? 0 : bytes.length });
    res.writeHead(status, { 'Content-Length': String(bytes.length), ...headers });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  }

  function archive(req: IncomingMessage, res: ServerResponse, kind: string, name: string) {
    const data = files.get(name);
    const cors: Record<string, string> =
      kind === 'nocors'
        ? {}
        : {
            'Access-Control-Allow-Origin': '*',
            'Access-Control-Allow-Headers': 'Range',
            ...(kind === 'noexpose' ? {} : { 'Access-Control-Expose-Headers': 'Content-Length, Content-Range' }),
          };
    if (req.method === 'OPTIONS') return send(req, res, 204, { ...cors, 'Access-Control-Allow-Methods': 'GET, HEAD' }, '');
    if (!data) return send(req, res, 404, cors, 'not found');
    const type = { 'Content-Type': 'application/x-tar' };
    const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (kind === 'norange' || !m) return send(req, res, 200, { ...cors, ...type, ...(kind === 'norange' ? {} : { 'Accept-Ranges': 'bytes' }) }, data);
    const start = Number(m[1]);
    const end = Math.min(m[2] ? Number(m[2]) + 1 : data.length, data.length);
    if (start >= data.length) return send(req, res, 416, { ...cors, 'Content-Range': `bytes */${data.length}` }, '');
    const cut = kind === 'short' ? Math.max(start, end - 10) : end;
    return send(
      req,
      res,
      206,
      { ...cors, ...type, 'Accept-Ranges': 'bytes', 'Content-Range': `bytes ${start}-${end - 1}/${data.length}` },
      data.subarray(start, cut),
    );
  }

  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url!, 'http://x').pathname);
    const m = /^\/(range|noexpose|norange|nocors|short)\/(.+)$/.exec(path);
    if (m) return archive(req, res, m[1], m[2]);
    for (const [prefix, dir] of Object.entries(opts.static ?? {})) {
      if (!path.startsWith(prefix)) continue;
      const rel = normalize(path.slice(prefix.length) || 'index.html');
      if (rel.startsWith('..')) break;
      const file = join(dir, rel.endsWith('/') ? `${rel}index.html` : rel);
      try {
        if (!statSync(file).isFile()) break;
      } catch {
        break;
      }
      return send(req, res, 200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' }, readFileSync(file));
    }
    send(req, res, 404, {}, 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    log,
    files,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
