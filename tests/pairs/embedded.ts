/**
 * Recipes for files that embed a timestamp, written by the real writers: a .pyc by python3
 * py_compile (the source mtime, PEP 552), a jar by python3 zipfile (each entry's DOS time), a
 * .gz by GNU gzip without -n (the header MTIME, RFC 1952 2.3.1, taken from the input file's
 * mtime). Each goes into layer 1 of a one-layer image, on top of the tree of
 * tests/fixtures/tree.ts, packed by GNU tar; the OCI layout by tests/builders.
 *
 * Two archives made with different times differ only in those embedded timestamps (and in
 * what the pair also asks for: tar flags, member order), which is what the `timestamps`
 * ignore option must reach "same" on (src/compare/evidence/timestamp-only.ts).
 */
import { chmodSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sh } from '../support/tools';
import { nodeHooks } from '../support/hooks';
import { buildOciArchive } from '../builders/image';
import { buildPlainTree, pinMtimes } from '../fixtures/tree';
import type { Recipe } from './cache';
import { LAYER_FLAGS, T } from './writers';

export const PYC_FILE = 'usr/lib/app/__pycache__/mod.pyc';
export const JAR_FILE = 'usr/share/app/lib.jar';
export const GZ_FILE = 'usr/share/doc/app/changelog.gz';

export interface EmbeddedParams {
  /** GNU tar flags of the layer (the member list comes from `find | sort`) */
  flags: string;
  /** members in reverse name order */
  reverse: boolean;
  /** the source mtime py_compile embeds in PYC_FILE */
  pyc?: number;
  /** the time python3 zipfile writes for every entry of JAR_FILE (seconds since the epoch, UTC) */
  zip?: number;
  /** the content of the jar's stored entry app/version.txt (default `1.0`) */
  zipVersion?: string;
  /** the mtime of the input GNU gzip stores in GZ_FILE's header */
  gz?: number;
}

/** The files with embedded times, written into `root` by the real writers. */
function writeEmbedded(root: string, p: EmbeddedParams): void {
  const dirs = new Set<string>();
  const mkdir = (d: string) => {
    mkdirSync(join(root, d), { recursive: true });
    for (let x = d; x && x !== '.'; x = x.slice(0, Math.max(0, x.lastIndexOf('/')))) dirs.add(x);
  };
  if (p.pyc !== undefined) {
    mkdir('usr/lib/app/__pycache__');
    const dir = join(root, 'usr/lib/app');
    writeFileSync(join(dir, 'mod.py'), 'GREETING = "hello"\n\ndef greet():\n    return GREETING\n');
    utimesSync(join(dir, 'mod.py'), p.pyc, p.pyc);
    // SOURCE_DATE_EPOCH would make py_compile write a checked-hash pyc without the mtime.
    sh(`env -u SOURCE_DATE_EPOCH python3 -c "import py_compile; py_compile.compile('mod.py', cfile='__pycache__/mod.pyc', doraise=True)"`, { cwd: dir });
  }
  if (p.zip !== undefined) {
    mkdir('usr/share/app');
    // Two deflated entries and a stored one, all with the same date_time (zipfile's default is
    // no extra field: the DOS time and date of the local and central headers only).
    const py = [
      'import sys, time, zipfile',
      't = time.gmtime(int(sys.argv[1]))[:6]',
      'version = sys.argv[2]',
      "z = zipfile.ZipFile('lib.jar', 'w')",
      "for name, data, how in [('META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\\n', zipfile.ZIP_DEFLATED), ('app/Main.class', 'class Main {}\\n' * 20, zipfile.ZIP_DEFLATED), ('app/version.txt', version + '\\n', zipfile.ZIP_STORED)]:",
      '    i = zipfile.ZipInfo(name, date_time=t)',
      '    i.compress_type = how',
      '    i.external_attr = 0o644 << 16',
      '    z.writestr(i, data)',
      'z.close()',
    ].join('\n');
    writeFileSync(join(root, 'usr/share/app/mkjar.py'), py);
    sh(`python3 mkjar.py ${p.zip} '${p.zipVersion ?? '1.0'}' && rm mkjar.py`, { cwd: join(root, 'usr/share/app') });
  }
  if (p.gz !== undefined) {
    mkdir('usr/share/doc/app');
    const f = join(root, 'usr/share/doc/app/changelog');
    writeFileSync(f, 'app (1.0) stable; urgency=low\n\n  * First release.\n'.repeat(8));
    utimesSync(f, p.gz, p.gz);
    sh('gzip -9 changelog', { cwd: join(root, 'usr/share/doc/app') }); // no -n: the header keeps the name and the mtime
  }
  for (const d of dirs) chmodSync(join(root, d), 0o755);
  for (const f of [PYC_FILE, 'usr/lib/app/mod.py', JAR_FILE, GZ_FILE]) {
    try {
      chmodSync(join(root, f), 0o644);
    } catch {
      // not written by these params
    }
  }
}

/** A one-layer image: the plain tree plus the embedded-time files, packed by GNU tar with `flags`. */
export function embeddedImage(file: string, over: Partial<EmbeddedParams>): Recipe<EmbeddedParams> {
  const params: EmbeddedParams = { flags: LAYER_FLAGS(), reverse: false, ...over };
  const what = [
    params.pyc !== undefined ? `py_compile source mtime ${params.pyc}` : '',
    params.zip !== undefined ? `zipfile date_time ${params.zip}${params.zipVersion ? `, version.txt ${params.zipVersion}` : ''}` : '',
    params.gz !== undefined ? `gzip input mtime ${params.gz}` : '',
  ].filter(Boolean);
  return {
    file,
    writer: `python3 py_compile / zipfile, GNU gzip (${what.join(', ')}); GNU tar ${params.flags}${params.reverse ? ', members in reverse order' : ''}; OCI layout by tests/builders`,
    params,
    build(out, p, { work }) {
      const d = join(work, 'l1');
      buildPlainTree(d, { mtime: T });
      writeEmbedded(d, p);
      pinMtimes(d, T);
      chmodSync(d, 0o755);
      sh(`find . -mindepth 1 | sed 's|^\\./||' | LC_ALL=C sort ${p.reverse ? '-r' : ''} | tar -C . --no-recursion -T - ${p.flags} -cf ../l1.tar`, { cwd: d });
      const layer = new Uint8Array(readFileSync(join(work, 'l1.tar')));
      writeFileSync(out, buildOciArchive([{ tags: ['v1'], layers: [layer] }], nodeHooks).tar);
    },
  };
}
