/**
 * The `type` roots file.tar-format takes (`facts.tarFormat`, diff/records.ts and
 * diff/hardlinks.ts): the same file content stored another way. A regular file stored sparse
 * (GNU tar -S: old GNU 'S' or pax GNU.sparse records) or contiguous vs plainly, and a hard link
 * vs a copy of the same bytes (GNU tar without / with --hard-dereference). The engine hashes
 * a sparse entry's logical content and the differ compares a link as the file it names, so
 * such a root says how the bytes were stored, never that they differ.
 */
import type { Difference } from '../../types';
import { list, plural } from '../format';
import { pathOf } from './file-common';

export function isRepresentation(d: Difference): boolean {
  return d.subject === 'file' && d.field === 'type' && d.facts?.tarFormat === true;
}

const stored = (v: unknown) => (v === 'sparse' ? 'sparse' : v === 'contiguous' ? 'contiguous' : v === 'hardlink' ? 'hard link' : 'plain');

/** "1 file stored sparse in B and plain in A (var/lib/sparse.img)", per kind of change. */
export function representationParts(roots: Difference[]): string[] {
  const rep = roots.filter(isRepresentation);
  const links = rep.filter((d) => d.a === 'hardlink' || d.b === 'hardlink');
  const other = rep.filter((d) => !links.includes(d));
  const parts: string[] = [];
  if (links.length) {
    const paths = links.map(pathOf);
    parts.push(
      `${plural(links.length, 'path')} ${links.length === 1 ? 'is' : 'are'} a hard link on one side and a copy of the same bytes on the other (${list(paths, 3)})`,
    );
  }
  const byKind = new Map<string, Difference[]>();
  for (const d of other) {
    const k = `stored ${stored(d.a)} in A and ${stored(d.b)} in B`;
    byKind.set(k, [...(byKind.get(k) ?? []), d]);
  }
  for (const [k, ds] of byKind) parts.push(`${plural(ds.length, 'file')} with the same bytes ${k} (${list(ds.map(pathOf), 3)})`);
  return parts;
}
