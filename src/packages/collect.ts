/**
 * Captures the bytes of a layer's package-database files while the scan walks its tar, and
 * parses them at the end of the layer (in the Worker: only the parsed records travel).
 * `entry(path, size)` is called for every regular file; a database file gets a byte sink.
 * Budget: a file over MAX_SOURCE_BYTES, or beyond MAX_LAYER_BYTES for the layer, is listed
 * with an error instead of being read (the report says so).
 */
import { MAX_LAYER_BYTES, MAX_RPM_BYTES, MAX_SOURCE_BYTES, sourceKind } from './paths';
import { readSource } from './read';
import { holdRpm } from './rpm';
import { GO_KEEP, GoScanner, goPackages, parseGoBuildInfo } from './go-buildinfo';
import type { LayerPackages, PackageSource, SourceKind } from './types';

export interface ByteSink {
  data(chunk: Uint8Array): void;
  end(): void;
}

/** Executables smaller than this are not searched for Go build info (Go binaries are MiBs). */
export const MIN_GO_BYTES = 256 * 1024;

interface Pending {
  path: string;
  kind: SourceKind;
  bytes: Uint8Array;
  filled: number;
}

export class PackageCollector {
  private readonly done: Pending[] = [];
  private readonly refused: PackageSource[] = [];
  private readonly go: PackageSource[] = [];
  private budget = MAX_LAYER_BYTES;
  /** rpmdb.sqlite has its own allowance: a Fedora install's is 5–50 MiB. */
  private rpmBudget = MAX_RPM_BYTES;
  private capped = 0;

  /** A sink for this file's bytes when it is a package database (or an executable that may be
   *  a Go binary: `mode` with an x bit, at least MIN_GO_BYTES), else null. */
  entry(path: string, size: number, mode = 0): ByteSink | null {
    const kind = sourceKind(path);
    if (!kind) return mode & 0o111 && size >= MIN_GO_BYTES ? this.goBinary(path) : null;
    if (kind === 'rpm-sqlite') {
      if (size > this.rpmBudget) {
        this.capped++;
        this.refused.push({ path, kind, error: `not read: ${size} bytes, over the rpm database budget (${MAX_RPM_BYTES} bytes a layer)` });
        return null;
      }
      this.rpmBudget -= size;
    } else if (size > MAX_SOURCE_BYTES || size > this.budget) {
      this.capped++;
      this.refused.push({ path, kind, error: `not read: ${size} bytes, over the ${size > MAX_SOURCE_BYTES ? 'per-file' : 'per-layer'} budget` });
      return null;
    } else this.budget -= size;
    const p: Pending = { path, kind, bytes: new Uint8Array(size), filled: 0 };
    return {
      data: (c) => {
        const n = Math.min(c.length, size - p.filled);
        p.bytes.set(n === c.length ? c : c.subarray(0, n), p.filled);
        p.filled += n;
      },
      end: () => {
        if (p.filled === size) this.done.push(p);
      },
    };
  }

  private goBinary(path: string): ByteSink | null {
    if (this.budget < GO_KEEP) return null;
    const scan = new GoScanner();
    return {
      data: (c) => scan.data(c),
      end: () => {
        const kept = scan.result();
        if (!kept) return;
        this.budget -= kept.length;
        const info = parseGoBuildInfo(kept);
        this.go.push(
          info
            ? { path, kind: 'go-binary', goVersion: info.goVersion, packages: goPackages(info, path) }
            : { path, kind: 'go-binary', error: 'Go build info in the pre-1.18 form (pointers into the data segment): not read' },
        );
      },
    };
  }

  /** The layer's sources, parsed; undefined when it holds no package database. */
  end(): LayerPackages | undefined {
    if (!this.done.length && !this.refused.length && !this.go.length) return undefined;
    // an rpmdb.sqlite is held for the scan job's sqlite step (rpm.ts), the rest parsed here
    const sources = [
      ...this.done.map((p) => (p.kind === 'rpm-sqlite' ? holdRpm(p.path, p.bytes) : readSource(p.kind, p.path, p.bytes))),
      ...this.go,
      ...this.refused,
    ];
    return this.capped
      ? { sources, capped: `${this.capped} database file(s) not read (budget ${MAX_LAYER_BYTES} bytes a layer, ${MAX_SOURCE_BYTES} a file)` }
      : { sources };
  }
}
