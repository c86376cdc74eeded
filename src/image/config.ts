/**
 * The image configuration (OCI image-spec config.md; Docker's image JSON is the same shape)
 * and the link between layers and history: the i-th history entry without `empty_layer`
 * created layer i (config.md, "history").
 */
import type { HistoryEntry, ImageRecord, LayerRef, Platform } from './model';
import { isObject, str } from './resolve';

export interface ParsedConfig {
  created?: string;
  os?: string;
  architecture?: string;
  variant?: string;
  osVersion?: string;
  history: HistoryEntry[];
  diffIds: string[];
  /** Shape problems (not fatal): "rootfs.diff_ids is not a list". */
  problems: string[];
}

export function parseConfig(json: unknown): ParsedConfig {
  const out: ParsedConfig = { history: [], diffIds: [], problems: [] };
  if (!isObject(json)) {
    out.problems.push(json === null ? 'holds null, expected an object' : `holds ${Array.isArray(json) ? 'a list' : typeof json}, expected an object`);
    return out;
  }
  out.created = str(json.created);
  out.os = str(json.os);
  out.architecture = str(json.architecture);
  out.variant = str(json.variant);
  out.osVersion = str(json['os.version']);
  if (Array.isArray(json.history)) {
    for (const h of json.history) out.history.push(historyEntry(h));
  } else if (json.history !== undefined && json.history !== null) out.problems.push('history is not a list');
  const rootfs = json.rootfs;
  if (isObject(rootfs)) {
    if (Array.isArray(rootfs.diff_ids)) {
      rootfs.diff_ids.forEach((d, i) => {
        if (typeof d === 'string') out.diffIds.push(d);
        else out.problems.push(`rootfs.diff_ids[${i}] is not a string`);
      });
    } else if (rootfs.diff_ids !== undefined && rootfs.diff_ids !== null) out.problems.push('rootfs.diff_ids is not a list');
  }
  return out;
}

function historyEntry(h: unknown): HistoryEntry {
  const e: HistoryEntry = {};
  if (!isObject(h)) return e;
  for (const k of ['created', 'created_by', 'author', 'comment'] as const) {
    const v = str(h[k]);
    if (v !== undefined) e[k] = v;
  }
  if (typeof h.empty_layer === 'boolean') e.empty_layer = h.empty_layer;
  return e;
}

/** historyIndex for layer i: the index of the i-th history entry that is not empty_layer. */
export function historyIndexes(history: HistoryEntry[]): number[] {
  const out: number[] = [];
  history.forEach((h, i) => {
    if (!h.empty_layer) out.push(i);
  });
  return out;
}

/** Fills diffId and historyIndex of layers by position. */
export function linkLayers(layers: LayerRef[], cfg: ParsedConfig): void {
  const hist = historyIndexes(cfg.history);
  layers.forEach((l, i) => {
    if (i < cfg.diffIds.length) l.diffId = cfg.diffIds[i];
    if (i < hist.length) l.historyIndex = hist[i];
  });
}

export function configRecord(
  json: unknown,
  cfg: ParsedConfig,
  extra: { digest?: string; mediaType?: string; blob: ImageRecord['config']['blob'] },
): ImageRecord['config'] {
  const rec: ImageRecord['config'] = { blob: extra.blob, json, history: cfg.history, diffIds: cfg.diffIds };
  if (extra.digest) rec.digest = extra.digest;
  if (extra.mediaType) rec.mediaType = extra.mediaType;
  if (cfg.created !== undefined) rec.created = cfg.created;
  if (cfg.os !== undefined) rec.os = cfg.os;
  if (cfg.architecture !== undefined) rec.architecture = cfg.architecture;
  return rec;
}

export function emptyConfig(blob: ImageRecord['config']['blob'] = null, digest?: string): ImageRecord['config'] {
  const rec: ImageRecord['config'] = { blob, json: null, history: [], diffIds: [] };
  if (digest) rec.digest = digest;
  return rec;
}

export function platformOf(cfg: ParsedConfig): Platform | undefined {
  if (!cfg.os && !cfg.architecture) return undefined;
  const p: Platform = { os: cfg.os ?? 'unknown', architecture: cfg.architecture ?? 'unknown' };
  if (cfg.variant) p.variant = cfg.variant;
  if (cfg.osVersion) p['os.version'] = cfg.osVersion;
  return p;
}

export function platformString(p: Platform | undefined): string | undefined {
  if (!p) return undefined;
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

/**
 * How messages name an image: its first tag, else "image N"; with the platform when known
 * ("alpine:3.19 [linux/arm64]"). Layer numbers in messages are 1-based, bottom layer first.
 */
export function imageLabel(img: Pick<ImageRecord, 'tags' | 'platform' | 'kind' | 'manifest'>, i: number): string {
  let base = img.tags[0];
  if (!base) base = img.manifest?.digest ? `image ${i + 1} (${shortHex(img.manifest.digest)})` : `image ${i + 1}`;
  if (img.kind === 'attestation') base = `attestation ${i + 1}`;
  const p = platformString(img.platform);
  return p ? `${base} [${p}]` : base;
}

function shortHex(d: string): string {
  const c = d.indexOf(':');
  return c >= 0 && d.length - c > 13 ? `${d.slice(0, c + 13)}…` : d;
}
