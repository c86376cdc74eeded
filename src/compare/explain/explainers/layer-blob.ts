/**
 * Paired layers whose blobs differ (differ `layer-blob` roots):
 *  - layer.compression: same diff_id, other blob bytes. Says exactly why: the gzip header
 *    (RFC 1952 §2.3 MTIME, OS, XFL, FNAME… with `gzipHeaderOnly` the deflate data is the same),
 *    another deflate stream (level or implementation: no canonical deflate,
 *    opencontainers/image-spec#1145), another algorithm, zstd frame parameters, multi-member or
 *    seekable formats (eStargz, zstd:chunked);
 *  - layer.changed: the diff_ids differ but no file difference explains it because the files
 *    were not compared (the preliminary report, or a side that could not be read).
 * Paired layers whose tars differ while every file is equal (`filesEqual`) are tar encoding:
 * file-tar-format.ts claims them.
 */
import { subject, type CauseId, type CompressionDelta, type Difference, type DifferenceOf, type FactsOf, type Json } from '../../types';
import type { Explainer } from '../types';
import type { Context } from '../context';
import { CATALOG } from '../catalog';
import { evidence, groupBy, inLayers } from '../fields';
import { capitalise, isoTime, list, num, plural, shortDigest, show } from '../format';
import { GZIP_NAMES } from './outer-compression';

/** Partial: a report read back from JSON is not trusted to have every fact. */
type Facts = Partial<FactsOf<'layer-blob'>>;

function fieldsOf(x: CompressionDelta | undefined): CompressionDelta {
  return x && typeof x === 'object' && !Array.isArray(x) ? x : {};
}

/** Differing gzip header fields, by name ("MTIME"), first member's values. */
function gzipHeader(f: Facts): { name: string; a: Json; b: Json; key: string }[] {
  const out: { name: string; a: Json; b: Json; key: string }[] = [];
  const seen = new Set<string>();
  for (const [k, v] of Object.entries(fieldsOf(f.gzip))) {
    const key = k.replace(/@\d+$/, '');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ name: GZIP_NAMES[key] ?? key, a: v?.a ?? null, b: v?.b ?? null, key });
  }
  return out;
}

/** True when the only thing that differs is the gzip header MTIME (ignored with timestamps). */
export function gzipMtimeOnly(d: DifferenceOf<'layer-blob'>): boolean {
  const f: Facts = d.facts ?? {};
  if (f.sameDiffId !== true || f.gzipHeaderOnly !== true) return false;
  const h = gzipHeader(f);
  return h.length > 0 && h.every((x) => x.key === 'mtime');
}

function mtimeValue(v: Json): string {
  return typeof v === 'number' ? (v === 0 ? '0 (unset)' : isoTime(v)) : show(v);
}

/** The kind of recompression (groups layers) and the detail with values. */
export function recompression(d: DifferenceOf<'layer-blob'>): { kind: string; detail: string } {
  const f: Facts = d.facts ?? {};
  const algA = String(f.algorithmA ?? 'unknown');
  const algB = String(f.algorithmB ?? 'unknown');
  if (algA !== algB) {
    // A seekable variant is named with its algorithm: "gzip (estargz, seekable)".
    const named = (alg: string, s: Json | undefined) => (s ? `${alg} (${String(s).replace('?', '')}, seekable)` : alg);
    const k = `${named(algA, f.seekableA)} in A, ${named(algB, f.seekableB)} in B`;
    return { kind: k, detail: k };
  }
  if (algA === 'gzip') {
    const header = gzipHeader(f);
    const names = header.map((h) => h.name);
    const values = header.map((h) => `${h.name} ${h.key === 'mtime' ? mtimeValue(h.a) : show(h.a)} → ${h.key === 'mtime' ? mtimeValue(h.b) : show(h.b)}`);
    if (f.gzipHeaderOnly === true)
      return {
        kind: `gzip header ${list(names)} ${names.length === 1 ? 'differs' : 'differ'}`,
        detail: `gzip header ${list(values)}; the deflate data is the same`,
      };
    if (f.gzipMembersA !== f.gzipMembersB) {
      const seek = f.seekableA ?? f.seekableB;
      const k = `${num(Number(f.gzipMembersA))} vs ${num(Number(f.gzipMembersB))} gzip members${seek ? ` (${String(seek).replace('?', '')}, seekable)` : ''}`;
      return { kind: k, detail: k };
    }
    const extra = names.length ? `, and gzip header ${list(values)}` : '';
    return {
      kind: 'another deflate stream (compression level or implementation)',
      detail: `another deflate stream (level or implementation; ${show(f.sizeA)} → ${show(f.sizeB)} bytes)${extra}`,
    };
  }
  if (algA === 'zstd') {
    const fields = Object.keys(fieldsOf(f.zstd)).map((k) => k.replace(/@\d+$/, ''));
    if (f.seekableA !== f.seekableB) {
      const k = `zstd:chunked on one side (skippable frames: ${show(f.seekableA)} vs ${show(f.seekableB)})`;
      return { kind: k, detail: k };
    }
    const params = [...new Set(fields)].filter((x) => !/Size$|^frames$/.test(x));
    if (params.length) return { kind: `zstd frame parameters differ (${list(params)})`, detail: `zstd frame parameters differ: ${list(params, 5)}` };
    return { kind: 'another zstd stream (compression level)', detail: `another zstd stream (level; ${show(f.sizeA)} → ${show(f.sizeB)} bytes)` };
  }
  return { kind: 'the blob bytes differ', detail: `${algA} blob bytes differ` };
}

