/**
 * The uncompressed side of a layer: computes the diff_id (SHA-256 of the uncompressed
 * tar, OCI image-spec config.md "rootfs.diff_ids"), walks the tar and hashes every
 * regular file. Push-based and synchronous so the same sink serves a layer read from a
 * Blob slice (parallel scan) and a layer met inside a compressed outer stream.
 *
 * Two ways to hash, same digests: the hash-wasm hashers given (the reference), or a run of
 * the tarhash wasm kernel (src/kernels/tarhash.ts, `run`), which hashes the stream
 * and the file contents in one pass over each chunk (wasm/README.md has the measurements).
 * The tar walk is the same TarParser either way.
 */
import { TarParser, type EntrySink, type TarVisitor } from '../formats/tar/parser';
import { PackageCollector } from '../packages/collect';
import type { LayerPackages } from '../packages/types';
import type { TarEntry, TarSummary } from '../formats/tar/types';
import { detectCompression, looksLikeTar } from '../formats/detect';
import type { Algorithm } from '../formats/compression';
import type { Sha256 } from '../hash/sha256';
import { EMPTY_XXH64, type Xxh64 } from '../hash/xxh64';
import type { FileRecord } from '../report/types';
import { toFileRecord } from './file-record';
import type { TarHashRun } from '../kernels/tarhash';
import type { ScanMode } from './scan-mode';
import { expandable, SparseExpander } from './sparse-content';
import { fingerprintKind, HEAD, TimesFingerprint } from './times-fingerprint';

export interface LayerFacts {
  /** 'sha256:<hex>' of the uncompressed tar; null when digests were deferred (`digests: false`). */
  diffId: string | null;
  uncompressedSize: number;
  /** False when the uncompressed bytes are not a tar (e.g. an in-toto attestation). */
  isTar: boolean;
  /** When the bytes were walked and are not a tar: what they start with, a compression's
   *  magic (`gzip`: gzip inside gzip) or `unknown`; `empty` for no bytes at all. */
  notTar?: Algorithm | 'empty';
  files: FileRecord[];
  tar: TarSummary | null;
  /** The package databases the layer holds, parsed (src/packages); absent when none. */
  packages?: LayerPackages;
}

/** Where a layer is and how it is hashed; what to compute is the scan's ScanMode. */
export interface LayerSinkContext {
  /** For error messages: where this layer lives. */
  path?: string;
  /** Hash with this kernel run instead of the hash-wasm hashers (the stream too when `diff`
   *  is given, or when `streamIsBlob`). The sink begins the run; one sink per run at a time. */
  run?: TarHashRun;
  /** With `run` and no `diff`: the bytes are the blob itself (no compression), and the
   *  kernel hashes them for the blob digest (`streamDigest()`), which is then the diff_id. */
  streamIsBlob?: boolean;
  /** Records handed on in batches while the walk goes on (their digests filled in), instead of
   *  all at the end: the records of a layer of 100,000 files are not all held here at once
   *  (records-wire.ts). The facts' `files` and `partialFiles()` are then the rest. */
  onFiles?: (batch: FileRecord[]) => void;
}

/** Records per batch handed to `onFiles`. */
export const FILES_BATCH = 5000;

export class LayerSink {
  private readonly files: FileRecord[] = [];
  /** Hashed records whose digests are not filled in yet (a kernel fills them after the piece). */
  private readonly open = new Set<FileRecord>();
  private parser: TarParser | null = null;
  private head: Uint8Array | null = new Uint8Array(512);
  private headLen = 0;
  private size = 0;
  private isTar = false;
  private notTar: LayerFacts['notTar'];
  private summary: TarSummary | null = null;
  /** Walk the tar ('files'); 'stream' only hashes it. */
  private readonly parse: boolean;
  /** Hash each regular file's content: always XXH64 (equality), SHA-256 too with `sha`. */
  private readonly hashFiles: boolean;
  private readonly sha: boolean;
  /** Package-database files are copied during the walk (src/packages/collect.ts). */
  private readonly pkgs: PackageCollector | null;
  /** The `.pyc`/`.gz` fingerprints' hasher, whenever files are hashed: the small blobs an
   *  uncompressed archive's listing scans on its way (full mode) are a comparison's too. */
  private readonly times: Xxh64 | undefined;
  /** The fingerprints' head, one for all entries (they come one after another). */
  private timesHead: Uint8Array | null = null;

