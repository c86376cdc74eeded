/**
 * The sqlite engine (`@sqlite.org/sqlite-wasm`, the official build: ~850 KB of wasm), loaded
 * once per Worker or thread, and only when a scan captured an rpmdb.sqlite (src/packages/rpm.ts).
 * A database is opened from bytes in memory (`sqlite3_deserialize` into an in-memory `:memory:`
 * db, read-only): no OPFS, no file system.
 *
 * Browsers: the package's module fetches its `sqlite3.wasm` itself (`new URL('sqlite3.wasm',
 * import.meta.url)`, which vite turns into an asset of the build). Node (CLI threads, unit
 * tests): version 3.41.2 is written for browsers — it reads `self` and `self.location` when it
 * is evaluated and fetches its wasm — so a stand-in `self` is set for that moment (an object
 * over globalThis, removed once the engine is up) and the wasm bytes are read from the
 * installed package and handed over as `wasmBinary`.
 */
import { loadBytes } from './load';

/** What src/packages/rpm.ts reads through (its `SqliteDb`, structurally: kernels import no
 *  layer above them). */
export interface SqliteDb {
  each(sql: string, row: (cols: unknown[]) => boolean | undefined): void;
  close(): void;
}

interface Sqlite3 {
  wasm: { allocFromTypedArray(a: Uint8Array): number };
  capi: {
    sqlite3_deserialize(db: unknown, schema: string, p: number, n: number, cap: number, flags: number): number;
    sqlite3_js_rc_str(rc: number): string;
    SQLITE_DESERIALIZE_FREEONCLOSE: number;
    SQLITE_DESERIALIZE_READONLY: number;
  };
  oo1: { DB: new (name: string, mode: string) => OoDb };
}
interface OoDb {
  pointer: unknown;
  exec(o: { sql: string; rowMode: 'array'; callback: (row: unknown[]) => boolean | undefined }): void;
  close(): void;
}

const host = globalThis as { process?: { versions?: { node?: unknown } }; window?: unknown; self?: unknown };
const isNode = typeof host.process?.versions?.node === 'string' && host.window === undefined && !('WorkerGlobalScope' in globalThis);

const WASM = ['@sqlite.org', 'sqlite-wasm', 'sqlite-wasm', 'jswasm', 'sqlite3.wasm'];

let loading: Promise<Sqlite3> | null = null;

function loadSqlite(): Promise<Sqlite3> {
  loading ??= (async () => {
    const quiet = { print: () => {}, printErr: () => {} };
    if (!isNode) {
      const { default: init } = await import('@sqlite.org/sqlite-wasm');
      return (await init(quiet)) as Sqlite3;
    }
    // Paths joined at run time (the page build must not take them for assets): from this
    // source file, from a dist-cli chunk in the repository, from an installed dist-cli.
    const wasmBinary = await loadBytes('', [
      new URL(['..', '..', 'node_modules', ...WASM].join('/'), import.meta.url),
      new URL(['..', 'node_modules', ...WASM].join('/'), import.meta.url),
      new URL(['..', '..', ...WASM].join('/'), import.meta.url),
    ]);
    const added = host.self === undefined;
    if (added) {
      const stand = Object.create(globalThis) as Record<string, unknown>;
      stand.location = { href: 'file:///', pathname: '/' };
      // the OPFS probe's "missing APIs" warning is expected here: no OPFS in Node
      stand.sqlite3ApiConfig = { warn: () => {} };
      host.self = stand;
    }
    try {
      const { default: init } = await import('@sqlite.org/sqlite-wasm');
      return (await init({ ...quiet, wasmBinary })) as Sqlite3;
    } finally {
      if (added) delete host.self;
    }
  })();
  // a failed load (wasm refused by policy, a missing file) may be retried by the next caller
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/** Opens a database from its bytes, read-only, in memory. */
export async function openSqlite(bytes: Uint8Array): Promise<SqliteDb> {
  const s = await loadSqlite();
  // A WAL-mode file (rpm's default: header bytes 18–19 are 2) cannot be read from memory;
  // marked as a rollback-journal file it reads the same (the -wal file is not captured).
  const copy = new Uint8Array(bytes);
  if (copy.length >= 100 && copy[18] === 2 && copy[19] === 2) copy[18] = copy[19] = 1;
  const db = new s.oo1.DB(':memory:', 'c');
  const p = s.wasm.allocFromTypedArray(copy);
  const rc = s.capi.sqlite3_deserialize(
    db.pointer,
    'main',
    p,
    copy.length,
    copy.length,
    s.capi.SQLITE_DESERIALIZE_FREEONCLOSE | s.capi.SQLITE_DESERIALIZE_READONLY,
  );
  if (rc) {
    db.close();
    throw new Error(`sqlite3_deserialize: ${s.capi.sqlite3_js_rc_str(rc)}`);
  }
  const out: SqliteDb = {
    each(sql, row) {
      db.exec({ sql, rowMode: 'array', callback: row });
    },
    close() {
      db.close();
    },
  };
  return out;
}
