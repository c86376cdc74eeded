/**
 * Python bytecode (.pyc). Header, PEP 552 (Python 3.7+): magic (2 bytes LE + "\r\n"),
 * flags (4 bytes LE: bit 0 = hash-based, bit 1 = check_source), then either the source
 * mtime and size (4 + 4 bytes LE, timestamp-based) or an 8-byte SipHash of the source.
 * Python 3.3–3.6: magic, mtime, size; older (and Python 2): magic, mtime.
 * The embedded mtime is why a rebuilt image differs in every .pyc: the remedy is
 * SOURCE_DATE_EPOCH (py_compile then writes checked-hash pycs) or --invalidation-mode.
 */
import { firstDifference } from '../bytes';
import { isoSeconds, u16le, u32le, type Recogniser, type Recognised, type Side } from './types';

/** Last magic number of each release (importlib/_bootstrap_external.py "MAGIC_NUMBER" history). */
const RELEASES: [number, string][] = [
  [3351, '3.5'],
  [3379, '3.6'],
  [3394, '3.7'],
  [3413, '3.8'],
  [3425, '3.9'],
  [3439, '3.10'],
  [3495, '3.11'],
  [3531, '3.12'],
  [3571, '3.13'],
];

export function pythonVersion(magic: number): string {
  if (magic === 62211) return '2.7';
  if (magic > 3571 && magic < 4000) return '3.14 or later';
  for (const [last, v] of RELEASES) if (magic <= last && magic >= 3000) return v;
  return `magic ${magic}`;
}

export interface PycHeader {
  magic: number;
  version: string;
  flags: number;
  hashBased: boolean;
  mtime?: number;
  sourceSize?: number;
  sourceHash?: string;
  /** Bytes of header before the marshalled code. */
  headerSize: number;
}

export function parsePyc(b: Uint8Array): PycHeader | null {
  if (b.length < 8 || b[2] !== 0x0d || b[3] !== 0x0a) return null;
  const magic = u16le(b, 0);
  const version = pythonVersion(magic);
  if (magic < 3000 && magic !== 62211) return null;
  if (magic >= 3390 && magic < 4000) {
    if (b.length < 16) return null;
    const flags = u32le(b, 4);
    if (flags & 1) {
      let h = '';
      for (let i = 8; i < 16; i++) h += b[i].toString(16).padStart(2, '0');
      return { magic, version, flags, hashBased: true, sourceHash: h, headerSize: 16 };
    }
    return { magic, version, flags, hashBased: false, mtime: u32le(b, 8), sourceSize: u32le(b, 12), headerSize: 16 };
  }
  if (magic >= 3230 && magic < 4000) {
    if (b.length < 12) return null;
    return { magic, version, flags: 0, hashBased: false, mtime: u32le(b, 4), sourceSize: u32le(b, 8), headerSize: 12 };
  }
  return { magic, version, flags: 0, hashBased: false, mtime: u32le(b, 4), headerSize: 8 };
}

const WHAT = 'Python bytecode';

function codeDiffers(a: Side, b: Side, ha: PycHeader): { differs: boolean; known: boolean; at: number } {
  const ca = a.bytes.subarray(ha.headerSize);
  const cb = b.bytes.subarray(ha.headerSize);
  const at = firstDifference(ca, cb);
  if (at >= 0 && at < Math.min(ca.length, cb.length)) return { differs: true, known: true, at: at + ha.headerSize };
  if (a.size !== b.size) return { differs: true, known: true, at: Math.min(a.size, b.size) };
  // Equal as far as read: known equal only when both sides were read whole.
  return { differs: false, known: a.whole && b.whole, at: -1 };
}

export const pyc: Recogniser = {
  id: 'pyc',
  byPath(path) {
    if (!/\.pyc$/i.test(path)) return null;
    return {
      what: WHAT,
      detail: 'compiled .pyc files embed the source file’s mtime (timestamp-based pycs, the default), so a rebuild changes them even when the source does not',
    };
  },
  explain(a, b): Recognised | null {
    const ha = parsePyc(a.bytes);
    const hb = parsePyc(b.bytes);
    if (!ha || !hb) return null;
    if (ha.magic !== hb.magic)
      return { what: WHAT, detail: `compiled by different Python versions: ${ha.version} (magic ${ha.magic}) vs ${hb.version} (magic ${hb.magic})` };
    if (ha.hashBased !== hb.hashBased) {
      const kind = (h: PycHeader) => (h.hashBased ? `hash-based (${h.flags & 2 ? 'checked' : 'unchecked'})` : 'timestamp-based');
      return { what: WHAT, detail: `Python ${ha.version}: A is ${kind(ha)}, B is ${kind(hb)} (py_compile --invalidation-mode)` };
    }
    const code = codeDiffers(a, b, ha);
    const rest = code.differs ? `; the compiled code differs too (from byte ${code.at})` : code.known ? '; the compiled code is identical' : '';
    if (ha.hashBased) {
      if (ha.sourceHash !== hb.sourceHash)
        return {
          what: WHAT,
          detail: `Python ${ha.version}, hash-based: the embedded source hash differs (${ha.sourceHash} vs ${hb.sourceHash}): the .py sources differ${rest}`,
        };
      return {
        what: WHAT,
        detail: `Python ${ha.version}, hash-based, same source hash: the compiled code differs (from byte ${code.at}); marshal output can vary between builds (reference flags)`,
      };
    }
    const parts: string[] = [];
    if (ha.mtime !== hb.mtime) parts.push(`embedded source mtime ${isoSeconds(ha.mtime!)} vs ${isoSeconds(hb.mtime!)}`);
    if (ha.sourceSize !== hb.sourceSize && ha.sourceSize !== undefined) parts.push(`embedded source size ${ha.sourceSize} vs ${hb.sourceSize} bytes`);
    if (!parts.length) {
      return {
        what: WHAT,
        detail: `Python ${ha.version}, same header (source mtime ${isoSeconds(ha.mtime!)}): the compiled code differs${code.at >= 0 ? ` from byte ${code.at}` : ''}; marshal output can vary between builds (reference flags)`,
      };
    }
    const only = !code.differs && code.known && parts.length === 1 && ha.mtime !== hb.mtime ? 'only the ' : '';
    return { what: WHAT, detail: `Python ${ha.version}: ${only}${parts.join(', ')}${rest}` };
  },
};