  constructor(
    /** null when the bytes are the blob itself (no compression): the diff_id is then the
     *  blob digest, and hashing the same bytes twice would only cost time. */
    private readonly diff: Sha256 | null,
    /** Tar entries come one after another, so one pair of hashers serves every file. With
     *  `times`, each `.pyc` and `.gz` also gets its `timesMasked` (times-fingerprint.ts). */
    private readonly fileHashers: { sha256: Sha256; xxh64: Xxh64; times?: Xxh64 },
    mode: Pick<ScanMode, 'read' | 'fileHashes'>,
    private readonly where: LayerSinkContext = {},
  ) {
    // 'blob' never gets here (nothing is decompressed); 'stream' hashes without walking.
    this.parse = mode.read === 'files';
    this.hashFiles = mode.fileHashes !== 'none';
    this.sha = mode.fileHashes === 'sha256';
    this.pkgs = this.parse ? new PackageCollector() : null;
    this.times = this.hashFiles ? fileHashers.times : undefined;
    where.run?.begin(diff !== null || !!where.streamIsBlob, { sha256: this.sha, xxh64: true });
  }

  write(chunk: Uint8Array): void {
    this.writeChunk(chunk);
    if (this.where.onFiles && this.files.length >= FILES_BATCH) this.handOn();
  }

  /** Hands on the records read so far whose digests are in, in order (the open ones and any
   *  after them stay until the next write). */
  private handOn(): void {
    let n = this.files.length;
    for (let i = 0; this.open.size && i < n; i++) if (this.open.has(this.files[i])) n = i;
    if (n > 0) this.where.onFiles!(this.files.splice(0, n));
  }

  private writeChunk(chunk: Uint8Array): void {
    this.size += chunk.length;
    const k = this.where.run;
    if (!k) {
      this.diff?.update(chunk);
      this.walk(chunk);
      return;
    }
    // The kernel hashes what the parser found in each piece once the parser is done with
    // it, also when the parser throws (files that ended before the error keep their digest).
    for (let at = 0; at < chunk.length; at += k.capacity) {
      const piece = at === 0 && chunk.length <= k.capacity ? chunk : chunk.subarray(at, at + k.capacity);
      k.chunk(piece);
      try {
        this.walk(piece);
      } catch (e) {
        // The stream digest still covers the whole chunk, as the hash-wasm path's does.
        k.flush();
        this.hashOnly(chunk.subarray(at + piece.length));
        throw e;
      }
      k.flush();
    }
  }

  /** Kernel mode, after write() threw: keep hashing the stream (the blob digest) only. */
  hashOnly(chunk: Uint8Array): void {
    const k = this.where.run!;
    for (let at = 0; at < chunk.length; at += k.capacity) {
      k.chunk(chunk.subarray(at, at + k.capacity));
      k.flush();
    }
  }

  /** Kernel mode: SHA-256 (hex) of every byte written so far (and given to hashOnly). */
  streamDigest(): string {
    return this.where.run!.streamDigest();
  }

  private walk(chunk: Uint8Array): void {
    if (!this.parse) return;
    if (this.head) {
      // Sniff the first block before deciding whether this is a tar at all.
      const n = Math.min(chunk.length, 512 - this.headLen);
      this.head.set(chunk.subarray(0, n), this.headLen);
      this.headLen += n;
      if (this.headLen < 512) return;
      this.decide();
      this.parser?.write(this.head);
      this.head = null;
      chunk = chunk.subarray(n);
      if (!chunk.length) return;
    }
    this.parser?.write(chunk);
  }

  private decide(): void {
    const block = this.head!.subarray(0, this.headLen);
    // An empty layer is just the end-of-archive marker: two zero blocks.
    const allZero = block.length === 512 && block.every((b) => b === 0);
    this.isTar = allZero || looksLikeTar(block);
    if (!this.isTar) this.notTar = block.length === 0 ? 'empty' : detectCompression(block);
    if (this.isTar) this.parser = new TarParser(this.withPackages(this.visitor()), { path: this.where.path });
  }

