/**
 * Which outer entries the engine keeps in memory for the layout readers (layouts/).
 * Only small regular files whose *name* marks them as image metadata: a plain tar of a
 * filesystem (say, of /usr) must not be captured en masse, so every rule is anchored at
 * the top level or at a fixed depth.
 */
import type { TarEntry } from '../formats/tar/types';
import { normalizeName } from './resolve';

/** Largest file captured. Manifests and configs are kilobytes; 8 MiB leaves room for huge histories. */
export const CAPTURE_LIMIT = 8 * 1024 * 1024;

const NAMED = new Set(['manifest.json', 'index.json', 'oci-layout', 'repositories']);
// OCI image-spec descriptor.md: algorithm = component (separator component)*, encoded = [a-zA-Z0-9=_-]+
const BLOB_PATH = /^blobs\/[a-z0-9]+(?:[+._-][a-z0-9]+)*\/[a-zA-Z0-9=_-]+$/;

export function shouldCapture(e: TarEntry): boolean {
  if (e.type !== 'file' && e.type !== 'contiguous') return false;
  if (e.size > CAPTURE_LIMIT) return false;
  const name = normalizeName(e.name);
  if (!name) return false;
  const parts = name.split('/');
  if (parts.length === 1) {
    // manifest.json, index.json, oci-layout, repositories, <hex>.json (legacy config),
    // sha256:<hex> (ggcr tarball config): any top-level *.json or extension-less file.
    return NAMED.has(name) || name.endsWith('.json') || !name.includes('.');
  }
  if (parts.length === 2) return parts[1] === 'json' || parts[1] === 'VERSION'; // legacy <id>/json, <id>/VERSION
  if (parts.length === 3) return BLOB_PATH.test(name);
  return false;
}

/**
 * True when the bytes start with '{' after optional whitespace (and a UTF-8 BOM): the
 * engine keeps captured blobs only when they may be a manifest, index or config.
 */
export function isJsonLike(bytes: Uint8Array): boolean {
  let i = 0;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  for (; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    return c === 0x7b; // '{'
  }
  return false;
}
