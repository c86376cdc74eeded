/**
 * What comes before an entry's header: pax 'x' records and GNU 'L'/'K' long names (which
 * belong to the next entry), and pax 'g' records (which apply to every entry after them).
 * The parser collects each meta entry's data and hands it here; see POSIX.1-2017 pax,
 * "pax Extended Header", and the GNU tar manual, "GNU Extensions".
 */
import { BLOCK } from './header';
import { parsePaxRecords, recordsToObject, interpretPax, type PaxFields, type PaxRecord } from './pax';
import { cstrlen, decodeText } from './text';

/** What the meta entries in front of the next header said. */
export interface Pending {
  /** offset of the first meta block: the entry's headerOffset */
  start: number;
  local?: PaxRecord[];
  paxHeaderName?: string;
  longName?: string;
  longLink?: string;
}

export class Preamble {
  pending: Pending | null = null;
  private global: PaxRecord[] | undefined;
  /** global records in force, frozen and shared by the entries they apply to */
  globalObject: Record<string, string> | undefined;
  /** each 'g' header's own records, for TarSummary.globalPax */
  readonly globals: Record<string, string>[] = [];

  /** A meta header at `at` was read (its data follows). */
  begin(typeflag: string, name: string, at: number): void {
    if (!this.pending) this.pending = { start: at };
    if (typeflag === 'x') this.pending.paxHeaderName = name;
  }

  /** The meta entry's data (starting at absolute offset `dataAt`) is complete. */
  finish(typeflag: string, data: Uint8Array, dataAt: number): void {
    const p = this.pending!;
    switch (typeflag) {
      case 'x': {
        // Several 'x' headers in a row: the last one replaces the others, as GNU tar
        // (xheader_read keeps one buffer) and Go's archive/tar do (pax-multi-hdrs.tar).
        p.local = parsePaxRecords(data, dataAt);
        break;
      }
      case 'g': {
        const recs = parsePaxRecords(data, dataAt);
        this.global = this.global ? this.global.concat(recs) : recs;
        this.globalObject = Object.freeze(recordsToObject(this.global)) as Record<string, string>;
        this.globals.push(recordsToObject(recs));
        // A global header belongs to no entry: if it opened the preamble, close it again.
        if (p.start === dataAt - BLOCK) this.pending = null;
        break;
      }
      case 'L':
        p.longName = decodeText(data, 0, cstrlen(data, 0, data.length));
        break;
      case 'K':
        p.longLink = decodeText(data, 0, cstrlen(data, 0, data.length));
        break;
    }
  }

  /** Interprets global and local records for the entry whose header is at `at`. */
  fields(at: number): PaxFields | undefined {
    const p = this.pending;
    if (!p?.local && !this.global) return undefined;
    return interpretPax(this.global, p?.local, p ? p.start : at);
  }

  /** Hands over the preamble of the entry being reported and starts afresh. */
  take(): Pending | null {
    const p = this.pending;
    this.pending = null;
    return p;
  }
}
