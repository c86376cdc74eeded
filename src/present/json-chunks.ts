/**
 * The JSON report in pieces, for writing to a file or a pipe without building it whole: the
 * same text as `presentJson` (`JSON.stringify(r, null, 2)` and a newline), byte for byte. A
 * comparison with 100,000 changed files has a report of ~290 MB; the CLI writes it piece by
 * piece (issue 12) instead of holding that string and the report at once.
 *
 * Only large containers are walked here (more than SMALL values below them, counted with a
 * stop at SMALL): the path down to the big lists (`differences`, `inputs[i].images[j].layers`,
 * `…files`). Every small value is one `JSON.stringify`, re-indented, so the cost stays near
 * JSON.stringify's (a generator per level was 5× slower). Recursion is bounded by MAX_DEPTH;
 * below it JSON.stringify walks documents src/image refused past 256 levels.
 */
const SMALL = 2048;
const MAX_DEPTH = 24;
const CHUNK = 1 << 16;

function skipped(x: unknown): boolean {
  return x === undefined || typeof x === 'function' || typeof x === 'symbol';
}

/** At most `limit` values below `v`? (iterative, stops counting past the limit) */
function isSmall(v: object, limit: number): boolean {
  const stack: unknown[] = [v];
  let n = 0;
  while (stack.length) {
    const x = stack.pop();
    if (x === null || typeof x !== 'object') continue;
    const values = Array.isArray(x) ? x : Object.values(x);
    n += values.length;
    if (n > limit) return false;
    for (const y of values) if (y !== null && typeof y === 'object') stack.push(y);
  }
  return true;
}

function walk(v: unknown, indent: string, depth: number, out: (s: string) => void): void {
  if (v === null || typeof v !== 'object' || depth >= MAX_DEPTH || typeof (v as { toJSON?: unknown }).toJSON === 'function' || isSmall(v, SMALL)) {
    const s = JSON.stringify(v, null, 2) ?? 'null';
    out(indent ? s.replaceAll('\n', `\n${indent}`) : s);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    out('[\n');
    for (let i = 0; i < v.length; i++) {
      out(inner);
      if (skipped(v[i])) out('null');
      else walk(v[i], inner, depth + 1, out);
      out(i < v.length - 1 ? ',\n' : '\n');
    }
    out(`${indent}]`);
    return;
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => !skipped(o[k]));
  out('{\n');
  for (let i = 0; i < keys.length; i++) {
    out(`${inner}${JSON.stringify(keys[i])}: `);
    walk(o[keys[i]], inner, depth + 1, out);
    out(i < keys.length - 1 ? ',\n' : '\n');
  }
  out(`${indent}}`);
}

/** Hands `sink` the report as `presentJson` writes it, in pieces of about 64 KiB. */
export function writeJson(value: unknown, sink: (piece: string) => void): void {
  let buf = '';
  walk(value, '', 0, (s) => {
    buf += s;
    if (buf.length >= CHUNK) {
      sink(buf);
      buf = '';
    }
  });
  sink(`${buf}\n`);
}