  private visitor() {
    return {
      entry: (e: TarEntry): EntrySink | null => {
        const hashable = this.hashFiles && (e.type === 'file' || e.type === 'contiguous') && e.size > 0;
        if (this.hashFiles && expandable(e)) return this.sparse(e);
        if (!hashable) {
          const rec = toFileRecord(e);
          if (this.hashFiles && (e.type === 'file' || e.type === 'contiguous') && e.size === 0) {
            if (this.sha) rec.sha256 = EMPTY_SHA256;
            rec.xxh64 = EMPTY_XXH64;
          }
          this.files.push(rec);
          return null;
        }
        // Record at the header, fill in the digests at the end of the data: a stream that is
        // cut inside this file still lists it (without digests) in the partial report.
        const rec = toFileRecord(e);
        this.files.push(rec);
        this.open.add(rec);
        const k = this.where.run;
        if (k) {
          k.fileBegin();
          return this.withTimes(rec, {
            data: (c: Uint8Array) => k.fileData(c),
            end: () =>
              k.fileEnd((d) => {
                if (d.sha256) rec.sha256 = d.sha256;
                if (d.xxh64) rec.xxh64 = d.xxh64;
                this.open.delete(rec);
              }),
          });
        }
        const sha = this.sha ? this.fileHashers.sha256.init() : null;
        const xxh = this.fileHashers.xxh64.init();
        return this.withTimes(rec, {
          data: (c: Uint8Array) => {
            sha?.update(c);
            xxh.update(c);
          },
          end: () => {
            if (sha) rec.sha256 = sha.digest('hex');
            rec.xxh64 = xxh.digest('hex');
            this.open.delete(rec);
          },
        });
      },
    };
  }

  /** The entry's sink, also fingerprinting a `.pyc`/`.gz` (times-fingerprint.ts) when asked. */
  private withTimes(rec: FileRecord, inner: EntrySink): EntrySink {
    const hasher = this.times;
    const kind = hasher ? fingerprintKind(rec.path) : null;
    if (!kind) return inner;
    this.timesHead ??= new Uint8Array(HEAD);
    const fp = new TimesFingerprint(kind, rec.size, hasher!, this.timesHead);
    return {
      data: (c: Uint8Array) => {
        inner.data(c);
        fp.data(c);
      },
      end: () => {
        const v = fp.end();
        if (v !== undefined) rec.timesMasked = v;
        inner.end();
      },
    };
  }

  /**
   * A sparse entry is hashed over its logical content (sparse-content.ts), so it has the
   * digests of a dense copy of the same bytes. Always by the hash-wasm hashers: the kernel
   * hashes views of the piece it was given, and the holes are not in any piece.
   */
  private sparse(e: TarEntry): EntrySink {
    const rec = toFileRecord(e);
    this.files.push(rec);
    this.open.add(rec);
    const sha = this.sha ? this.fileHashers.sha256.init() : null;
    const xxh = this.fileHashers.xxh64.init();
    const x = new SparseExpander(e.sparseMap!, e.realSize!, (v) => {
      sha?.update(v);
      xxh.update(v);
    });
    return {
      data: (c: Uint8Array) => x.data(c),
      end: () => {
        x.end();
        if (sha) rec.sha256 = sha.digest('hex');
        rec.xxh64 = xxh.digest('hex');
        this.open.delete(rec);
      },
    };
  }

  /** `blobDigest` is used as the diff_id when no separate hasher was given (null: deferred). */
  end(blobDigest: string | null = null): LayerFacts {
    if (this.head && this.parse) {
      this.decide();
      if (this.parser && this.headLen) this.parser.write(this.head.subarray(0, this.headLen));
      this.head = null;
    }
    if (this.parser) this.summary = this.parser.end();
    const k = this.where.run;
    const packages = this.pkgs?.end();
    return {
      diffId: this.diff ? 'sha256:' + (k ? k.streamDigest() : this.diff.digest('hex')) : blobDigest,
      uncompressedSize: this.size,
      isTar: this.isTar,
      ...(this.notTar ? { notTar: this.notTar } : {}),
      files: this.files,
      tar: this.summary,
      ...(packages ? { packages } : {}),
    };
  }

  /** Files read so far (for partial reports after an error). */
  partialFiles(): FileRecord[] {
    return this.files;
  }

  /**
   * The visitor, with package-database files (a few paths, `sourceKind`) also copied to the
   * collector: each entry's record is the one the visitor just pushed. One string test per
   * entry; the bytes pass through a second sink only for those files.
   */
  private withPackages(v: TarVisitor): TarVisitor {
    const pkgs = this.pkgs;
    if (!pkgs) return v;
    return {
      ...v,
      entry: (e: TarEntry): EntrySink | null => {
        const inner = v.entry(e) || null;
        if ((e.type !== 'file' && e.type !== 'contiguous') || e.size === 0 || e.sparseMap) return inner;
        const rec = this.files[this.files.length - 1];
        const cap = rec ? pkgs.entry(rec.path, e.size, e.mode) : null;
        if (!cap) return inner;
        return {
          data: (c: Uint8Array) => {
            inner?.data(c);
            cap.data(c);
          },
          end: () => {
            inner?.end();
            cap.end();
          },
        };
      },
    };
  }
}

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
