/**
 * Python distributions: `<name>-<version>.dist-info/METADATA` (core metadata: email-style
 * headers up to the first blank line — `Name`, `Version`, `License`) and `RECORD` beside it
 * (PEP 376/627: CSV `path,hash,size`, paths relative to the directory that holds the
 * dist-info folder, `../../bin/x` for scripts).
 */
import type { PackageRecord } from './types';

export function parsePythonMetadata(text: string): PackageRecord | null {
  const h = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon <= 0 || line[0] === ' ' || line[0] === '\t') continue;
    const key = line.slice(0, colon);
    if (!h.has(key)) h.set(key, line.slice(colon + 1).trim());
  }
  const name = h.get('Name');
  const version = h.get('Version');
  if (!name || !version) return null;
  const rec: PackageRecord = { ecosystem: 'python', name, version };
  const license = h.get('License-Expression') ?? h.get('License');
  if (license && license !== 'UNKNOWN' && license.length < 200) rec.license = license;
  return rec;
}

/** The dist-info folder of a METADATA or RECORD path. */
export function distInfoDir(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}

/** RECORD's files, resolved to image paths (`recordPath`: `…/x.dist-info/RECORD`). */
export function parsePythonRecord(text: string, recordPath: string): string[] {
  const base = distInfoDir(distInfoDir(recordPath)).split('/');
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!line) continue;
    const rel = firstCsvField(line);
    if (!rel) continue;
    const p = resolve(rel.startsWith('/') ? [] : base, rel);
    if (p) out.push(p);
  }
  return out;
}

function firstCsvField(line: string): string {
  if (line[0] !== '"') {
    const comma = line.indexOf(',');
    return comma < 0 ? line : line.slice(0, comma);
  }
  let out = '';
  for (let i = 1; i < line.length; i++) {
    if (line[i] === '"') {
      if (line[i + 1] === '"') {
        out += '"';
        i++;
      } else break;
    } else out += line[i];
  }
  return out;
}

function resolve(base: string[], rel: string): string {
  const parts = [...base];
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}
