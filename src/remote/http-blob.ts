/**
 * A Blob backed by a byte range of a file on an HTTP server, read with Range requests
 * (RFC 9110 §14). The engine only ever reads Blobs through `slice()`, `stream()` and
 * `arrayBuffer()` (src/io/read.ts), so an archive at a URL is never downloaded whole: the
 * outer pass streams it (or seeks header to header), and each layer blob is its own
 * `slice()` — its own `Range: bytes=start-end` request, in its own Worker.
 *
 * Why a Blob subclass (as src/node/file-blob.ts): the engine hands Blobs to Workers through
 * Comlink, and transfer.ts sends an HttpBlob as its `{url, start, end, total}` and rebuilds it
 * there. Every response is checked: status 206 (200 only for the whole file), Content-Range
 * when the server exposes it (same total: the file did not change), and the exact length.
 */
import { TarscopeError } from '../io/errors';
import { sliceRange } from '../io/slice';

/** What crosses to a Worker: enough to ask for the same bytes again. */
export interface HttpRange {
  url: string;
  start: number;
  end: number;
  /** Size of the whole file when it was opened (a later response with another total fails). */
  total: number;
}

// Upper case: formatError() would take a message starting "http://…" for one already prefixed.
const COMPONENT = 'HTTP';

function fail(message: string, offset?: number): TarscopeError {
  return new TarscopeError({ code: 'truncated', component: COMPONENT, message, offset });
}

/** `bytes 0-99/1234` → {start, end (exclusive), total}; total null for `*`. */
export function parseContentRange(v: string | null): { start: number; end: number; total: number | null } | null {
  const m = v ? /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(v) : null;
  if (!m) return null;
  return { start: Number(m[1]), end: Number(m[2]) + 1, total: m[3] === '*' ? null : Number(m[3]) };
}

export class HttpBlob extends Blob {
  readonly range: HttpRange;

  constructor(range: HttpRange) {
    super([]);
    this.range = range;
  }

  override get size(): number {
    return this.range.end - this.range.start;
  }

  override get type(): string {
    return '';
  }

  /** Blob.slice semantics (W3C File API): negative indices from the end, clamped, truncated. */
  override slice(start?: number, end?: number, _contentType?: string): HttpBlob {
    const [s, e] = sliceRange(this.size, start, end);
    const { url, total } = this.range;
    return new HttpBlob({ url, total, start: this.range.start + s, end: this.range.start + e });
  }

  /** One request for this blob's bytes; the response is checked before its body is read. */
  private async request(signal: AbortSignal): Promise<Response> {
    const { url, start, end, total } = this.range;
    const whole = start === 0 && end === total;
    let res: Response;
    try {
      // Always a Range request, even for the whole file: the 206's Content-Range then confirms
      // the file has not changed since it was opened.
      res = await fetch(url, { headers: { Range: `bytes=${start}-${end - 1}` }, signal });
    } catch (e) {
      if (signal.aborted) throw e;
      throw fail(
        `${url}: the request for bytes ${start}–${end - 1} failed (${e instanceof Error ? e.message : String(e)}): the server stopped answering or the network is down`,
        start,
      );
    }
    if (res.status !== 206 && !(res.status === 200 && whole)) {
      void res.body?.cancel();
      const why =
        res.status === 200
          ? 'the server sent the whole file instead: it stopped honouring Range requests'
          : `the server answered ${res.status} ${res.statusText}`.trim();
      throw fail(`${url}: asked for bytes ${start}–${end - 1}, ${why}`, start);
    }
    if (res.status === 206) {
      const cr = parseContentRange(res.headers.get('Content-Range'));
      // Content-Range is only readable when the server exposes it (CORS); then check it.
      if (cr && (cr.start !== start || cr.end !== end)) {
        void res.body?.cancel();
        throw fail(`${url}: asked for bytes ${start}–${end - 1}, the server sent ${cr.start}–${cr.end - 1}`, start);
      }
      if (cr && cr.total !== null && cr.total !== total) {
        void res.body?.cancel();
        throw fail(`${url}: the file changed on the server while it was being read (${total} bytes when opened, ${cr.total} now)`, start);
      }
    }
    return res;
  }

  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    const want = this.size;
    const start = this.range.start;
    const url = this.range.url;
    const controller = new AbortController();
    let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
    let got = 0;
    const open = async () => {
      const res = await this.request(controller.signal);
      if (!res.body) throw fail(`${url}: the response for bytes ${start}–${start + want - 1} has no body`, start);
      return res.body.getReader();
    };
    return new ReadableStream({
      type: 'bytes',
      async pull(c) {
        if (want === 0) {
          c.close();
          c.byobRequest?.respond(0);
          return;
        }
        reader ??= await open();
        const r = await reader.read();
        if (r.done) {
          if (got !== want) throw fail(`${url}: the connection ended after ${got} of ${want} bytes (from offset ${start})`, start + got);
          c.close();
          // A pending BYOB read must be answered with an empty view after close.
          c.byobRequest?.respond(0);
          return;
        }
        got += r.value.byteLength;
        if (got > want) throw fail(`${url}: the server sent more than the ${want} bytes asked for (from offset ${start})`, start + want);
        c.enqueue(r.value as Uint8Array<ArrayBuffer>);
      },
      cancel(reason) {
        controller.abort(reason);
        return reader?.cancel(reason).catch(() => {});
      },
    });
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    if (this.size === 0) return new ArrayBuffer(0);
    const res = await this.request(new AbortController().signal);
    const buf = await res.arrayBuffer();
    if (buf.byteLength !== this.size) {
      throw fail(`${this.range.url}: asked for ${this.size} bytes from offset ${this.range.start}, got ${buf.byteLength}`, this.range.start);
    }
    return buf;
  }

  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await this.arrayBuffer());
  }

  override async text(): Promise<string> {
    return new TextDecoder().decode(await this.arrayBuffer());
  }
}
