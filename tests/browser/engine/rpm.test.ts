/**
 * rpm packages as the page reads them: an rpmdb.sqlite in a layer, read in a real module
 * Worker in Chromium, where src/kernels/sqlite.ts loads the sqlite wasm build (its wasm fetched
 * as an asset) only because the layer held such a file. The database is made here with the
 * same sqlite build (rpm's schema: `Packages (hnum, blob)`), its blob a crafted RPM header
 * (tests/builders/rpm-header.ts); rpm's own databases are read in Node by
 * tests/unit/packages/rpm.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSHA256, type IHasher } from 'hash-wasm';
import { gzip } from 'pako';
import { createEngine } from '../../../src/engine/browser';
import type { Engine } from '../../../src/engine/api';
import { TAG, TYPE } from '../../../src/packages/rpm-header';
import { buildOciArchive, layerTar, type ImageHooks } from '../../builders/image';
import { rpmHeader } from '../../builders/rpm-header';

interface Sqlite {
  oo1: { DB: new (name: string, mode: string) => { pointer: unknown; exec(sql: string | { sql: string; bind: unknown[] }): void; close(): void } };
  capi: { sqlite3_js_db_export(db: unknown): Uint8Array };
}

let engine: Engine;
let hasher: IHasher;
let hooks: ImageHooks;

beforeAll(async () => {
  engine = createEngine(1);
  hasher = await createSHA256();
  hooks = { sha256: (b) => `sha256:${hasher.init().update(b).digest('hex')}`, gzip: (b) => gzip(b) };
});
afterAll(() => engine.dispose());

async function rpmdb(): Promise<Uint8Array> {
  const { default: init } = await import('@sqlite.org/sqlite-wasm');
  const s = (await init({ print: () => {}, printErr: () => {} })) as Sqlite;
  const db = new s.oo1.DB(':memory:', 'c');
  db.exec("CREATE TABLE IF NOT EXISTS 'Packages' (hnum INTEGER PRIMARY KEY AUTOINCREMENT,blob BLOB NOT NULL)");
  const str = (tag: number, v: string) => ({ tag, type: TYPE.STRING, value: [v] });
  const blob = rpmHeader([
    str(TAG.NAME, 'bash'),
    str(TAG.VERSION, '5.1.8'),
    str(TAG.RELEASE, '9.el9'),
    str(TAG.ARCH, 'x86_64'),
    str(TAG.LICENSE, 'GPLv3+'),
    { tag: TAG.DIRINDEXES, type: TYPE.INT32, value: [0] },
    { tag: TAG.BASENAMES, type: TYPE.STRING_ARRAY, value: ['bash'] },
    { tag: TAG.DIRNAMES, type: TYPE.STRING_ARRAY, value: ['/usr/bin/'] },
  ]);
  db.exec({ sql: 'INSERT INTO Packages (blob) VALUES (?)', bind: [blob] });
  const bytes = s.capi.sqlite3_js_db_export(db.pointer);
  db.close();
  return bytes;
}

describe('rpm packages in Workers', () => {
  it('reads an rpmdb.sqlite of a layer through the sqlite wasm build', async () => {
    const l1 = layerTar([
      { name: 'usr/bin/bash', data: 'ELF bash', mode: 0o755 },
      { name: 'var/lib/rpm/rpmdb.sqlite', data: await rpmdb() },
    ]);
    const a = buildOciArchive([{ tags: ['rpm:1'], layers: [l1] }], hooks, { compress: true });
    const report = await engine.inspect(new Blob([a.tar as Uint8Array<ArrayBuffer>]), 'rpm.tar');
    const pk = report.inputs[0].images.find((i) => i.kind === 'image')!.packages!;
    expect(pk.notes).toEqual([]);
    expect(pk.packages).toMatchObject([
      { ecosystem: 'rpm', name: 'bash', version: '5.1.8-9.el9', arch: 'x86_64', license: 'GPLv3+', files: ['usr/bin/bash'], db: 'var/lib/rpm/rpmdb.sqlite' },
    ]);
  });
});
