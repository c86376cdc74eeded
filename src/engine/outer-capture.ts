/**
 * The visitor shared by both outer passes: keeps the bytes of small candidate files
 * (manifests, configs, indexes: src/image/capture.ts decides) and hands other regular
 * entries to a caller-chosen sink (stream mode) or declines them (seek mode).
 */
import type { EntrySink, TarVisitor } from '../formats/tar/parser';
import type { TarEntry } from '../formats/tar/types';
import { normalizePath } from '../formats/tar/normalize';
import { shouldCapture, isJsonLike } from '../image';

export class CaptureVisitor implements TarVisitor {
  readonly entries: TarEntry[] = [];
  readonly files = new Map<string, Uint8Array>();

  constructor(private readonly other?: (e: TarEntry, name: string) => EntrySink | null) {}

  entry(e: TarEntry): EntrySink | null {
    this.entries.push(e);
    const name = normalizePath(e.name);
    if (shouldCapture(e)) {
      const buf = new Uint8Array(e.size);
      let off = 0;
      const next = this.other?.(e, name) ?? null;
      return {
        data: (c) => {
          buf.set(c, off);
          off += c.length;
          next?.data(c);
        },
        end: () => {
          // Blobs are captured on spec (their name says nothing of their content); keep
          // only those that look like JSON. Named files (manifest.json, VERSION...) stay.
          if (!name.startsWith('blobs/') || isJsonLike(buf)) this.files.set(name, buf);
          next?.end();
        },
      };
    }
    if (e.type !== 'file' && e.type !== 'contiguous') return null;
    return this.other?.(e, name) ?? null;
  }
}
