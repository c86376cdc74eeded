/**
 * Crafted RPM headers in rpm's lib/header.c layout (il, dl, 16-byte index entries, data store,
 * big-endian; integers aligned to their size): what an rpmdb `Packages` row's blob holds, or,
 * with `magic`, the header of a .rpm file. For tests of src/packages/rpm-header.ts, and for
 * an rpmdb made in the browser (tests/browser/engine/rpm.test.ts).
 */
import { TYPE } from '../../src/packages/rpm-header';

export interface HeaderEntry {
  tag: number;
  type: number;
  /** strings (STRING, STRING_ARRAY) or numbers (INT32; INT64 below 2^33) */
  value: string[] | number[];
}

export function rpmHeader(entries: HeaderEntry[], opts: { magic?: boolean } = {}): Uint8Array {
  const data: number[] = [];
  const index: number[][] = [];
  for (const e of entries) {
    if (e.type === TYPE.INT32) while (data.length % 4) data.push(0);
    if (e.type === TYPE.INT64) while (data.length % 8) data.push(0);
    const offset = data.length;
    if (e.type === TYPE.INT64)
      for (const n of e.value as number[]) data.push(0, 0, 0, n >= 2 ** 32 ? 1 : 0, (n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
    else if (e.type === TYPE.INT32) for (const n of e.value as number[]) data.push((n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
    else for (const s of e.value as string[]) data.push(...new TextEncoder().encode(s), 0);
    index.push([e.tag, e.type, offset, e.value.length]);
  }
  const out = new Uint8Array((opts.magic ? 8 : 0) + 8 + index.length * 16 + data.length);
  const v = new DataView(out.buffer);
  let at = 0;
  if (opts.magic) {
    out.set([0x8e, 0xad, 0xe8, 0x01]);
    at = 8;
  }
  v.setUint32(at, index.length);
  v.setUint32(at + 4, data.length);
  at += 8;
  for (const row of index) {
    for (let i = 0; i < 4; i++) v.setUint32(at + i * 4, row[i]);
    at += 16;
  }
  out.set(data, at);
  return out;
}
