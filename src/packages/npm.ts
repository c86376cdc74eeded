/**
 * npm packages: `node_modules/<name>/package.json` (and `node_modules/@scope/<name>/…`), the
 * `name`, `version` and `license` fields. npm keeps no list of a package's files in the
 * image: the package owns its folder (`root`), minus the packages nested in it.
 */
import type { PackageRecord } from './types';

export function parseNpmPackage(text: string, path: string): PackageRecord | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (!json || typeof json !== 'object') return null;
  const o = json as Record<string, unknown>;
  if (typeof o.name !== 'string' || typeof o.version !== 'string') return null;
  const rec: PackageRecord = { ecosystem: 'npm', name: o.name, version: o.version, root: path.slice(0, path.lastIndexOf('/')) };
  if (typeof o.license === 'string') rec.license = o.license;
  return rec;
}
