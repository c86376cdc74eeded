/**
 * Alpine packages: `lib/apk/db/installed`, apk's database (apk-tools `apk_db_index_read`):
 * one stanza per package, one-letter fields — `P` name, `V` version, `A` arch, `o` origin,
 * `L` license, `I` installed size in bytes, `F` a directory and the `R` lines after it the
 * files in that directory.
 */
import type { PackageRecord } from './types';

export function parseApkInstalled(text: string): PackageRecord[] {
  const out: PackageRecord[] = [];
  let cur: PackageRecord | null = null;
  let dir = '';
  const flush = () => {
    if (cur?.name && cur.version) out.push(cur);
    cur = null;
    dir = '';
  };
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') {
      flush();
      continue;
    }
    if (line.length < 2 || line[1] !== ':') continue;
    const v = line.slice(2);
    const rec: PackageRecord = (cur ??= { ecosystem: 'apk', name: '', version: '', files: [] });
    switch (line[0]) {
      case 'P':
        rec.name = v;
        break;
      case 'V':
        rec.version = v;
        break;
      case 'A':
        rec.arch = v;
        break;
      case 'o':
        rec.source = v;
        break;
      case 'L':
        rec.license = v;
        break;
      case 'I': {
        const n = Number(v);
        if (Number.isFinite(n)) rec.installedSize = n;
        break;
      }
      case 'F':
        dir = v.replace(/^\/+|\/+$/g, '');
        break;
      case 'R':
        rec.files!.push(dir ? `${dir}/${v}` : v);
        break;
    }
  }
  flush();
  return out;
}
