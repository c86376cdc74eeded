/**
 * Opens an archive at a URL as a re-readable Source for the engine, without downloading it:
 * one probe `Range: bytes=0-0` tells whether the server serves ranges (206 + Content-Range
 * gives the size), and the archive becomes an HttpBlob whose every read is a Range request.
 * A server that ignores Range (200) is read once into a Blob instead — the memory cost the
 * page states (`mode: 'download'`). Failures become RemoteErrors that say, in plain words,
 * which URL, what failed, and what the server must send.
 */
import { HttpBlob, parseContentRange } from './http-blob';
import { corsFixes, httpProblem, RemoteError } from './errors';
import { BadUrl, nameFromUrl, resolveArchiveUrl } from './params';
import { registerHttpBlobTransfer } from './transfer';

// Whoever opens an HttpBlob hands it to the engine's Workers next.
registerHttpBlobTransfer();

export interface RemoteSource {
  name: string;
  size: number;
  blob: Blob;
  url: string;
  /** 'range': read in Range requests, never whole; 'download': the server ignores Range, the archive was read into memory. */
  mode: 'range' | 'download';
}

export interface OpenOptions {
  signal?: AbortSignal;
  /** Where relative URLs resolve and whose origin the CORS advice names (default: the page). */
  base?: string;
  /** Progress of the whole-file download when the server ignores Range. */
  onDownload?: (loaded: number, total: number | null) => void;
}

/** Blob parts of this size let the browser move a download out of the JS heap as it goes. */
const PART = 16 * 1024 * 1024;

export async function openUrl(value: string, opts: OpenOptions = {}): Promise<RemoteSource> {
  const base = opts.base ?? globalThis.location?.href ?? 'http://localhost/';
  const origin = new URL(base).origin;
  let url: string;
  try {
    url = resolveArchiveUrl(value, base);
  } catch (e) {
    throw new RemoteError({ url: value, failure: 'bad-url', message: e instanceof BadUrl ? e.message : String(e), fixes: [] });
  }
  const name = nameFromUrl(url);
  const signal = opts.signal;

  let probe: Response;
  try {
    probe = await fetch(url, { headers: { Range: 'bytes=0-0' }, signal });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw await unreachable(url, base, origin, signal);
  }
  if (probe.status === 206) {
    void probe.body?.cancel();
    let total = parseContentRange(probe.headers.get('Content-Range'))?.total ?? null;
    // Content-Range is hidden unless exposed; Content-Length of a HEAD is readable without it.
    total ??= await headLength(url, signal);
    if (total === null) {
      throw new RemoteError({
        url,
        failure: 'cors',
        message:
          "The server answers Range requests, but does not let this page read the archive's size: its Content-Range header is not exposed to other origins.",
        fixes: ['Access-Control-Expose-Headers: Content-Length, Content-Range'],
      });
    }
    return { name, url, size: total, blob: new HttpBlob({ url, start: 0, end: total, total }), mode: 'range' };
  }
  if (probe.status === 416) {
    // Range Not Satisfiable for bytes=0-0: an empty file. Read it the plain way.
    void probe.body?.cancel();
    probe = await plainGet(url, base, origin, signal);
  }
  if (!probe.ok) {
    void probe.body?.cancel();
    throw new RemoteError(httpProblem(url, probe.status, probe.statusText));
  }
  // 200: the server ignored Range and is sending the whole file.
  const blob = await download(url, probe, signal, opts.onDownload);
  return { name, url, size: blob.size, blob, mode: 'download' };
}

async function plainGet(url: string, base: string, origin: string, signal?: AbortSignal): Promise<Response> {
  try {
    return await fetch(url, { signal });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw await unreachable(url, base, origin, signal);
  }
}

async function headLength(url: string, signal?: AbortSignal): Promise<number | null> {
  try {
    const res = await fetch(url, { method: 'HEAD', signal });
    const n = res.ok ? res.headers.get('Content-Length') : null;
    return n !== null && /^\d+$/.test(n) ? Number(n) : null;
  } catch {
    return null;
  }
}

async function download(url: string, res: Response, signal: AbortSignal | undefined, onDownload?: OpenOptions['onDownload']): Promise<Blob> {
  const header = res.headers.get('Content-Length');
  const total = header !== null && /^\d+$/.test(header) ? Number(header) : null;
  if (!res.body) return new Blob([]);
  const reader = res.body.getReader();
  const parts: Blob[] = [];
  let batch: Uint8Array[] = [];
  let batchBytes = 0;
  let loaded = 0;
  try {
    for (;;) {
      const r = await reader.read();
      if (r.done) break;
      batch.push(r.value);
      batchBytes += r.value.byteLength;
      loaded += r.value.byteLength;
      onDownload?.(loaded, total);
      if (batchBytes >= PART) {
        parts.push(new Blob(batch as BlobPart[]));
        batch = [];
        batchBytes = 0;
      }
    }
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new RemoteError({
      url,
      failure: 'read',
      message: `The download stopped after ${loaded} bytes${total !== null ? ` of ${total}` : ''}: ${e instanceof Error ? e.message : String(e)}.`,
      fixes: ['Try again; a server that answers Range requests lets the page read only what it needs.'],
    });
  }
  parts.push(new Blob(batch as BlobPart[]));
  return new Blob(parts);
}

/**
 * A fetch that failed without a response is either CORS (the server answered, the browser
 * hid it from the page) or no server at all. The browser does not say which, on purpose;
 * a `no-cors` request does: it succeeds (with an unreadable answer) whenever the server answers.
 */
async function unreachable(url: string, base: string, origin: string, signal?: AbortSignal): Promise<RemoteError> {
  if (new URL(base).protocol === 'https:' && url.startsWith('http:')) {
    return new RemoteError({
      url,
      failure: 'unreachable',
      message: 'This page was loaded over https: and the browser blocks requests to plain http: addresses from it (mixed content).',
      fixes: ['Serve the archive over https:.'],
    });
  }
  let answered = false;
  try {
    await fetch(url, { method: 'HEAD', mode: 'no-cors', signal });
    answered = true;
  } catch {
    answered = false;
  }
  if (answered) {
    return new RemoteError({
      url,
      failure: 'cors',
      message: `The server answered, but did not allow this page (${origin}) to read the archive: the response has no Access-Control-Allow-Origin header for it (CORS).`,
      fixes: corsFixes(origin),
    });
  }
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  return new RemoteError({
    url,
    failure: 'unreachable',
    message: offline
      ? 'The browser is offline: the archive cannot be fetched.'
      : `No answer from ${new URL(url).host}: the server is down, the address is wrong, or the network is unreachable.`,
    fixes: offline ? ['Connect to the network and reload.'] : ['Check the address, and that the server is running.'],
  });
}
