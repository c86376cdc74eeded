/**
 * An image's packages (`image.packages`, read from the layers' package databases by
 * src/packages): counts by kind, a filter, a table (name, version, kind, source, arch,
 * files, installed size, the layer that installed or last changed it — a button that opens
 * that layer in the file browser), what could not be read, and two downloads: the package
 * list as JSON and a CycloneDX 1.5 SBOM (the module that writes it is loaded on click).
 */
import { useMemo, useState } from 'preact/hooks';
import type { ImagePackages, ImageReport } from '../report/types';
import { DASH, formatBytes, formatCount, layerName, plural } from '../present/format';
import { TOOL } from '../report/tool';
import { downloadBlob } from './download';

/** Rows shown at once; the filter narrows the rest. */
const MAX_ROWS = 1000;

export interface PackagesViewProps {
  image: ImageReport;
  packages: ImagePackages;
  /** The archive's name, for the downloaded files. */
  name: string;
  id: string;
  onBrowse?: (layer: number) => void;
}

export function PackagesView({ image, packages, name, id, onBrowse }: PackagesViewProps) {
  const [query, setQuery] = useState('');
  const byKind = useMemo(() => {
    const m = new Map<string, number>();
    for (const p of packages.packages) m.set(p.ecosystem, (m.get(p.ecosystem) ?? 0) + 1);
    return [...m];
  }, [packages]);
  const q = query.trim().toLowerCase();
  const shown = useMemo(
    () =>
      q
        ? packages.packages.filter((p) => p.name.toLowerCase().includes(q) || p.version.toLowerCase().includes(q) || (p.source ?? '').toLowerCase().includes(q))
        : packages.packages,
    [packages, q],
  );
  const base = name.replace(/^.*[\\/]/, '').replace(/[\u0000-\u001f\u007f]/g, '') || 'archive';

  function exportJson() {
    downloadBlob(new Blob([`${JSON.stringify(packages, null, 2)}\n`], { type: 'application/json' }), `${base}.packages.json`);
  }
  async function exportSbom() {
    const { cyclonedx } = await import('../packages/sbom-cyclonedx');
    const bom = cyclonedx(packages, { name, ...(image.tags[0] ? { version: image.tags[0] } : {}), timestamp: new Date().toISOString(), tool: TOOL });
    downloadBlob(new Blob([`${JSON.stringify(bom, null, 2)}\n`], { type: 'application/vnd.cyclonedx+json' }), `${base}.cdx.json`);
  }

  return (
    <details class="packages-details" open={packages.packages.length <= 200}>
      <summary>
        <h3 id={`${id}-packages-title`}>
          Packages ({byKind.map(([k, n]) => `${formatCount(n)} ${k}`).join(', ') || 'none'}
          {packages.distro ? `, ${packages.distro}` : ''})
        </h3>
      </summary>
      <div class="toolbar">
        <label class="grow">
          Filter packages
          <input
            type="search"
            value={query}
            placeholder="name, version or source package"
            spellcheck={false}
            autocomplete="off"
            aria-describedby={`${id}-packages-count`}
            onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <button type="button" onClick={exportJson}>
          Packages JSON
        </button>
        <button type="button" onClick={() => void exportSbom()} title="CycloneDX 1.5 JSON">
          SBOM (CycloneDX)
        </button>
      </div>
      <p class="muted" id={`${id}-packages-count`} aria-live="polite">
        {shown.length === packages.packages.length
          ? plural(shown.length, 'package')
          : `${formatCount(shown.length)} of ${plural(packages.packages.length, 'package')}`}
        {shown.length > MAX_ROWS ? `; the first ${formatCount(MAX_ROWS)} shown` : ''}
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex lint/a11y/useSemanticElements: a scrollable region is focusable so keyboard users can scroll it (WCAG 2.1.1) */}
      <div class="table-scroll" tabIndex={0} role="region" aria-label="Packages table">
        <table class="table packages">
          <caption class="visually-hidden">Packages read from the layers' package databases</caption>
          <thead>
            <tr>
              <th scope="col">Package</th>
              <th scope="col">Version</th>
              <th scope="col">Kind</th>
              <th scope="col">Source</th>
              <th scope="col">Arch</th>
              <th scope="col" class="num">
                Files
              </th>
              <th scope="col" class="num">
                Size
              </th>
              <th scope="col">Layer</th>
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, MAX_ROWS).map((p) => (
              <tr key={`${p.ecosystem}:${p.db}:${p.name}`}>
                <th scope="row">
                  <code>{p.name}</code>
                </th>
                <td>
                  <code>{p.version}</code>
                </td>
                <td>{p.ecosystem}</td>
                <td>{p.source && p.source !== p.name ? <code>{p.source}</code> : ''}</td>
                <td>{p.arch ?? ''}</td>
                <td class="num">{formatCount(p.fileCount)}</td>
                <td class="num">{p.installedSize === undefined ? DASH : formatBytes(p.installedSize)}</td>
                <td class="nowrap">
                  {onBrowse ? (
                    <button
                      type="button"
                      class="link-button"
                      title={`Browse the files of layer ${layerName(p.layer)} (database ${p.db})`}
                      onClick={() => onBrowse(p.layer)}
                    >
                      {layerName(p.layer)}
                    </button>
                  ) : (
                    layerName(p.layer)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {packages.notes.map((n) => (
        <p class="muted small" key={n}>
          {n}
        </p>
      ))}
    </details>
  );
}
