/**
 * A hard link and a copy of the same bytes: GNU tar stores the second path to an inode as
 * a hard link (typeflag '1', no data) unless `--hard-dereference` makes it store the bytes
 * again. What is at the path is the same file content either way, so the two are compared
 * as regular files: the link seen as the regular file it names (its content, size and
 * kind from the target; its own mode, owner and times from its header), plus one `type`
 * difference marked `tarFormat` that says how the file was stored. A link whose target is
 * not a regular file with a known content in the same tar (or merged filesystem) stays a
 * `type` difference of its own (records.ts).
 */
import type { FileRecord, MergedFile } from '../../report/types';
import type { RecordFacts } from '../types';
import { hasContentHash } from './content';
import { isRegularType, normLink } from './records';

type Linkable = Pick<FileRecord, 'type' | 'size' | 'linkname' | 'sha256' | 'xxh64'>;

/** `link` seen as the regular file its target is (looked up by normalised path), or undefined. */
export function dereference<R extends Linkable>(link: R, lookup: (path: string) => R | undefined): R | undefined {
  if (link.type !== 'hardlink' || !link.linkname) return undefined;
  const t = lookup(normLink(link.linkname)!);
  if (!t || !isRegularType(t.type) || !hasContentHash(t)) return undefined;
  const r: R = { ...link, type: t.type, size: t.size };
  delete r.linkname;
  delete r.sha256;
  delete r.xxh64;
  if (t.sha256 !== undefined) r.sha256 = t.sha256;
  if (t.xxh64 !== undefined) r.xxh64 = t.xxh64;
  if ('typeflag' in t) (r as unknown as FileRecord).typeflag = (t as unknown as FileRecord).typeflag;
  return r;
}

export interface LinkedCopy<R> {
  a: R;
  b: R;
  /** facts of the `type` difference (hardlink ↔ file) */
  facts: RecordFacts;
}

/**
 * One side a hard link, the other a regular file: the pair to compare instead (the link
 * dereferenced on its side), or null when that is not the case or the target is unknown.
 */
export function linkedCopy<R extends Linkable>(
  a: R,
  b: R,
  lookupA: (path: string) => R | undefined,
  lookupB: (path: string) => R | undefined,
): LinkedCopy<R> | null {
  if (a.type === 'hardlink' && isRegularType(b.type)) {
    const d = dereference(a, lookupA);
    return d ? { a: d, b, facts: { tarFormat: true, linknameA: a.linkname } } : null;
  }
  if (b.type === 'hardlink' && isRegularType(a.type)) {
    const d = dereference(b, lookupB);
    return d ? { a, b: d, facts: { tarFormat: true, linknameB: b.linkname } } : null;
  }
  return null;
}

/** A lazily built path → merged file index of one side (only pairs of other types need it). */
export function mergedLookup(files: MergedFile[]): (path: string) => MergedFile | undefined {
  let map: Map<string, MergedFile> | null = null;
  return (path) => {
    map ??= new Map(files.map((f) => [f.path, f]));
    return map.get(path);
  };
}
