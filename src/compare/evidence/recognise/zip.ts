/**
 * Zip archives (jar, wheel, apk…): the local file headers within the bytes read (PKWARE
 * APPNOTE 4.3.7: signature PK\3\4, version, flags, method, DOS time, DOS date, CRC-32,
 * sizes, name, extra). Jars built twice differ mostly in entry timestamps (DOS time, and the
 * 0x5455 extended-timestamp extra field); the remedy is a fixed timestamp
 * (`-Dproject.build.outputTimestamp`, SOURCE_DATE_EPOCH, `zip -X` plus touch).
 */
import { plural, startsWith, u16le, u32le, type Recogniser } from './types';

interface ZipEntry {
  name: string;
  dos: string;
  crc: number;
  /** 0x5455 extra field mtime, when present. */
  xtime?: number;
}

const SIG = [0x50, 0x4b, 0x03, 0x04];
const MAX_ENTRIES = 2000;

function dosTime(time: number, date: number): string {
  const y = 1980 + (date >> 9);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${y}-${p((date >> 5) & 15)}-${p(date & 31)} ${p(time >> 11)}:${p((time >> 5) & 63)}:${p((time & 31) * 2)}`;
}

export function zipEntries(b: Uint8Array): ZipEntry[] {
  const out: ZipEntry[] = [];
  let p = 0;
  const dec = new TextDecoder();
  while (out.length < MAX_ENTRIES && startsWith(b, SIG, p) && p + 30 <= b.length) {
    const flags = u16le(b, p + 6);
    const time = u16le(b, p + 10);
    const date = u16le(b, p + 12);
    const crc = u32le(b, p + 14);
    const csize = u32le(b, p + 18);
    const nameLen = u16le(b, p + 26);
    const extraLen = u16le(b, p + 28);
    if (p + 30 + nameLen + extraLen > b.length) break;
    const e: ZipEntry = { name: dec.decode(b.subarray(p + 30, p + 30 + nameLen)), dos: dosTime(time, date), crc };
    for (let x = p + 30 + nameLen; x + 4 <= p + 30 + nameLen + extraLen; ) {
      const id = u16le(b, x);
      const len = u16le(b, x + 2);
      if (id === 0x5455 && len >= 5 && b[x + 4] & 1) e.xtime = u32le(b, x + 5);
      x += 4 + len;
    }
    out.push(e);
    // Bit 3: sizes follow the data in a descriptor, so the next header cannot be found from here.
    if (flags & 8) break;
    p += 30 + nameLen + extraLen + csize;
  }
  return out;
}

export const zip: Recogniser = {
  id: 'zip',
  explain(a, b, path) {
    if (!startsWith(a.bytes, SIG) || !startsWith(b.bytes, SIG)) return null;
    const what = /\.jar$/i.test(path) ? 'jar (zip archive)' : /\.whl$/i.test(path) ? 'wheel (zip archive)' : 'zip archive';
    const ea = zipEntries(a.bytes);
    const eb = new Map(zipEntries(b.bytes).map((e) => [e.name, e]));
    let both = 0;
    let times = 0;
    let content = 0;
    let first: string | null = null;
    for (const e of ea) {
      const o = eb.get(e.name);
      if (!o) continue;
      both++;
      const t = e.dos !== o.dos || e.xtime !== o.xtime;
      if (t) {
        times++;
        first ??= `${e.name}: ${e.dos} vs ${o.dos}`;
      }
      if (e.crc !== o.crc) content++;
    }
    if (!both) return { what, detail: `no common entry among the first ${plural(ea.length, 'entry', 'entries')} read` };
    const parts = [`${times} of ${plural(both, 'entry', 'entries')} read have different timestamps${first ? ` (${first})` : ''}`];
    parts.push(content ? `${content} differ in content (CRC-32)` : 'their contents (CRC-32) are the same');
    return { what, detail: parts.join('; ') };
  },
};
