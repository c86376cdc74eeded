/**
 * rpm's sqlite database (`var/lib/rpm/rpmdb.sqlite`, `usr/lib/sysimage/rpm/rpmdb.sqlite`): its
 * `Packages` table holds one RPM header per installed package (`hnum`, `blob`), parsed by
 * rpm-header.ts. The sqlite step needs a sqlite engine (~850 KB of wasm): the collector only
 * holds the captured bytes (`holdRpm`), and the caller that can wait — the scan job, in the
 * Worker or the CLI's thread — loads the engine once, and only when such a file was captured
 * (`needsSqlite`, `readHeldRpm`, given an `OpenSqlite`: src/kernels/sqlite.ts).
 */
import { parseRpmHeader } from './rpm-header';
import type { LayerPackages, PackageRecord, PackageSource } from './types';

/** A database opened from bytes: runs one query, row by row (return false to stop). */
export interface SqliteDb {
  each(sql: string, row: (cols: unknown[]) => boolean | undefined): void;
  close(): void;
}
export type OpenSqlite = (bytes: Uint8Array) => Promise<SqliteDb>;

/** Packages read from one rpmdb (a large Fedora install has ~3,000). */
export const MAX_RPM_ROWS = 50_000;

const held = new WeakMap<PackageSource, Uint8Array>();

/** The error of an rpmdb.sqlite no sqlite step read (yet). */
export const RPM_NOT_READ = 'rpm database (sqlite) captured, not read (no sqlite step ran)';

/** The source the collector reports for a captured rpmdb.sqlite until `readHeldRpm` reads it. */
export function holdRpm(path: string, bytes: Uint8Array): PackageSource {
  const s: PackageSource = { path, kind: 'rpm-sqlite', error: RPM_NOT_READ };
  held.set(s, bytes);
  return s;
}

/** Whether a layer's databases include an rpmdb.sqlite that waits for the sqlite engine. */
export function needsSqlite(lp: LayerPackages | undefined): boolean {
  return !!lp?.sources.some((s) => held.has(s));
}

/** Reads every held rpmdb.sqlite of the layer in place (the source gets its packages, or its
 *  error). Never throws: an engine that does not load is each source's error. */
export async function readHeldRpm(lp: LayerPackages, open: () => Promise<OpenSqlite>): Promise<void> {
  for (const s of lp.sources) {
    const bytes = held.get(s);
    if (!bytes) continue;
    held.delete(s);
    try {
      const db = await (await open())(bytes);
      try {
        const r = readRpmDb(db, s.path);
        s.packages = r.packages;
        if (r.error) s.error = r.error;
        else delete s.error;
      } finally {
        db.close();
      }
    } catch (e) {
      s.error = `rpm database (sqlite) not read: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
}

/** The packages of an opened rpmdb. A header that does not parse is skipped and counted in
 *  `error` (the others are kept). */
export function readRpmDb(db: SqliteDb, path: string): Pick<PackageSource, 'packages' | 'error'> {
  const packages: PackageRecord[] = [];
  const bad: string[] = [];
  let capped = false;
  let cut = 0;
  db.each('SELECT hnum, blob FROM Packages ORDER BY hnum', (cols) => {
    if (packages.length + bad.length >= MAX_RPM_ROWS) {
      capped = true;
      return false;
    }
    const [hnum, blob] = cols;
    const where = `${path} Packages row hnum ${String(hnum)}`;
    if (!(blob instanceof Uint8Array)) {
      bad.push(`${where}: blob is not a BLOB`);
      return undefined;
    }
    try {
      const { filesCapped, ...rec } = parseRpmHeader(blob, where);
      if (filesCapped) cut++;
      packages.push(rec);
    } catch (e) {
      bad.push(e instanceof Error ? e.message : String(e));
    }
    return undefined;
  });
  const notes: string[] = [];
  if (bad.length) notes.push(`${bad.length} header(s) not read (${bad.slice(0, 3).join('; ')}${bad.length > 3 ? '; …' : ''})`);
  if (capped) notes.push(`only the first ${MAX_RPM_ROWS} rows read`);
  if (cut) notes.push(`${cut} package file list(s) cut at the per-package cap`);
  return notes.length ? { packages, error: `rpm database: ${notes.join('; ')}` } : { packages };
}
