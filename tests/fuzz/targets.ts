/**
 * What is fuzzed, one target per reader, each a function of one byte string (so a crash is
 * one file that replays it): the tar parser, pax records, the gzip decoder, the zstd frame
 * walker and decoder, layout detection and the JSON documents of layouts (manifest.json,
 * index.json, configs, mutated inside the tar), and the whole engine inspection.
 *
 * Oracle (runner.ts): the only exception allowed is the project's TarscopeError with a
 * code other than 'internal'; each case finishes within a time bound; the output is bounded
 * by the input (entries, bytes delivered, report size). A target throws a plain Error to
 * say an output bound was broken.
 */
import { TarParser, interpretPax, parsePaxRecords } from '../../src/formats/tar';
import { GzipDecoder } from '../../src/formats/gzip/decoder';
import { ZstdFrameWalker } from '../../src/formats/zstd/frame';
import { ZstdDecoder, loadZstd } from '../../src/formats/zstd/decoder';
import { readLayout } from '../../src/image';
import { inspectArchive } from '../../src/engine/inspect';
import { inlineRunner } from '../../src/engine/inline';
import { buildTar, type BuildEntry } from '../builders/tar';
import { readOuter } from '../support/listing';
import { CaptureVisitor } from '../../src/engine/outer-capture';
import { GENERIC, GZIP, PAX, type Mutator, type Rng, TAR, ZSTD, mutateJson } from './mutate';
import { seeds } from './seeds';

export interface Target {
  name: string;
  seeds(): Uint8Array[];
  mutators: readonly Mutator[];
  /** Extra, target-specific mutation applied to some cases (JSON inside a tar). */
  special?(b: Uint8Array, r: Rng): Uint8Array;
  run(b: Uint8Array, r: Rng): void | Promise<void>;
}

/** Chunk sizes a driver might use (1 byte, straddling blocks, whole). */
function chunked(b: Uint8Array, r: Rng, write: (c: Uint8Array) => void): void {
  const sizes = r.pick([[b.length || 1], [1], [511, 513], [7, 4096], [r.int(2000) + 1]]);
  let p = 0;
  let i = 0;
  while (p < b.length) {
    const n = sizes[i++ % sizes.length];
    write(b.subarray(p, p + n));
    p += n;
  }
}

function bound(what: string, value: number, max: number): void {
  if (value > max) throw new Error(`unbounded output: ${what} ${value} > ${max}`);
}

const tar: Target = {
  name: 'tar',
  seeds: () => seeds().tar,
  mutators: TAR,
  run(b, r) {
    let entries = 0;
    let delivered = 0;
    const p = new TarParser({
      entry(e) {
        entries++;
        if (e.name.length > 64 * 1024 * 1024) throw new Error('unbounded name');
        if (r.chance(0.3)) return undefined; // declined: skipped
        return { data: (c) => void (delivered += c.length), end() {} };
      },
    });
    chunked(b, r, (c) => {
      p.write(c);
      if (p.skippable && r.chance(0.5)) p.skip(Math.min(p.skippable, 1 + r.int(4096)));
    });
    const s = p.end();
    bound('entries', entries, b.length / 512 + 1);
    bound('data bytes', delivered, b.length);
    bound('warnings', s.warnings.length, 6);
  },
};

const pax: Target = {
  name: 'pax',
  seeds: () => seeds().pax,
  mutators: PAX,
  run(b) {
    const recs = parsePaxRecords(b, 0);
    bound('records', recs.length, b.length / 4 + 1);
    interpretPax(recs, recs, 0);
  },
};

const gzip: Target = {
  name: 'gzip',
  seeds: () => seeds().gzip,
  mutators: GZIP,
  run(b, r) {
    let out = 0;
    const d = new GzipDecoder((c) => {
      out += c.length;
      // deflate expands at most ~1032x; more means a loop
      bound('gzip output', out, 1032 * b.length + 65536);
    });
    chunked(b, r, (c) => d.write(c));
    d.end();
  },
};

let zstdModule: Awaited<ReturnType<typeof loadZstd>> | undefined;

const zstd: Target = {
  name: 'zstd',
  seeds: () => seeds().zstd,
  mutators: ZSTD,
  async run(b, r) {
    const w = new ZstdFrameWalker();
    chunked(b, r, (c) => {
      let p = 0;
      let guard = 0;
      while (p < c.length) {
        const q = w.consume(c, p);
        if (q <= p && ++guard > 4) throw new Error(`zstd frame walker made no progress at ${w.offset}`);
        p = q;
      }
    });
    w.endState();
    zstdModule ??= await loadZstd();
    let out = 0;
    const d = new ZstdDecoder(zstdModule, (c) => {
      out += c.length;
      bound('zstd output', out, 64 << 20);
    });
    try {
      chunked(b, r, (c) => d.write(c));
      d.end();
    } finally {
      d.dispose?.();
    }
  },
};

/** Rewrites one JSON member of an image tar with mutateJson (the tar stays well-formed). */
function jsonInTar(b: Uint8Array, r: Rng): Uint8Array {
  let contents: Map<string, Uint8Array>;
  let order: { name: string; typeflag: string; linkname: string }[];
  try {
    const o = readOuter(b, () => true);
    contents = o.contents;
    order = o.listing.entries.map((e) => ({ name: e.name, typeflag: e.typeflag, linkname: e.linkname }));
  } catch {
    return b;
  }
  const json = [...contents.keys()].filter((k) => {
    const c = contents.get(k)!;
    return c.length < 256 * 1024 && (c[0] === 0x7b || c[0] === 0x5b);
  });
  if (!json.length) return b;
  const victim = r.pick(json);
  const text = mutateJson(new TextDecoder().decode(contents.get(victim)), r);
  const entries: BuildEntry[] = order.map((e) => {
    const data = e.name.replace(/^\.\//, '') === victim ? text : contents.get(e.name.replace(/^\.\//, ''));
    return { name: e.name, typeflag: e.typeflag === '\0' ? '0' : e.typeflag, linkname: e.linkname || undefined, data };
  });
  return buildTar(entries);
}

const layout: Target = {
  name: 'layout',
  seeds: () => seeds().images.filter((b) => b[0] !== 0x1f && b[0] !== 0x28),
  mutators: TAR,
  special: jsonInTar,
  run(b) {
    // The listing as the engine captures it (src/engine/outer-capture.ts), not a test helper's.
    const v = new CaptureVisitor();
    const p = new TarParser(v);
    p.write(b);
    p.end();
    const archive = readLayout({ entries: v.entries, files: v.files });
    for (const e of archive.errors) if (e.code === 'internal') throw new Error(`internal error in the report: ${e.message}`);
    bound('images', archive.images.length, b.length / 64 + 1);
  },
};

const engine: Target = {
  name: 'engine',
  seeds: () => seeds().images,
  mutators: [...TAR, ...GZIP, ...ZSTD, ...GENERIC],
  special: jsonInTar,
  async run(b) {
    const report = await inspectArchive(inlineRunner(), new Blob([b as Uint8Array<ArrayBuffer>]), 'fuzz.tar');
    const input = report.inputs[0];
    for (const e of input.errors) if (e.code === 'internal') throw new Error(`internal error in the report: ${e.message}`);
    if (input.error === null && input.format.layout === null && b.length > 0) throw new Error('blank report: neither a layout nor an error');
    bound('report JSON', JSON.stringify(report).length, 1_000_000 + 64 * b.length);
  },
};

export const TARGETS: readonly Target[] = [tar, pax, gzip, zstd, layout, engine];
