/**
 * HTML sections for archives: the inputs summary table, and one archive in detail
 * (errors, integrity, images with layers and history, the merged filesystem or the
 * files of a plain tar). Listings are capped; the embedded JSON has every row.
 */
import type { InputReport, ImageReport, FileRecord, MergedFile, ImagePackage } from '../report/types';
import { h, join, text, trusted, type Html } from './html-kit';
import { formatBytes, formatCount, formatUnixTime, compactMediaType, plural, formatPlatform, truncatedDigest, compressionName } from './format';
import { inputFacts } from './facts';
import { MAX_PACKAGE_ROWS, PACKAGE_HEAD, packageRow, packagesSummary } from './packages';
import { warningText } from './warnings';
import { efficiencySummary } from './efficiency';

/** Rows of a file listing shown before "… N more in the embedded JSON". */
export const MAX_FILE_ROWS = 5000;

export function inputsTable(inputs: InputReport[], labels?: string[]): Html {
  const rows = inputs.map((input, i) => {
    const f = inputFacts(input);
    const integrity = !f.checks
      ? h`<span class="muted">—</span>`
      : f.failed.length
        ? h`<span class="bad">✗ ${f.failed.length} of ${plural(f.checks, 'check')} failed</span>`
        : h`<span class="ok">✓ ${plural(f.checks, 'check')} passed</span>`;
    return h`<tr>${labels ? h`<th>${labels[i]}</th>` : ''}<td><code>${f.name}</code>${f.error ? h`<div class="bad small">${f.error}</div>` : ''}</td>
<td class="num" title="${formatCount(f.size)} bytes">${formatBytes(f.size)}</td><td>${f.layout}</td><td>${f.compression}</td>
<td class="num">${f.images}${f.attestations ? ` (+${f.attestations} attestations)` : ''}</td><td class="num">${f.layers}</td>
<td class="num">${f.files == null ? '—' : formatCount(f.files)}</td><td>${integrity}</td></tr>`;
  });
  return h`<table><thead><tr>${labels ? h`<th></th>` : ''}<th>archive</th><th class="num">size</th><th>layout</th><th>compression</th>
<th class="num">images</th><th class="num">layers</th><th class="num">files</th><th>integrity</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function inputDetail(input: InputReport): Html {
  const f = inputFacts(input);
  const fmt = input.format;
  const facts = h`<dl>
<dt>size</dt><dd>${formatBytes(input.size)} <span class="muted">(${formatCount(input.size)} bytes)</span></dd>
<dt>layout</dt><dd>${f.layout}</dd>
<dt>compression</dt><dd>${compressionName(fmt.outerCompression)}</dd>
${fmt.tar ? h`<dt>outer tar</dt><dd>${plural(fmt.tar.entries, 'entry', 'entries')}${fmt.tar.sawEndMarker ? '' : ', no end-of-archive marker'}${fmt.tar.trailingGarbage ? `, ${formatCount(fmt.tar.trailingBytes)} trailing bytes` : ''}</dd>` : ''}
${fmt.notes.length ? h`<dt>notes</dt><dd>${join(fmt.notes.map((n) => h`<div>${n}</div>`))}</dd>` : ''}
<dt>read</dt><dd>${formatBytes(input.stats.bytesRead)}</dd>
</dl>`;
  return h`${facts}${errors(input)}${warnings(input)}${integrity(input)}${input.images.map(image)}${input.files ? fileList('Files', input.files) : ''}`;
}

function errors(input: InputReport): Html | '' {
  if (!input.error && !input.errors.length) return '';
  return h`<h3 class="bad">Errors</h3>${input.error ? h`<p class="bad">${input.error}</p>` : ''}
<ul>${input.errors.map((e) => h`<li><code>${e.component}</code> ${e.code}: ${e.message}${e.path ? h` <span class="muted">in <code>${e.path}</code></span>` : ''}</li>`)}</ul>`;
}

function warnings(input: InputReport): Html | '' {
  if (!input.warnings?.length) return '';
  return h`<h3>Warnings</h3>
<ul>${input.warnings.map((w) => h`<li><code>${w.component}</code> ${w.code}: ${warningText(w)}</li>`)}</ul>`;
}

function integrity(input: InputReport): Html | '' {
  const checks = input.integrity.checks;
  if (!checks.length) return '';
  const failed = checks.filter((c) => !c.ok);
  const sorted = [...failed, ...checks.filter((c) => c.ok)];
  const rows = sorted.map(
    (c) => h`<tr><td class="${c.ok ? 'ok' : 'bad'}">${c.ok ? '✓' : '✗'}</td><td>${c.kind}</td><td>${c.subject}</td><td>${c.message}</td>
<td><code>${c.expected ?? ''}</code></td><td><code>${c.actual ?? ''}</code></td></tr>`,
  );
  return h`<details${failed.length ? trusted(' open') : ''}><summary>Integrity: ${failed.length ? `${failed.length} of ${checks.length} checks failed` : `${checks.length} checks passed`}${input.integrity.done ? '' : ' (not finished)'}</summary>
<table><thead><tr><th></th><th>check</th><th>subject</th><th>message</th><th>expected</th><th>actual</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

function image(img: ImageReport): Html {
  const title = img.tags.length ? img.tags.join(', ') : truncatedDigest(img.manifest?.digest);
  const layers = img.layers.map(
    (
      l,
    ) => h`<tr><td class="num">${l.index + 1}</td><td><code class="digest" title="${l.digest ?? ''}">${truncatedDigest(l.digest)}</code></td><td>${compactMediaType(l.mediaType)}</td>
<td>${compressionName(l.compression)}</td><td class="num">${formatBytes(l.size)}</td><td class="num">${formatBytes(l.uncompressedSize)}</td>
<td class="num">${l.fileCount == null ? '—' : formatCount(l.fileCount)}</td><td><code class="digest" title="${l.diffId ?? ''}">${truncatedDigest(l.diffId)}</code></td>
<td>${l.createdBy ? h`<code>${text(l.createdBy, 300)}</code>` : ''}${l.error ? h`<div class="bad small">${l.error.message}</div>` : ''}</td></tr>`,
  );
  const history = img.history.map(
    (e, i) =>
      h`<tr><td class="num">${i + 1}</td><td>${e.created ?? ''}</td><td><code>${text(e.created_by ?? '', 2000)}</code></td><td>${e.empty_layer ? 'empty layer' : ''}</td></tr>`,
  );
  return h`<h3>Image <code>${title}</code>${img.kind === 'attestation' ? h` <span class="muted">(attestation)</span>` : ''}</h3>
<dl><dt>platform</dt><dd>${formatPlatform(img.platform)}</dd><dt>created</dt><dd>${img.created ?? '—'}</dd>
<dt>manifest</dt><dd><code>${img.manifest?.digest ?? '—'}</code> ${img.manifest?.mediaType ? h`<span class="muted">${img.manifest.mediaType}</span>` : ''}</dd>
<dt>config</dt><dd><code>${img.config.digest ?? '—'}</code></dd></dl>
${img.layers.length ? h`<table><thead><tr><th class="num">#</th><th>digest</th><th>media type</th><th>compression</th><th class="num">size</th><th class="num">uncompressed</th><th class="num">files</th><th>diff_id</th><th>created by</th></tr></thead><tbody>${layers}</tbody></table>` : ''}
${history.length ? h`<details><summary>History (${history.length})</summary><table><thead><tr><th class="num">#</th><th>created</th><th>created by</th><th></th></tr></thead><tbody>${history}</tbody></table></details>` : ''}
${img.packages?.packages.length ? packages(img) : ''}
${img.efficiency ? efficiency(img) : ''}
${img.merged ? fileList(`Merged filesystem (${formatCount(img.merged.files.length)} files, ${formatBytes(img.merged.totalBytes)}${img.merged.wastedBytes ? `; ${formatBytes(img.merged.wastedBytes)} hidden by later layers` : ''})`, img.merged.files) : ''}`;
}

/** dive's figures and the paths that waste the most, with what each layer changes. */
function efficiency(img: ImageReport): Html {
  const e = img.efficiency!;
  const wasted = e.topWasted.map(
    (w) =>
      h`<tr><td class="num">${formatBytes(w.size)}</td><td class="num">${w.count}</td><td>${w.layers.map((l) => l + 1).join(', ')}</td><td><code>${w.path}</code></td></tr>`,
  );
  const changes = img.layers.map((l) => {
    const c = l.changes;
    if (!c) return '';
    const cell = (t: { count: number; bytes: number }) => h`<td class="num">${formatCount(t.count)}${t.bytes ? ` (${formatBytes(t.bytes)})` : ''}</td>`;
    return h`<tr><td class="num">${l.index + 1}</td>${cell(c.added)}${cell(c.modified)}${cell(c.deleted)}<td>${l.createdBy ? h`<code>${text(l.createdBy, 120)}</code>` : ''}</td></tr>`;
  });
  return h`<p class="efficiency">${efficiencySummary(e)}</p>
${wasted.length ? h`<details><summary>Wasted space (${wasted.length} of ${e.wastedFileCount} paths)</summary><table><thead><tr><th class="num">bytes</th><th class="num">copies</th><th>layers</th><th>path</th></tr></thead><tbody>${wasted}</tbody></table></details>` : ''}
<details><summary>What each layer changes</summary><table><thead><tr><th class="num">#</th><th class="num">added</th><th class="num">modified</th><th class="num">deleted</th><th>created by</th></tr></thead><tbody>${changes}</tbody></table></details>`;
}

function packages(img: ImageReport): Html {
  const pk = img.packages!;
  const num = new Set(['files', 'installed size']);
  const head = PACKAGE_HEAD.map((c) => (num.has(c) ? h`<th class="num">${c}</th>` : h`<th>${c}</th>`));
  const cells = (p: ImagePackage) => packageRow(p).map((c, i) => (num.has(PACKAGE_HEAD[i]) ? h`<td class="num">${c}</td>` : h`<td>${c}</td>`));
  const rows = pk.packages.slice(0, MAX_PACKAGE_ROWS).map((p) => h`<tr>${cells(p)}</tr>`);
  const more = pk.packages.length - MAX_PACKAGE_ROWS;
  return h`<details><summary>Packages: ${packagesSummary(pk)}</summary><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>${more > 0 ? h`<p class="muted">… ${formatCount(more)} more in the embedded JSON report.</p>` : ''}${pk.notes.map((n) => h`<p class="muted small">${n}</p>`)}</details>`;
}

function fileList(title: string, files: (FileRecord | MergedFile)[]): Html {
  const shown = files.slice(0, MAX_FILE_ROWS);
  const rows = shown.map(
    (f) => h`<tr><td><code>${f.path}</code>${f.linkname !== undefined ? h` → <code>${f.linkname}</code>` : ''}</td><td>${f.type}</td>
<td class="num">${formatBytes(f.size)}</td><td class="mono">${(f.mode & 0o7777).toString(8).padStart(4, '0')}</td><td class="num">${f.uid}:${f.gid}</td>
<td>${formatUnixTime(f.mtime)}</td>${'layer' in f ? h`<td class="num">${f.layer + 1}</td>` : ''}</tr>`,
  );
  const more = files.length - shown.length;
  const layerHead = files.length && 'layer' in files[0] ? h`<th class="num">layer</th>` : '';
  return h`<details><summary>${title}</summary><table><thead><tr><th>path</th><th>type</th><th class="num">size</th><th>mode</th><th class="num">uid:gid</th><th>mtime</th>${layerHead}</tr></thead>
<tbody>${rows}</tbody></table>${more > 0 ? h`<p class="muted">… ${formatCount(more)} more in the embedded JSON report.</p>` : ''}</details>`;
}
