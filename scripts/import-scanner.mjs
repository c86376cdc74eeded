// Finds the module specifiers a TypeScript/TSX file imports, without a parser: TypeScript 7
// (the native compiler) has no JavaScript API to parse with, and the rules we check only need
// the import statements. A small tokenizer skips comments, strings, template literals and
// regular expressions so that an `import` inside them is not taken for one.
//
// Recognised: `import … from 's'`, `import 's'`, `import type … from 's'`,
// `import { type A, type B } from 's'` (type-only: every name is `type`), `export … from 's'`,
// `export type … from 's'`, `import('s')` and vite's `import.meta.glob('s')` (dynamic),
// `typeof import('s')` (type-only). Not an import: a Worker entry named by
// `new URL('…', import.meta.url)` (a file started, not a module loaded into this one).
// Limits: a quote in JSX text (`<p>don't</p>`) is read as a string to the end of the line, which
// is harmless because imports are statements of their own; `import('x').T` in a type without
// `typeof` counts as a dynamic import (stricter, never looser).

const ID_START = /[A-Za-z_$\u0080-\uffff]/;
const ID_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
// After these, a `/` starts a regular expression rather than a division.
const REGEX_AFTER_WORD = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

/** Tokens: { t: 'id' | 'str' | 'p' (punctuation), v, line }. Comments and template text are dropped. */
export function tokenize(src) {
  const out = [];
  let i = 0;
  let line = 1;
  // Brace depth at which each open template literal's `${` started.
  const templates = [];
  let depth = 0;
  const n = src.length;
  const prevAllowsRegex = () => {
    const p = out[out.length - 1];
    if (!p) return true;
    if (p.t === 'str') return false;
    if (p.t === 'id') return REGEX_AFTER_WORD.has(p.v);
    return !(p.v === ')' || p.v === ']' || p.v === '}');
  };
  const skipTemplate = () => {
    // At the character after a backtick or after the `}` closing a `${…}`: read template text.
    while (i < n) {
      const c = src[i];
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === '\n') line++;
      if (c === '`') {
        i++;
        return;
      }
      if (c === '$' && src[i + 1] === '{') {
        i += 2;
        templates.push(depth);
        depth++;
        return;
      }
      i++;
    }
  };
  while (i < n) {
    const c = src[i];
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      for (let k = i; k < stop; k++) if (src[k] === '\n') line++;
      i = stop;
      continue;
    }
    if (c === "'" || c === '"') {
      const startLine = line;
      let v = '';
      i++;
      // A string ends at its quote, or (unterminated: JSX text) at the end of the line.
      while (i < n && src[i] !== c && src[i] !== '\n') {
        if (src[i] === '\\') {
          v += src[i + 1] ?? '';
          if (src[i + 1] === '\n') line++;
          i += 2;
          continue;
        }
        v += src[i++];
      }
      if (src[i] === c) i++;
      out.push({ t: 'str', v, line: startLine });
      continue;
    }
    if (c === '`') {
      i++;
      skipTemplate();
      out.push({ t: 'str', v: null, line });
      continue;
    }
    if (c === '/' && prevAllowsRegex()) {
      i++;
      let inClass = false;
      while (i < n && src[i] !== '\n') {
        const d = src[i];
        if (d === '\\') {
          i += 2;
          continue;
        }
        if (d === '[') inClass = true;
        else if (d === ']') inClass = false;
        else if (d === '/' && !inClass) {
          i++;
          break;
        }
        i++;
      }
      while (i < n && ID_PART.test(src[i])) i++; // flags
      out.push({ t: 'str', v: null, line });
      continue;
    }
    if (ID_START.test(c)) {
      let j = i + 1;
      while (j < n && ID_PART.test(src[j])) j++;
      out.push({ t: 'id', v: src.slice(i, j), line });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < n && /[0-9A-Za-z_.]/.test(src[j])) j++;
      out.push({ t: 'num', v: src.slice(i, j), line });
      i = j;
      continue;
    }
    if (c === '{') depth++;
    if (c === '}') {
      if (templates.length > 0 && templates[templates.length - 1] === depth - 1) {
        templates.pop();
        depth--;
        i++;
        skipTemplate();
        continue;
      }
      depth--;
    }
    out.push({ t: 'p', v: c, line });
    i++;
  }
  return out;
}

/**
 * The imports of one source file: [{ spec, line, typeOnly, dynamic, text }], in order.
 * `text` is a short rendering of the statement for messages.
 */
