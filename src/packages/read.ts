/**
 * One captured database file → what it says (`PackageSource`). Never throws: a file that does
 * not parse is kept with its error, so the report can say which database was not understood.
 */
import { parseApkInstalled } from './apk';
import { dpkgListOwner, parseDpkgList, parseDpkgStatus } from './dpkg';
import { parseNpmPackage } from './npm';
import { distInfoDir, parsePythonMetadata, parsePythonRecord } from './python';
import { RPM_NOT_READ } from './rpm';
import type { PackageSource, SourceKind } from './types';

const utf8 = new TextDecoder('utf-8', { fatal: false });

export function readSource(kind: SourceKind, path: string, bytes: Uint8Array): PackageSource {
  const text = utf8.decode(bytes);
  try {
    switch (kind) {
      case 'dpkg-status':
        return { path, kind, packages: parseDpkgStatus(text) };
      case 'dpkg-list':
        return { path, kind, owner: dpkgListOwner(path), files: parseDpkgList(text) };
      case 'apk-installed':
        return { path, kind, packages: parseApkInstalled(text) };
      case 'python-metadata': {
        const rec = parsePythonMetadata(text);
        return rec ? { path, kind, packages: [rec] } : { path, kind, error: 'no Name and Version headers' };
      }
      case 'python-record':
        return { path, kind, owner: distInfoDir(path), files: parsePythonRecord(text, path) };
      case 'npm-package': {
        const rec = parseNpmPackage(text, path);
        return rec ? { path, kind, packages: [rec] } : { path, kind, error: 'not a package.json with name and version' };
      }
      case 'os-release': {
        const m = /^ID="?([^"\n]*)"?$/m.exec(text);
        return m ? { path, kind, distro: m[1] } : { path, kind };
      }
      case 'go-binary':
        return { path, kind, error: 'Go build info is read during the scan (go-buildinfo.ts), not from captured bytes' };
      case 'rpm-sqlite':
        // read by the scan job's sqlite step (rpm.ts: holdRpm, readHeldRpm), not from here
        return { path, kind, error: RPM_NOT_READ };
    }
  } catch (e) {
    return { path, kind, error: e instanceof Error ? e.message : String(e) };
  }
}
