/**
 * Path normalisation for comparisons, and OCI whiteouts.
 *
 * Writers spell the same path differently: "./etc/passwd", "etc/passwd", "/etc/passwd",
 * "etc//passwd", "etc/" for a directory. Comparisons use one spelling; the raw name stays
 * in TarEntry.name so a difference in spelling can itself be reported.
 */

/**
 * Strips leading "./" and "/" (repeatedly: "././x", "/./x"), collapses runs of "/",
 * drops "." components and the trailing "/". "./" and "/" become "" (the root).
 * ".." is kept: resolving it would hide a path-traversal entry that a report must show.
 */
export function normalizePath(name: string): string {
  if (name === '') return '';
  // Fast path: already normal (no leading "./" or "/", no "//", no "/./", no trailing "/").
  if (
    name.charCodeAt(0) !== 0x2f &&
    !name.startsWith('./') &&
    name !== '.' &&
    !name.includes('//') &&
    !name.includes('/./') &&
    !name.endsWith('/') &&
    !name.endsWith('/.')
  ) {
    return name;
  }
  const parts = name.split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    out.push(part);
  }
  return out.join('/');
}

export type Whiteout = { kind: 'file'; target: string } | { kind: 'opaque'; dir: string };

const WH = '.wh.';
const OPAQUE = '.wh..wh..opq';

/**
 * OCI image-spec layer.md, "Whiteouts": a file named `.wh.<name>` deletes `<name>` from
 * the lower layers; `.wh..wh..opq` makes its directory opaque (hides all lower entries
 * in it). Other `.wh..wh.*` names are reserved (AUFS hard-link bookkeeping) and are not
 * whiteouts. Takes a raw or normalised path; returns normalised paths; `dir` is "" for
 * the root.
 */
export function whiteoutOf(path: string): Whiteout | null {
  const p = normalizePath(path);
  const slash = p.lastIndexOf('/');
  const base = p.slice(slash + 1);
  if (!base.startsWith(WH)) return null;
  const dir = slash < 0 ? '' : p.slice(0, slash);
  if (base === OPAQUE) return { kind: 'opaque', dir };
  if (base.startsWith('.wh..wh.')) return null;
  const name = base.slice(WH.length);
  if (name === '') return null;
  return { kind: 'file', target: dir ? `${dir}/${name}` : name };
}