/**
 * Every file equal, the tars different, and a seekable format on one side only (eStargz appends
 * its TOC and footer to the tar; zstd:chunked adds skippable frames): a recompression into that
 * format, which rewrites the tar and therefore the diff_id — not a tar-encoding difference.
 */
export function seekableRewrite(d: Difference): boolean {
  if (d.subject !== 'layer-blob') return false;
  const f: Facts = d.facts ?? {};
  return f.sameDiffId !== true && f.filesEqual === true && (f.seekableA ?? null) !== (f.seekableB ?? null);
}

function claim(d: DifferenceOf<'layer-blob' | 'manifest'>, ctx: Context): CauseId | null {
  // The manifest's layer media type (tar → tar+gzip, +gzip → +zstd) changes with the compression.
  if (d.subject === 'manifest') return /^layers\[\d+\]\.mediaType$/.test(d.field ?? '') && ctx.hasBlobRoot(d) ? 'layer.compression' : null;
  const f: Facts = d.facts ?? {};
  if (f.sameDiffId === true || seekableRewrite(d)) return 'layer.compression';
  if (f.filesEqual === true) return null; // tar encoding: file-tar-format.ts
  return 'layer.changed';
}

export const layerBlobExplainer: Explainer<'layer-blob' | 'manifest'> = {
  name: 'layer blobs',
  subjects: ['layer-blob', 'manifest'],
  ids: ['layer.compression', 'layer.changed'],
  claim,
  describe(id, all, ctx) {
    const mediaTypes = all.filter(subject('manifest'));
    const roots = all.filter(subject('layer-blob'));
    const n = roots.length;
    const where = inLayers(roots, ctx);
    if (id === 'layer.compression' && n === 0) {
      // Only the media types are left (their blobs' own differences were ignored or folded).
      const change = list([...new Set(mediaTypes.map((d) => `${show(d.a)} → ${show(d.b)}`.replace(/application\/vnd\.[a-z.]+\.layer\.v1\./g, '')))]);
      return {
        summary: `The manifest's layer media types differ (${change}) for the same layers`,
        phrase: `layer media types differ`,
        evidence: evidence(mediaTypes, ctx, (d) => `${d.field}: ${show(d.a)} → ${show(d.b)}`, 5, 'digest'),
        remedy: CATALOG[id].remedy,
      };
    }
    if (id === 'layer.compression') {
      const rewritten = roots.filter(seekableRewrite).length;
      const same =
        rewritten === 0
          ? 'same diff_id, so the files are the same'
          : rewritten === n
            ? 'every file is the same; the seekable format rewrites the tar (its index is part of it), so the diff_id differs too'
            : `the files are the same (${plural(rewritten, 'layer')} in a seekable format whose tar, and so diff_id, is rewritten)`;
      const groups = [...groupBy(roots, (d) => recompression(d).kind).entries()];
      const one =
        n === 1
          ? recompression(roots[0]).detail
          : list(
              groups.map(([k, g]) => (groups.length > 1 ? `${k} (${plural(g.length, 'layer')})` : k)),
              3,
            );
      const subject = n === 1 ? ctx.layerName(roots[0].scope) : where.startsWith(' in layers ') ? where.slice(4) : `${plural(n, 'layer')}${where}`;
      return {
        summary: `${capitalise(subject)} ${n === 1 ? 'was' : 'were'} recompressed: ${one}; ${same}${mediaTypes.length ? `; the manifest's layer media types change with it (${list([...new Set(mediaTypes.map((d) => `${show(d.a)} → ${show(d.b)}`.replace(/application\/vnd\.[a-z.]+\.layer\.v1\./g, '')))])})` : ''}`,
        phrase: `${subject} ${n === 1 ? 'was' : 'were'} recompressed: ${groups.length === 1 ? groups[0][0] : 'several ways'}`,
        evidence: evidence(roots, ctx, (d) => `${ctx.layerName(d.scope)}: ${recompression(d).detail} (${shortDigest(d.a)} → ${shortDigest(d.b)})`, 5, 'digest'),
        remedy: CATALOG[id].remedy,
      };
    }
    const unknown = roots.some((d) => d.facts?.filesUnknown === true);
    return {
      summary: `${capitalise(n === 1 ? ctx.layerName(roots[0].scope) : where.startsWith(' in layers ') ? where.slice(4) : `${plural(n, 'layer')}${where}`)} ${n === 1 ? 'has' : 'have'} other uncompressed content (diff_id); the files ${unknown ? 'could not be read on one side' : 'were not compared yet'}`,
      phrase: `${n === 1 ? ctx.layerName(roots[0].scope) : plural(n, 'layer')} ${n === 1 ? 'differs' : 'differ'}${n === 1 ? '' : where}`,
      evidence: evidence(
        roots,
        ctx,
        (d) => `${ctx.layerName(d.scope)}: diff_id ${shortDigest(d.facts?.diffIdA)} → ${shortDigest(d.facts?.diffIdB)}`,
        5,
        'digest',
      ),
      remedy: CATALOG[id].remedy,
    };
  },
};
