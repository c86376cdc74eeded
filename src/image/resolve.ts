/**
 * Names inside the outer archive: normalisation, link resolution, digests derived from
 * names, and JSON parsing that reports instead of throwing. Every layout reader works
 * through an `Outer` built once from the OuterListing.
 */
import type { TarEntry } from '../formats/tar/types';
import { normalizePath } from '../formats/tar/normalize';
import { TarscopeError } from '../io/errors';
import type { BlobRef, OuterListing } from './model';
import { MAX_JSON_DEPTH, jsonDepth } from './json-depth';

/**
 * Normalised outer name: the tar reader's normalizePath (strips leading "./" and "/",
 * collapses "//", drops "." components and the trailing "/"). The engine keys
 * OuterListing.files with it, so every lookup here must use the same spelling.
 */
export const normalizeName: (name: string) => string = normalizePath;

/** Joins and resolves "." and ".." (never above the archive root). */
export function joinPath(dir: string, rel: string): string {
  const out: string[] = [];
  const parts = rel.startsWith('/') ? rel.split('/') : [...dir.split('/'), ...rel.split('/')];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out.join('/');
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

// OCI image-spec descriptor.md, "Digests": algorithm ":" encoded.
const DIGEST = /^([a-z0-9]+(?:[+._-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$/;
const HEX64 = /^[0-9a-f]{64}$/;

/** Registered algorithms' encodings (OCI image-spec descriptor.md): lowercase hex of a fixed length. */
const REGISTERED: Record<string, RegExp> = { sha256: /^[a-f0-9]{64}$/, sha512: /^[a-f0-9]{128}$/ };

/** A digest's parts, or null when it is not one: `sha256:zz` is an invalid digest, not a name to look up. */
export function parseDigest(d: unknown): { algorithm: string; encoded: string } | null {
  if (typeof d !== 'string') return null;
  const m = DIGEST.exec(d);
  if (!m || (REGISTERED[m[1]] && !REGISTERED[m[1]].test(m[2]))) return null;
  return { algorithm: m[1], encoded: m[2] };
}

/** OCI image-layout: the blob of a descriptor lives at blobs/<alg>/<encoded>. */
export function blobPath(digest: string): string | null {
  const p = parseDigest(digest);
  return p ? `blobs/${p.algorithm}/${p.encoded}` : null;
}

/**
 * The digest a name promises, when the writer derives names from digests:
 * `blobs/<alg>/<hex>` (OCI layout), `sha256:<hex>` (ggcr tarball config),
 * `<hex>.json` (legacy docker save config), `<hex>.tar.gz` / `<hex>.tar` (ggcr tarball layers).
 * Legacy `<id>/layer.tar` names a v1 layer id, not a digest: undefined.
 */
export function digestFromName(name: string): string | undefined {
  const n = normalizeName(name);
  let m = /^blobs\/([a-z0-9]+(?:[+._-][a-z0-9]+)*)\/([a-zA-Z0-9=_-]+)$/.exec(n);
  if (m) return `${m[1]}:${m[2]}`;
  m = /^sha256:([0-9a-f]{64})$/.exec(n);
  if (m) return `sha256:${m[1]}`;
  m = /^([0-9a-f]{64})\.(?:json|tar|tar\.gz)$/.exec(n);
  if (m) return `sha256:${m[1]}`;
  return undefined;
}

export function isHex64(s: string): boolean {
  return HEX64.test(s);
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; error: TarscopeError };

const utf8 = new TextDecoder('utf-8');

/**
 * Parses JSON; a failure becomes a TarscopeError whose component is the file name. A document
 * nested deeper than MAX_JSON_DEPTH is refused (json-depth.ts says why).
 */
export function parseJson(bytes: Uint8Array, name: string): JsonResult {
  let text = utf8.decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const depth = jsonDepth(text);
  if (depth > MAX_JSON_DEPTH) {
    const message = `${name}: JSON nested too deeply: ${depth} levels of arrays and objects (limit ${MAX_JSON_DEPTH})`;
    return { ok: false, error: new TarscopeError({ code: 'unsupported', component: name, message, path: name }) };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      error: new TarscopeError({ code: 'corrupt', component: name, message: `${name}: not valid JSON: ${detail}`, path: name }),
    };
  }
}

export type Resolution = { ok: true; name: string; entry: TarEntry; via?: string } | { ok: false; reason: string };

/** Maximum link hops, as Linux's MAXSYMLINKS order of magnitude. */
const MAX_HOPS = 16;

const memo = new WeakMap<OuterListing, Outer>();

/** The outer archive seen by name, with links followed. */
export class Outer {
  readonly byName = new Map<string, TarEntry>();
  readonly files: Map<string, Uint8Array>;
  private readonly parsed = new Map<string, JsonResult>();

  /** One Outer per listing: every detector and reader shares the name map and parsed JSON. */
  static of(listing: OuterListing): Outer {
    let o = memo.get(listing);
    if (!o) {
      o = new Outer(listing);
      memo.set(listing, o);
    }
    return o;
  }

  constructor(readonly listing: OuterListing) {
    // A later entry with the same name replaces an earlier one (tar extraction semantics).
    for (const e of listing.entries) this.byName.set(normalizeName(e.name), e);
    this.files = listing.files;
  }

  has(name: string): boolean {
    return this.byName.has(normalizeName(name));
  }

  /** Names of all entries (normalised), in archive order, deduplicated. */
  names(): string[] {
    return [...this.byName.keys()];
  }

  /**
   * Follows symlinks (target relative to the link's directory, as legacy docker save writes
   * `<id>/layer.tar -> ../<other>/layer.tar`) and hardlinks (target relative to the archive root).
   */
  resolve(name: string): Resolution {
    const first = normalizeName(name);
    let cur = first;
    for (let hop = 0; hop <= MAX_HOPS; hop++) {
      const e = this.byName.get(cur);
      if (!e) {
        return hop === 0 ? { ok: false, reason: 'is not in the archive' } : { ok: false, reason: `is a link to ${cur}, which is not in the archive` };
      }
      if (e.type === 'symlink') cur = joinPath(dirname(cur), e.linkname);
      else if (e.type === 'hardlink') cur = joinPath('', e.linkname);
      else return cur === first ? { ok: true, name: cur, entry: e } : { ok: true, name: cur, entry: e, via: first };
    }
    return { ok: false, reason: `is a link loop (more than ${MAX_HOPS} hops)` };
  }

  /**
   * A BlobRef for a name, or null with the reason when nothing regular is behind it.
   * Reasons read after the name: "<name> is not in the archive".
   */
  blobRef(name: string, expectedDigest?: string, expectedSize?: number): { ref: BlobRef | null; reason?: string } {
    const r = this.resolve(name);
    if (!r.ok) return { ref: null, reason: r.reason };
    if (r.entry.type !== 'file' && r.entry.type !== 'contiguous') {
      return { ref: null, reason: r.via ? `is a link to ${r.name}, a ${r.entry.type}, not a regular file` : `is a ${r.entry.type}, not a regular file` };
    }
    const ref: BlobRef = { entry: r.name };
    if (r.via) ref.via = r.via;
    if (expectedDigest) ref.expectedDigest = expectedDigest;
    if (expectedSize !== undefined) ref.expectedSize = expectedSize;
    return { ref };
  }

  /** Captured bytes of a name (links followed), or undefined. */
  bytes(name: string): Uint8Array | undefined {
    const r = this.resolve(name);
    return r.ok ? this.files.get(r.name) : undefined;
  }

  /** Reads and parses a captured JSON file. Errors name the file as component. */
  json(name: string): JsonResult {
    const n = normalizeName(name);
    const r = this.resolve(n);
    if (!r.ok) return { ok: false, error: new TarscopeError({ code: 'corrupt', component: n, message: `${n}: cannot read: ${n} ${r.reason}`, path: n }) };
    const b = this.files.get(r.name);
    if (!b) {
      const why = r.entry.size > 8 * 1024 * 1024 ? 'too large to read as metadata' : 'not captured (not JSON-like)';
      return { ok: false, error: new TarscopeError({ code: 'unsupported', component: n, message: `${n}: ${why} (${r.entry.size} bytes)`, path: n }) };
    }
    let j = this.parsed.get(n);
    if (!j) {
      j = parseJson(b, n); // cached: JSON values are treated as read-only by every reader
      this.parsed.set(n, j);
    }
    return j;
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function strRecord(v: unknown): Record<string, string> | undefined {
  if (!isObject(v)) return undefined;
  const out: Record<string, string> = {};
  let any = false;
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'string') {
      out[k] = x;
      any = true;
    }
  }
  return any ? out : undefined;
}

/** "sha256:0123456789ab…" for messages where the full digest is noise. */
export function shortDigest(d: string): string {
  const p = parseDigest(d);
  return p && p.encoded.length > 12 ? `${p.algorithm}:${p.encoded.slice(0, 12)}…` : d;
}
