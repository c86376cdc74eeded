/**
 * Derived facts every presenter shows the same way: one input in a few numbers, the
 * failed integrity checks, differences grouped by the level they live at, and one line
 * per difference. Pure functions of the report (STYLE.md habit 5): nothing here reads an
 * archive or re-runs the engine.
 */
import type { InputReport, IntegrityCheck, ImageReport } from '../report/types';
import type { ErrorInfo } from '../io/errors';
import type { ComparisonReport, Difference, Subject } from '../compare/types';
import { formatUnixTime, jsonValue, layerName } from './format';

export interface InputFacts {
  name: string;
  size: number;
  layout: string;
  compression: string;
  images: number;
  attestations: number;
  tags: string[];
  layers: number;
  files: number | null;
  checks: number;
  failed: IntegrityCheck[];
  integrityDone: boolean;
  /** The fatal error (the archive could not be read to the end), or null. */
  error: string | null;
  errors: ErrorInfo[];
}

export function inputFacts(input: InputReport): InputFacts {
  const images = input.images.filter((i) => i.kind !== 'attestation');
  const layers = new Set<string>();
  let files: number | null = input.files ? input.files.length : null;
  for (const img of images) {
    for (const l of img.layers) layers.add(l.digest ?? l.entry ?? `${img.manifest?.digest}#${l.index}`);
    const n = imageFileCount(img);
    if (n !== null) files = (files ?? 0) + n;
  }
  const f = input.format;
  return {
    name: input.name,
    size: input.size,
    layout: f.layoutLabel ?? f.layout ?? 'unknown layout',
    compression: !f.outerCompression || f.outerCompression.algorithm === 'none' ? 'uncompressed' : f.outerCompression.algorithm,
    images: images.length,
    attestations: input.images.length - images.length,
    tags: [...new Set(images.flatMap((i) => i.tags))],
    layers: layers.size,
    files,
    checks: input.integrity.checks.length,
    failed: input.integrity.checks.filter((c) => !c.ok),
    integrityDone: input.integrity.done,
    error: input.error,
    errors: input.errors,
  };
}

/** Files visible in the image (merged filesystem), or the sum over layers when not merged. */
function imageFileCount(img: ImageReport): number | null {
  if (img.merged) return img.merged.files.length;
  let n: number | null = null;
  for (const l of img.layers) if (l.fileCount != null) n = (n ?? 0) + l.fileCount;
  return n;
}

/** Subjects in pipeline order (outer file → outer tar → index → … → file), with a label. */
export const SUBJECTS: { subject: Subject; label: string }[] = [
  { subject: 'input', label: 'input' },
  { subject: 'outer-compression', label: 'outer file compression' },
  { subject: 'layout', label: 'archive layout' },
  { subject: 'outer-entry', label: 'outer tar entries' },
  { subject: 'outer-order', label: 'outer tar order' },
  { subject: 'outer-end', label: 'outer tar end' },
  { subject: 'index', label: 'index' },
  { subject: 'image', label: 'images' },
  { subject: 'manifest', label: 'manifests' },
  { subject: 'config', label: 'config' },
  { subject: 'history', label: 'config history' },
  { subject: 'layer', label: 'layers' },
  { subject: 'layer-blob', label: 'layer blobs' },
  { subject: 'integrity', label: 'integrity' },
  { subject: 'file', label: 'files in layers' },
  { subject: 'file-order', label: 'file order in layers' },
  { subject: 'merged', label: 'merged filesystem' },
];

export interface DifferenceGroup {
  subject: Subject;
  label: string;
  differences: Difference[];
  /** How many follow from another difference (digest chains). */
  consequences: number;
}

export function differenceGroups(differences: Difference[]): DifferenceGroup[] {
  const by = new Map<string, Difference[]>();
  for (const d of differences) {
    const list = by.get(d.subject);
    if (list) list.push(d);
    else by.set(d.subject, [d]);
  }
  const known = new Set<string>(SUBJECTS.map((s) => s.subject));
  const order = [...SUBJECTS, ...[...by.keys()].filter((k) => !known.has(k)).map((k) => ({ subject: k as Subject, label: k }))];
  return order
    .filter((s) => by.has(s.subject))
    .map((s) => {
      const list = by.get(s.subject)!;
      return { ...s, differences: list, consequences: list.filter((d) => d.follows).length };
    });
}

