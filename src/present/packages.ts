/**
 * An image's packages (`images[].packages`, src/packages) in the written reports: one line
 * for the terminal (counts by ecosystem and the layers that installed them), a table for
 * Markdown and HTML (name, version, ecosystem, source, arch, files, installed size, layer).
 * Names and versions come from the archive: each presenter escapes them its own way.
 */
import type { ImagePackage, ImagePackages } from '../report/types';
import { formatBytes, formatCount, layerName, plural } from './format';

/** At most this many rows in a written table; the rest are in the JSON (and the SBOM). */
export const MAX_PACKAGE_ROWS = 500;

/** "14 apk packages (alpine) · 3 python packages; installed by layers #1 (14), #3 (3)" */
export function packagesSummary(pk: ImagePackages): string {
  const by = new Map<string, number>();
  for (const p of pk.packages) by.set(p.ecosystem, (by.get(p.ecosystem) ?? 0) + 1);
  const layers = new Map<number, number>();
  for (const p of pk.packages) layers.set(p.layer, (layers.get(p.layer) ?? 0) + 1);
  const eco = [...by]
    .map(([e, n]) => `${plural(n, `${e} package`)}${pk.distro && (e === 'apk' || e === 'deb' || e === 'rpm') ? ` (${pk.distro})` : ''}`)
    .join(' · ');
  const where = [...layers]
    .sort((a, b) => a[0] - b[0])
    .map(([l, n]) => `${layerName(l)} (${formatCount(n)})`)
    .join(', ');
  return `${eco || 'no packages'}${where ? `; installed or last changed by layer ${where}` : ''}`;
}

/** The table's columns, as plain strings (the caller escapes). */
export const PACKAGE_HEAD = ['package', 'version', 'kind', 'source', 'arch', 'files', 'installed size', 'layer'];

export function packageRow(p: ImagePackage): string[] {
  return [
    p.name,
    p.version,
    p.ecosystem,
    p.source && p.source !== p.name ? p.source : '',
    p.arch ?? '',
    formatCount(p.fileCount),
    p.installedSize === undefined ? '—' : formatBytes(p.installedSize),
    layerName(p.layer),
  ];
}
