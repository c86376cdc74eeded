/**
 * The reference listings tests/corpus/tar-suites.test.ts compares tarscope with: GNU tar's
 * and bsdtar's `-tv` output parsed into (name, type, size, link target). Both run with
 * LC_ALL=C and TZ=UTC so the output does not depend on the machine; names come back as the
 * header's bytes (escapes decoded) and are then decoded with tarscope's own rule (UTF-8,
 * Latin-1 when not valid UTF-8: src/formats/tar/text.ts), so a name compares by its bytes.
 */
import { spawnSync } from 'node:child_process';

export type RefType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'chardev' | 'blockdev' | 'fifo' | 'other';

export interface RefEntry {
  name: string;
  type: RefType;
  /** Bytes; null for devices (the column holds major,minor). */
  size: number | null;
  linkname?: string;
  /** The type letter the lister printed (first column's first character). */
  letter: string;
}

export interface RefListing {
  tool: 'gnu tar' | 'bsdtar';
  ok: boolean;
  status: number | null;
  stderr: string;
  entries: RefEntry[];
}

const ENV = { ...process.env, LC_ALL: 'C', LANG: 'C', TZ: 'UTC' };

/** `tar --list --verbose --numeric-owner --full-time --quoting-style=escape` (GNU tar 1.34). */
export function gnuTarList(path: string): RefListing {
  const r = spawnSync('tar', ['--list', '--verbose', '--numeric-owner', '--full-time', '--quoting-style=escape', '-f', path], {
    env: ENV,
    maxBuffer: 64 << 20,
    timeout: 5_000,
  });
  const entries = r.status === 0 ? parseLines(r.stdout, gnuLine) : [];
  return { tool: 'gnu tar', ok: r.status === 0, status: r.status, stderr: r.stderr.toString('latin1'), entries };
}

/** `bsdtar -tv --numeric-owner` (libarchive-tools). A 3 s bound: bsdtar never stops on
 *  libarchive's own test_read_filter_gzip_recursive.gz (a gzip that decompresses to itself;
 *  libarchive's test sets a filter limit bsdtar does not), which counts as not listed. */
export function bsdtarList(path: string): RefListing {
  const r = spawnSync('bsdtar', ['-t', '-v', '--numeric-owner', '-f', path], { env: ENV, maxBuffer: 64 << 20, timeout: 3_000 });
  const entries = r.status === 0 ? parseLines(r.stdout, bsdLine) : [];
  return { tool: 'bsdtar', ok: r.status === 0, status: r.status, stderr: r.stderr.toString('latin1'), entries };
}

function parseLines(out: Buffer, parse: (line: string) => RefEntry): RefEntry[] {
  // latin1 keeps one char per byte; names are re-decoded from bytes below.
  return out
    .toString('latin1')
    .split('\n')
    .filter((l) => l.length > 0)
    .map(parse);
}

const LETTERS: Record<string, RefType> = { '-': 'file', d: 'dir', l: 'symlink', h: 'hardlink', c: 'chardev', b: 'blockdev', p: 'fifo' };

// -rw-r--r-- 1000/1000        5 2019-01-01 00:00:00 name
// (a fractional time is padded with spaces to the digits the archive gave)
const GNU = /^(\S)\S{9} (\S+)\s+(\S+) (-?\d+-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+ *)?) (.*)$/;

function gnuLine(line: string): RefEntry {
  const m = GNU.exec(line);
  if (!m) throw new Error(`gnu tar: cannot parse ${JSON.stringify(line)}`);
  // What GNU tar appends to a name (list.c print_header): a volume label's marker, and a
  // note on typeflags it does not know.
  const rest = m[1] === 'V' ? m[6].replace(/--Volume Header--$/, '') : m[6].replace(/ unknown file type '.'$/, '');
  return entryOf(m[1], m[3], rest);
}

// -rw-r--r--  0 1000   1000        5 Jan  1  2019 name   (devices: "1,3" in the size column)
const BSD = /^(\S)\S{9}\+?\s+\d+ (\S+)\s+(\S+)\s+(\S+(?:, *\d+)?) (\w{3} [ \d]\d (?: \d{4}|\d\d:\d\d)) (.*)$/;

function bsdLine(line: string): RefEntry {
  const m = BSD.exec(line);
  if (!m) throw new Error(`bsdtar: cannot parse ${JSON.stringify(line)}`);
  return entryOf(m[1], m[4], m[6]);
}

function entryOf(letter: string, sizeCol: string, rest: string): RefEntry {
  const type = LETTERS[letter] ?? 'other';
  const size = /^\d+$/.test(sizeCol) ? Number(sizeCol) : null;
  let name = rest;
  let linkname: string | undefined;
  const sep = type === 'symlink' ? ' -> ' : type === 'hardlink' ? ' link to ' : null;
  if (sep) {
    const i = rest.indexOf(sep);
    if (i >= 0) {
      name = rest.slice(0, i);
      linkname = decodeName(unescapeC(rest.slice(i + sep.length)));
    }
  }
  return { name: decodeName(unescapeC(name)), type, size, linkname, letter };
}

/** C escapes as both listers print them (\\, \n, \t, …, \ooo) back to bytes (latin1 chars). */
function unescapeC(s: string): string {
  return s.replace(/\\([0-7]{3}|.)/g, (_, c: string) => {
    if (c.length === 3) return String.fromCharCode(Number.parseInt(c, 8));
    const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', ' ': ' ' };
    return map[c] ?? c;
  });
}

/** Bytes (as latin1 chars) -> string by tarscope's rule: UTF-8 when valid, else Latin-1. */
function decodeName(latin1: string): string {
  const bytes = Uint8Array.from(latin1, (c) => c.charCodeAt(0));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return latin1;
  }
}
