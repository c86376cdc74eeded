/**
 * What a tar reader warns about and reads on: GNU tar prints these on stderr ("A lone zero
 * block at N", "Ignoring unknown extended header keyword", …) and exits 0; tarscope keeps
 * them in the summary so an inspection says so instead of staying silent. One warning per
 * code (the first place, and a count), so a hostile archive cannot grow the list.
 */
import type { TarWarning, TarWarningCode } from './types';

export class TarWarnings {
  private readonly byCode = new Map<TarWarningCode, TarWarning>();

  add(code: TarWarningCode, offset: number, message: string): void {
    const w = this.byCode.get(code);
    if (w) w.count++;
    else this.byCode.set(code, { code, message, offset, count: 1 });
  }

  list(): TarWarning[] {
    return [...this.byCode.values()].map((w) => ({ ...w }));
  }
}

/** The end-of-archive warnings, from what the parser saw at end(). */
export function endWarnings(
  w: TarWarnings,
  s: { entries: number; endOffset: number; zeroBlocks: number; trailingBytes: number; trailingGarbage: boolean; sawEndMarker: boolean },
): void {
  if (!s.sawEndMarker && s.entries > 0) {
    w.add('no-end-marker', s.endOffset, `tar: no end-of-archive marker: the archive ends at offset ${s.endOffset} right after an entry, and may be truncated`);
  }
  const after = s.endOffset + s.zeroBlocks * 512;
  if (s.sawEndMarker && s.zeroBlocks === 1)
    w.add('lone-zero-block', s.endOffset, `tar: a lone zero block at offset ${s.endOffset} (the end-of-archive marker is two)`);
  if (s.trailingGarbage) w.add('trailing-garbage', after, `tar: ${s.trailingBytes} bytes after the end-of-archive marker at offset ${after} are not all zeros`);
  if (s.sawEndMarker && s.trailingBytes % 512 !== 0) {
    w.add(
      'short-record',
      after,
      `tar: the last record is short: ${s.trailingBytes} bytes after the end-of-archive marker at offset ${after} are not whole 512-byte blocks`,
    );
  }
}
