/**
 * ELF objects (System V gABI, "ELF Header" and "Program Header"; the GNU build-id note,
 * NT_GNU_BUILD_ID = 3 with name "GNU"). The build-id is a hash of the linked output, so two
 * binaries with different build-ids were built from different inputs (or with different
 * flags or paths); equal build-ids with different bytes point at post-link changes
 * (stripping, signing, prelinking). The note is usually in the first pages (PT_NOTE), which
 * is what the bytes read cover; otherwise the object is only named.
 */
import { startsWith, type Recogniser } from './types';

const MACHINES: Record<number, string> = {
  3: 'x86',
  62: 'x86-64',
  40: 'ARM',
  183: 'AArch64',
  243: 'RISC-V',
  20: 'PowerPC',
  21: 'PowerPC64',
  22: 's390x',
  8: 'MIPS',
};
const TYPES: Record<number, string> = { 1: 'relocatable object', 2: 'executable', 3: 'shared object', 4: 'core file' };

export interface ElfInfo {
  bits: 32 | 64;
  kind: string;
  machine: string;
  buildId: string | null;
}

export function readElf(b: Uint8Array): ElfInfo | null {
  if (!startsWith(b, [0x7f, 0x45, 0x4c, 0x46]) || b.length < 52) return null;
  const bits = b[4] === 2 ? 64 : b[4] === 1 ? 32 : null;
  const le = b[5] === 1;
  if (!bits || (b[5] !== 1 && b[5] !== 2)) return null;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u16 = (o: number) => dv.getUint16(o, le);
  const u32 = (o: number) => dv.getUint32(o, le);
  const word = (o: number) => (bits === 64 ? Number(dv.getBigUint64(o, le)) : u32(o));
  const type = u16(16);
  const machine = u16(18);
  const info: ElfInfo = { bits, kind: TYPES[type] ?? `type ${type}`, machine: MACHINES[machine] ?? `machine ${machine}`, buildId: null };
  if (bits === 64 && b.length < 64) return info;
  const phoff = word(bits === 64 ? 32 : 28);
  const phentsize = u16(bits === 64 ? 54 : 42);
  const phnum = u16(bits === 64 ? 56 : 44);
  for (let i = 0; i < phnum && i < 256; i++) {
    const ph = phoff + i * phentsize;
    if (ph + phentsize > b.length) break;
    if (u32(ph) !== 4) continue; // PT_NOTE
    const off = word(bits === 64 ? ph + 8 : ph + 4);
    const size = word(bits === 64 ? ph + 32 : ph + 16);
    for (let n = off; n + 12 <= Math.min(off + size, b.length); ) {
      const namesz = u32(n);
      const descsz = u32(n + 4);
      const ntype = u32(n + 8);
      const name = n + 12;
      const desc = name + ((namesz + 3) & ~3);
      if (desc + descsz > b.length) break;
      if (ntype === 3 && namesz === 4 && startsWith(b, [0x47, 0x4e, 0x55, 0], name)) {
        let h = '';
        for (let k = desc; k < desc + descsz; k++) h += b[k].toString(16).padStart(2, '0');
        info.buildId = h;
        return info;
      }
      n = desc + ((descsz + 3) & ~3);
    }
  }
  return info;
}

export const elf: Recogniser = {
  id: 'elf',
  explain(a, b) {
    const ea = readElf(a.bytes);
    const eb = readElf(b.bytes);
    if (!ea || !eb) return null;
    const what = `ELF ${ea.bits}-bit ${ea.kind} (${ea.machine})`;
    if (ea.machine !== eb.machine || ea.kind !== eb.kind || ea.bits !== eb.bits) {
      return { what, detail: `A is ELF ${ea.bits}-bit ${ea.kind} (${ea.machine}), B is ELF ${eb.bits}-bit ${eb.kind} (${eb.machine})` };
    }
    if (ea.buildId && eb.buildId) {
      if (ea.buildId !== eb.buildId) return { what, detail: `build-id ${ea.buildId} vs ${eb.buildId}: built from different inputs, flags or paths` };
      return { what, detail: `same build-id ${ea.buildId}: the linked output was the same; the bytes changed after linking (strip, signing, prelink)` };
    }
    if (ea.buildId || eb.buildId) return { what, detail: `build-id only in ${ea.buildId ? 'A' : 'B'} (${ea.buildId ?? eb.buildId})` };
    return { what, detail: 'no build-id note in the bytes read' };
  },
};
