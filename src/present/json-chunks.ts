/**
 * The JSON report in pieces, for writing to a file or a pipe without building it whole: the
 * same text as `presentJson` (`JSON.stringify(r, null, 2)` and a newline), byte for byte. A
 * comparison with 100,000 changed files has a report of ~290 MB; the CLI writes it piece by
 * piece (issue 12) instead of holding that string and the report at once.
 *
 * The first `SPLIT_DEPTH` levels are walked here (`inputs[i].images[j].layers[k].files[m]`,
 * the deepest large list, has its records at level 8); anything deeper is one
 * `JSON.stringify` re-indented. Recursion is bounded
 * by SPLIT_DEPTH; what JSON.stringify walks below it comes from documents src/image refused
 * past 256 levels.
 */
const SPLIT_DEPTH = 8;
const CHUNK = 1 << 16;

function skipped(x: unknown): boolean {
  return x === undefined || typeof x === 'function' || typeof x === 'symbol';
}

function hasToJson(v: object): boolean {
  return typeof (v as { toJSON?: unknown }).toJSON === 'function';
}

function* walk(v: unknown, indent: string, depth: number): Generator<string> {
  if (v === null || typeof v !== 'object' || depth >= SPLIT_DEPTH || hasToJson(v)) {
    const s = JSON.stringify(v, null, 2) ?? 'null';
    yield indent ? s.replaceAll('\n', `\n${indent}`) : s;
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) {
      yield '[]';
      return;
    }
    yield '[\n';
    for (let i = 0; i < v.length; i++) {
      yield inner;
      if (skipped(v[i])) yield 'null';
      else yield* walk(v[i], inner, depth + 1);
      yield i < v.length - 1 ? ',\n' : '\n';
    }
    yield `${indent}]`;
    return;
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => !skipped(o[k]));
  if (keys.length === 0) {
    yield '{}';
    return;
  }
  yield '{\n';
  for (let i = 0; i < keys.length; i++) {
    yield `${inner}${JSON.stringify(keys[i])}: `;
    yield* walk(o[keys[i]], inner, depth + 1);
    yield i < keys.length - 1 ? ',\n' : '\n';
  }
  yield `${indent}}`;
}

/** The report as `presentJson` writes it, in pieces of about 64 KiB. */
export function* jsonChunks(value: unknown): Generator<string> {
  let buf = '';
  for (const s of walk(value, '', 0)) {
    buf += s;
    if (buf.length >= CHUNK) {
      yield buf;
      buf = '';
    }
  }
  yield `${buf}\n`;
}
