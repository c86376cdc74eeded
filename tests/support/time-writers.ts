/**
 * Files with embedded timestamps made by the real writers at a given time, for the tests of
 * embedded times (src/compare/evidence/embedded-times.ts, src/engine/times-fingerprint.ts):
 * python3 py_compile (.pyc source mtime), python3 zipfile and Info-ZIP `zip` (entry DOS times;
 * `zip` adds the 0x5455 extended-timestamp extra field), GNU gzip without -n (header MTIME).
 */
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sh, tempDir } from './tools';

export const T = 1_700_000_000;
const work = tempDir('tarscope-embedded-');

function file(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(work, name)));
}

/** py_compile of `source` whose mtime is `mtime` (timestamp-based, or `mode`). */
export function pyc(name: string, source: string, mtime: number, mode = 'TIMESTAMP'): Uint8Array {
  const d = join(work, name);
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, 'm.py'), source);
  utimesSync(join(d, 'm.py'), mtime, mtime);
  sh(
    `env -u SOURCE_DATE_EPOCH python3 -c "import py_compile as p; p.compile('m.py', cfile='m.pyc', doraise=True, invalidation_mode=p.PycInvalidationMode.${mode})"`,
    { cwd: d },
  );
  return file(`${name}/m.pyc`);
}

/** python3 zipfile: three entries dated `t`, the last one's data `version`. */
export function pyzip(name: string, t: number, version = '1.0'): Uint8Array {
  const py = [
    'import sys, time, zipfile',
    `t = time.gmtime(${t})[:6]`,
    `z = zipfile.ZipFile('${name}', 'w')`,
    `for n, d, c in [('a.txt', 'alpha\\n' * 9, zipfile.ZIP_DEFLATED), ('b/c.txt', 'gamma\\n', zipfile.ZIP_DEFLATED), ('v.txt', '${version}', zipfile.ZIP_STORED)]:`,
    '    i = zipfile.ZipInfo(n, date_time=t); i.compress_type = c; z.writestr(i, d)',
    'z.close()',
  ].join('\n');
  writeFileSync(join(work, `${name}.py`), py);
  sh(`python3 ${name}.py`, { cwd: work });
  return file(name);
}

/** Info-ZIP zip of two files whose mtimes are `t` (extra fields UT and ux: zip's default). */
export function infozip(name: string, t: number): Uint8Array {
  const d = join(work, `${name}.d`);
  mkdirSync(d, { recursive: true });
  for (const f of ['x.txt', 'y.txt']) {
    writeFileSync(join(d, f), `${f}\n`.repeat(5));
    utimesSync(join(d, f), t, t);
  }
  sh(`TZ=UTC zip -q -D ../${name} x.txt y.txt`, { cwd: d });
  return file(name);
}

/** GNU gzip (no -n) of `text` from an input whose mtime is `t`. */
export function gz(name: string, text: string, t: number, flags = ''): Uint8Array {
  const d = join(work, `${name}.d`);
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, 'changelog'), text);
  utimesSync(join(d, 'changelog'), t, t);
  sh(`gzip ${flags} -c changelog > ../${name}`, { cwd: d });
  return file(name);
}
