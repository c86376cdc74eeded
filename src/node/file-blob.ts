/**
 * A Blob backed by a range of a file on disk that can cross to a worker_thread.
 *
 * Why not hand the engine `fs.openAsBlob(path)` directly: Node refuses to clone a
 * file-backed Blob into another thread ("File-backed Blobs are not cloneable", Node 20),
 * and the engine's slices of it (`file.slice(start, end)`) forget which file they came
 * from. A FileBlob remembers `{path, start, end}`; its slices are FileBlobs, so every blob
 * the engine sends to a thread can be described in a few bytes (transfer.ts) and re-opened
 * there with `fs.openAsBlob`. Reads go through Node's own file-backed Blob: bounded
 * memory, the file is never read whole.
 *
 * `openAsBlob` is asynchronous but a Comlink transfer handler must deserialize
 * synchronously, so the backing Blob is a promise; once it has settled, `stream()` is the
 * native stream (BYOB-capable). Until then it is a byte stream that waits for it.
 */
import { openAsBlob, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { sliceRange } from '../io/slice';

/** What crosses to a thread: enough to re-open the same bytes (see transfer.ts). */
export interface FileRange {
  path: string;
  start: number;
  end: number;
  /** Size of the whole file when it was opened: a re-open that sees another size fails. */
  fileSize: number;
}

/** Per-thread memo: one `openAsBlob` per path, shared by every range of that file. */
const opened = new Map<string, { fileSize: number; blob: Promise<Blob> }>();

function openBacking(path: string, fileSize: number): Promise<Blob> {
  const hit = opened.get(path);
  if (hit && hit.fileSize === fileSize) return hit.blob;
  const blob = openAsBlob(path).then((b) => {
    if (b.size !== fileSize) {
      throw new Error(`file: ${path} changed while it was being read (${fileSize} bytes when opened, ${b.size} bytes now)`);
    }
    return b;
  });
  blob.catch(() => opened.delete(path));
  opened.set(path, { fileSize, blob });
  return blob;
}

export class FileBlob extends Blob {
  readonly range: FileRange;
  private readonly backing: Promise<Blob>;
  /** The backing Blob, once `backing` has resolved (enables the native stream). */
  private settled: Blob | null = null;

  constructor(range: FileRange, backing?: Promise<Blob>) {
    super([]);
    this.range = range;
    this.backing = backing ?? openBacking(range.path, range.fileSize);
    this.backing.then(
      (b) => (this.settled = b),
      () => {},
    );
  }

  override get size(): number {
    return this.range.end - this.range.start;
  }

  override get type(): string {
    return '';
  }

  /** Blob.slice semantics (W3C File API): negative indices count from the end, clamped,
   *  fractions truncated (Node 20's own slice aborts the process on a fraction). */
  override slice(start?: number, end?: number, _contentType?: string): FileBlob {
    const [s, e] = sliceRange(this.size, start, end);
    const { path, fileSize } = this.range;
    return new FileBlob({ path, fileSize, start: this.range.start + s, end: this.range.start + e }, this.backing);
  }

  /** Resolves when the file is open (rejects with the fs error when it cannot be). */
  async ready(): Promise<void> {
    await this.backing;
  }

  private async part(): Promise<Blob> {
    return (await this.backing).slice(this.range.start, this.range.end);
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    return (await this.part()).arrayBuffer();
  }

  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await this.arrayBuffer());
  }

  override async text(): Promise<string> {
    return (await this.part()).text();
  }

  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    if (this.settled) return this.settled.slice(this.range.start, this.range.end).stream() as ReadableStream<Uint8Array<ArrayBuffer>>;
    let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
    const part = () => this.part();
    return new ReadableStream({
      type: 'bytes',
      async pull(controller) {
        reader ??= (await part()).stream().getReader();
        const r = await reader.read();
        if (r.done) {
          controller.close();
          // A pending BYOB read must be answered with an empty view after close.
          controller.byobRequest?.respond(0);
        } else {
          controller.enqueue(r.value as Uint8Array<ArrayBuffer>);
        }
      },
      cancel(reason) {
        return reader?.cancel(reason);
      },
    });
  }
}

/** Opens a file as a FileBlob (the whole file). Throws the fs error when it cannot be read. */
export async function openFileBlob(path: string): Promise<FileBlob> {
  const abs = resolve(path);
  const st = statSync(abs);
  if (!st.isFile()) throw Object.assign(new Error(`${path}: not a regular file`), { code: 'ENOTREG' });
  const blob = new FileBlob({ path: abs, start: 0, end: st.size, fileSize: st.size });
  await blob.ready();
  return blob;
}
