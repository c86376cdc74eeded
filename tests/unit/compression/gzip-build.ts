/**
 * Hand-made gzip members, built field by field from RFC 1952 section 2.3 around a raw
 * deflate stream from node:zlib, for the header fields real writers never set (FEXTRA,
 * FCOMMENT, FHCRC, FTEXT). The CRCs come from node:zlib, not from the code under test.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface MemberSpec {
  data: Uint8Array;
  ftext?: boolean;
  mtime?: number;
  xfl?: number;
  os?: number;
  /** FEXTRA subfields: two-letter id and payload. */
  extra?: { id: string; data: Uint8Array }[];
  name?: string;
  comment?: string;
  hcrc?: boolean;
  /** Raw FLG bits OR-ed in (to set reserved bits). */
  extraFlags?: number;
  method?: number;
}

export function latin1(s: string): number[] {
  return [...s].map((c) => c.charCodeAt(0));
}

export function gzipHeader(spec: MemberSpec): Uint8Array {
  let flg = spec.extraFlags ?? 0;
  if (spec.ftext) flg |= 0x01;
  if (spec.hcrc) flg |= 0x02;
  if (spec.extra) flg |= 0x04;
  if (spec.name !== undefined) flg |= 0x08;
  if (spec.comment !== undefined) flg |= 0x10;
  const m = spec.mtime ?? 0;
  const h: number[] = [0x1f, 0x8b, spec.method ?? 8, flg, m & 0xff, (m >>> 8) & 0xff, (m >>> 16) & 0xff, m >>> 24, spec.xfl ?? 0, spec.os ?? 3];
  if (spec.extra) {
    const body: number[] = [];
    for (const sf of spec.extra) body.push(...latin1(sf.id), sf.data.length & 0xff, sf.data.length >>> 8, ...sf.data);
    h.push(body.length & 0xff, body.length >>> 8, ...body);
  }
  if (spec.name !== undefined) h.push(...latin1(spec.name), 0);
  if (spec.comment !== undefined) h.push(...latin1(spec.comment), 0);
  if (spec.hcrc) {
    const c = crc32(Uint8Array.from(h)) & 0xffff;
    h.push(c & 0xff, c >>> 8);
  }
  return Uint8Array.from(h);
}

export function le32(v: number): number[] {
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
}

export function gzipMember(spec: MemberSpec): Uint8Array {
  const body = deflateRawSync(spec.data);
  const trailer = [...le32(crc32(spec.data)), ...le32(spec.data.length >>> 0)];
  return Buffer.concat([gzipHeader(spec), body, Uint8Array.from(trailer)]);
}