/** "app:1 (linux/amd64) · layer #2 · etc/passwd" — where a difference lives (as the page says it). */
export function scopeText(d: Difference): string {
  const s = d.scope;
  const parts: string[] = [];
  if (s.image) parts.push(s.image);
  if (s.layerA !== undefined || s.layerB !== undefined) {
    if (s.layerA === s.layerB || s.layerB === undefined) parts.push(`layer ${layerName(s.layerA)}`);
    else if (s.layerA === undefined) parts.push(`layer ${layerName(s.layerB)} (B)`);
    else parts.push(`layer ${layerName(s.layerA)} (A) ↔ ${layerName(s.layerB)} (B)`);
  }
  if (s.path) parts.push(s.path);
  return parts.join(' · ');
}

const TIME_FIELDS = /(^|\.)(mtime|atime|ctime)$/;

/** A difference's values as text: epoch seconds of time fields as dates. */
export function valueText(d: Difference, side: 'a' | 'b', max = 200): string {
  const v = d[side];
  if (typeof v === 'number' && d.field && TIME_FIELDS.test(d.field)) return formatUnixTime(v);
  return jsonValue(v, max);
}

/** "changed mtime: 2023-11-14T22:13:20Z → 2023-11-15T22:13:20Z", "added", "reordered". */
export function changeText(d: Difference, max = 200): string {
  const field = d.field ? ` ${d.field}` : '';
  switch (d.kind) {
    case 'added':
      return `only in B${field}${d.b !== undefined ? `: ${valueText(d, 'b', max)}` : ''}`;
    case 'removed':
      return `only in A${field}${d.a !== undefined ? `: ${valueText(d, 'a', max)}` : ''}`;
    case 'reordered':
      return `reordered${field}`;
    default:
      return `${d.field ?? 'value'}: ${valueText(d, 'a', max)} → ${valueText(d, 'b', max)}`;
  }
}

/**
 * Where the digest verification of a comparison stands, in one sentence: files are compared
 * by XXH64 and blob digests / diff_ids are verified after the report (engine/verify-digests.ts).
 */
export function verificationText(r: ComparisonReport): string {
  const v = r.stats.verification;
  if (r.stats.phase === 'preliminary') return '';
  switch (v.state) {
    case 'done':
      return r.stats.digestsVerified ? 'every blob digest and diff_id verified' : 'digests not all verified (an archive could not be read to the end)';
    case 'pending':
      return 'blob digests and diff_ids not verified yet (files compared by XXH64)';
    case 'skipped':
      return 'blob digests and diff_ids not verified (verification off; files compared by XXH64)';
    case 'cancelled':
      return `digest verification stopped after ${v.blobs} blob${v.blobs === 1 ? '' : 's'}; the rest not verified`;
    case 'incomplete':
      return 'digest verification could not read every blob; some digests not verified';
  }
}

/**
 * What the timestamp classification read (stats.embeddedTimestamps): said when some content
 * differences of .pyc / zip / .gz files were not classified (those stay content differences
 * whatever the options), or when some were found to differ only in an embedded timestamp.
 */
export function embeddedTimestampsText(r: ComparisonReport): string {
  const e = r.stats.embeddedTimestamps;
  if (!e || (!e.notClassified && !e.timestampOnly)) return '';
  const files = (n: number) => `${n} .pyc/zip/.gz file${n === 1 ? '' : 's'}`;
  const only = e.timestampOnly ? `${files(e.timestampOnly)} differ only in an embedded timestamp` : '';
  const not = e.notClassified
    ? `${files(e.notClassified)} not read for embedded timestamps (${(e.why ?? []).join('; ') || 'not read'}): they count as content differences`
    : '';
  return [only, not].filter(Boolean).join('; ');
}