export function scanImports(src) {
  const toks = tokenize(src);
  const found = [];
  const at = (k) => toks[k] ?? { t: 'eof', v: '' };
  const isP = (k, v) => at(k).t === 'p' && at(k).v === v;
  const isId = (k, v) => at(k).t === 'id' && at(k).v === v;
  for (let k = 0; k < toks.length; k++) {
    const tok = toks[k];
    if (tok.t !== 'id' || (tok.v !== 'import' && tok.v !== 'export')) continue;
    if (isP(k - 1, '.')) continue; // obj.import
    if (tok.v === 'import' && isP(k + 1, '.')) {
      // vite's `import.meta.glob('…')` loads modules like `import()`; `import.meta.url` is not an import.
      if (isId(k + 2, 'meta') && isP(k + 3, '.') && isId(k + 4, 'glob')) {
        let j = k + 5;
        if (isP(j, '<')) {
          // Type arguments: `glob<{ a: T }>(…)`.
          for (let d = 0; j < toks.length; j++) {
            if (isP(j, '<')) d++;
            if (isP(j, '>') && --d === 0) {
              j++;
              break;
            }
          }
        }
        if (isP(j, '(') && at(j + 1).t === 'str' && at(j + 1).v !== null) {
          // `{ eager: true }` bundles the modules into this one: a static import.
          let eager = false;
          for (let e = j + 2; e < toks.length && !isP(e, ')'); e++) if (isId(e, 'eager') && isP(e + 1, ':') && isId(e + 2, 'true')) eager = true;
          found.push({
            spec: at(j + 1).v,
            line: tok.line,
            typeOnly: false,
            dynamic: !eager,
            text: `import.meta.glob('${at(j + 1).v}'${eager ? ', { eager: true }' : ''})`,
          });
        }
      }
      continue;
    }
    if (tok.v === 'import' && isP(k + 1, '(')) {
      if (at(k + 2).t === 'str' && at(k + 2).v !== null && (isP(k + 3, ')') || isP(k + 3, ','))) {
        const typeOnly = isId(k - 1, 'typeof');
        found.push({ spec: at(k + 2).v, line: tok.line, typeOnly, dynamic: !typeOnly, text: `${typeOnly ? 'typeof ' : ''}import('${at(k + 2).v}')` });
      }
      continue;
    }
    // Static forms: walk the clause up to `from 'x'` (or a bare `import 'x'`).
    let j = k + 1;
    let typeOnly = false;
    if (tok.v === 'import' && at(j).t === 'str') {
      found.push({ spec: at(j).v, line: tok.line, typeOnly: false, dynamic: false, text: `import '${at(j).v}'` });
      continue;
    }
    // `import type X from`, `export type {` / `export type *` — but not `import type from 'x'`
    // (a default import named `type`) nor `export type Name = …` (a local type alias).
    if (isId(j, 'type') && !isId(j + 1, 'from') && !isP(j + 1, '=') && !isP(j + 1, ',')) {
      if (tok.v === 'export' && !(isP(j + 1, '{') || isP(j + 1, '*'))) continue;
      typeOnly = true;
      j++;
    }
    if (tok.v === 'export' && !(isP(j, '{') || isP(j, '*'))) continue; // export const/function/default …
    let names = 0;
    let typedNames = 0;
    let inBraces = false;
    let ok = true;
    let sawDefaultOrNs = false;
    for (; j < toks.length; j++) {
      const t = at(j);
      if (isId(j, 'from') && !inBraces && at(j + 1).t === 'str') break;
      if (t.t === 'p' && t.v === '{') {
        if (inBraces) {
          ok = false;
          break;
        }
        inBraces = true;
        continue;
      }
      if (t.t === 'p' && t.v === '}') {
        inBraces = false;
        continue;
      }
      if (t.t === 'p' && (t.v === ',' || t.v === '*')) {
        if (t.v === '*') sawDefaultOrNs = true;
        continue;
      }
      if (t.t === 'id') {
        if (inBraces) {
          // `type A`, `A`, `A as B`, `type A as B`, `default as B`
          if (t.v === 'type' && at(j + 1).t === 'id' && !isId(j + 1, 'as')) {
            typedNames++;
            names++;
            j++;
            if (isId(j + 1, 'as')) j += 2;
            continue;
          }
          names++;
          if (isId(j + 1, 'as')) j += 2;
          continue;
        }
        if (t.v === 'as') {
          j++;
          continue;
        }
        if (t.v === 'import' || t.v === 'export') {
          ok = false;
          break;
        }
        sawDefaultOrNs = true;
        continue;
      }
      ok = false;
      break;
    }
    if (!ok || !isId(j, 'from') || at(j + 1).t !== 'str' || at(j + 1).v === null) continue;
    // `import { type A, type B } from` is erased whole; `import {} from` / `import X, { type A }` are not.
    if (!typeOnly && names > 0 && typedNames === names && !sawDefaultOrNs) typeOnly = true;
    const spec = at(j + 1).v;
    const head = toks
      .slice(k, j)
      .map((t) => t.v)
      .join(' ')
      .replace(/ ,/g, ',');
    const text = `${head.length > 80 ? `${head.slice(0, 77)}…` : head} from '${spec}'`;
    found.push({ spec, line: tok.line, typeOnly, dynamic: false, text });
    k = j + 1;
  }
  return found;
}
