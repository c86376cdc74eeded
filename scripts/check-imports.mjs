#!/usr/bin/env node
// `npm run check:imports`: the folder rules of src/ and workers/, checked.
//
// The rules are not written here: they are read from the READMEs, which stay their single source.
// - src/README.md has the line `Layers: …`: folders from lower to higher, `→` between rows and
//   `,` inside a row. An import goes to a strictly lower row (or stays in its own folder),
//   type-only imports included: no import runs up the house or sideways.
// - Every folder README (src/*/README.md, workers/README.md, and src/README.md for the files at
//   the top of src/) has one line `May import: …`, a comma-separated list of
//     `src/<folder>[/<path>]`, `workers[/<path>]`, `wasm/…` (paths from the repository root),
//     package names (`comlink`, `node:*` for Node built-ins, `virtual:…` for vite's modules),
//   each optionally preceded by `type` (type-only imports) or `lazy` (a dynamic `import()`;
//   type-only imports of it are fine too). A parenthesis after an item is a comment; `nothing`
//   is an empty list. The sentence ends at the first `. ` outside backticks or the line's end.
// - The table of src/README.md has a row per folder and repeats each folder's list in its last
//   column; it must say the same as the folder's README (so the overview cannot drift).
// - A README item must exist, and must not name a folder that the layers put above its own.
//
// Usage: node scripts/check-imports.mjs [root]   (root: the repository, default: this one)
// Exit 0 when every import follows the rules; 1 with one line per broken rule otherwise.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanImports } from './import-scanner.mjs';

const SOURCE = /\.(ts|tsx|mts|cts)$/;
const RESOLVE_EXT = ['', '.ts', '.tsx', '.mts', '.js', '.mjs', '/index.ts', '/index.tsx'];

const posix = (p) => p.split(sep).join('/');

/** Text after `label` on its line, up to the first `. ` outside backticks (or the end of the line). */
function sentenceAfter(line, label) {
  const at = line.indexOf(label);
  if (at < 0) return null;
  const rest = line.slice(at + label.length);
  let inTick = false;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '`') inTick = !inTick;
    else if (!inTick && rest[i] === '.' && (i + 1 === rest.length || rest[i + 1] === ' ')) return rest.slice(0, i);
  }
  return rest;
}

/** Splits on commas outside backticks and parentheses. */
function splitItems(text) {
  const items = [];
  let cur = '';
  let inTick = false;
  let paren = 0;
  for (const ch of text) {
    if (ch === '`') inTick = !inTick;
    if (!inTick && ch === '(') paren++;
    if (!inTick && ch === ')') paren--;
    if (ch === ',' && !inTick && paren === 0) {
      items.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  items.push(cur);
  return items.map((s) => s.trim()).filter(Boolean);
}

/** `type \`src/x\` (comment)` → { kind: 'type', target: 'src/x' }; errors name the README. */
export function parseAllowList(text, where) {
  const rules = [];
  const errors = [];
  for (const raw of splitItems(text)) {
    if (/^nothing\b/.test(raw)) continue;
    const m = /^(?:(type|lazy)\s+)?`([^`]+)`(?:\s*\(.*\))?$/s.exec(raw);
    if (!m) {
      errors.push(`${where}: cannot read the "May import" item "${raw}" (expected [type|lazy] \`path or package\`)`);
      continue;
    }
    rules.push({ kind: m[1] ?? 'value', target: m[2].replace(/\/$/, '') });
  }
  return { rules, errors };
}

function listSources(dir) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listSources(p));
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** The folder whose README governs a repository-relative path: `src/<x>`, `workers`, `src`, or null. */
export function unitOf(path) {
  const parts = path.split('/');
  if (parts[0] === 'workers') return 'workers';
  if (parts[0] !== 'src') return null;
  return parts.length > 2 ? `src/${parts[1]}` : 'src';
}

function resolveLocal(root, fromFile, spec) {
  const base = posix(relative(root, resolve(root, dirname(fromFile), spec.replace(/\?.*$/, ''))));
  for (const ext of RESOLVE_EXT) {
    const p = base + ext;
    if (existsSync(join(root, p)) && statSync(join(root, p)).isFile()) return p;
  }
  return base;
}

const covers = (target, path) => path === target || path.startsWith(`${target}/`);
const packageOf = (spec) => (spec.startsWith('node:') ? 'node:*' : spec);

export function checkImports(root) {
  const problems = [];
  const srcReadme = join(root, 'src/README.md');
  if (!existsSync(srcReadme)) return { problems: ['src/README.md: missing'], checked: 0 };
  const srcText = readFileSync(srcReadme, 'utf8');

  // Layers.
  const layerLine = srcText.split('\n').find((l) => l.startsWith('Layers:'));
  const rank = new Map();
  if (!layerLine) problems.push('src/README.md: no line starting with "Layers:" (the folder order, lower → higher)');
  else {
    layerLine
      .slice('Layers:'.length)
      .split('→')
      .forEach((row, r) => {
        for (const m of row.matchAll(/`([^`]+)`/g)) rank.set(m[1].replace(/\/$/, ''), r);
      });
  }

  // May-import lines, one per unit.
  const units = [
    'src',
    ...(existsSync(join(root, 'workers')) ? ['workers'] : []),
    ...readdirSync(join(root, 'src'))
      .filter((d) => statSync(join(root, 'src', d)).isDirectory())
      .map((d) => `src/${d}`),
  ];
  const allow = new Map();
  for (const unit of units) {
    const readme = `${unit}/README.md`;
    if (!existsSync(join(root, readme))) {
      problems.push(`${readme}: missing (every folder says what it may import)`);
      continue;
    }
    const lines = readFileSync(join(root, readme), 'utf8').split('\n');
    const found = lines.map((l, i) => [l, i + 1]).filter(([l]) => l.startsWith('May import:'));
    if (found.length !== 1) {
      problems.push(`${readme}: needs exactly one line starting with "May import:" (found ${found.length})`);
      continue;
    }
    const { rules, errors } = parseAllowList(sentenceAfter(found[0][0], 'May import:'), `${readme}:${found[0][1]}`);
    problems.push(...errors);
    for (const r of rules) {
      const local = /^(src|workers|wasm)(\/|$)/.test(r.target);
      if (local && !existsSync(join(root, r.target)) && !RESOLVE_EXT.some((e) => existsSync(join(root, r.target + e)))) {
        problems.push(`${readme}:${found[0][1]}: "May import" names \`${r.target}\`, which does not exist`);
      }
      r.local = local;
    }
    allow.set(unit, { rules, readme, line: found[0][1] });
    if (!rank.has(unit) && layerLine) problems.push(`src/README.md: the "Layers:" line does not place \`${unit}\``);
  }

  // A README cannot allow what the layers forbid.
  for (const [unit, { readme, line, rules }] of allow) {
    for (const r of rules.filter((x) => x.local)) {
      const isDir = existsSync(join(root, r.target)) && statSync(join(root, r.target)).isDirectory();
      const to = unitOf(isDir ? `${r.target}/-` : r.target);
      if (to && to !== unit && rank.has(to) && rank.has(unit) && rank.get(to) >= rank.get(unit)) {
        problems.push(`${readme}:${line}: "May import" lists \`${r.target}\`, but \`${to}\` is not below \`${unit}\` in the "Layers:" order of src/README.md`);
      }
    }
  }

  // The overview table of src/README.md has a row per folder, saying the same as the folder's README.
  const rowless = new Set([...allow.keys()].filter((u) => u.startsWith('src/')));
  for (const row of srcText.split('\n').filter((l) => /^\| `[a-z]+\/` \|/.test(l))) {
    const cells = row.split(/(?<!\\)\|/).map((c) => c.trim());
    const unit = `src/${cells[1].replace(/[`/]/g, '')}`;
    const own = allow.get(unit);
    rowless.delete(unit);
    if (!own) {
      problems.push(`src/README.md: the table has a row for \`${unit.slice(4)}/\`, which is not a folder of src/`);
      continue;
    }
    const { rules } = parseAllowList(cells[cells.length - 2], 'src/README.md table');
    const key = (rs) =>
      rs
        .map((r) => `${r.kind} ${r.target}`)
        .sort()
        .join(', ');
    if (key(rules) !== key(own.rules)) {
      problems.push(
        `src/README.md: the table row of \`${unit.slice(4)}/\` says it may import [${key(rules)}] but ${own.readme}:${own.line} says [${key(own.rules)}]`,
      );
    }
  }

  for (const unit of rowless) problems.push(`src/README.md: the table has no row for \`${unit.slice(4)}/\``);

  // Every import of src/ and workers/.
  const files = [...listSources(join(root, 'src')), ...listSources(join(root, 'workers'))].map((f) => posix(relative(root, f)));
  for (const file of files) {
    const unit = unitOf(file);
    const own = allow.get(unit);
    if (!own) continue;
    for (const imp of scanImports(readFileSync(join(root, file), 'utf8'))) {
      const where = `${file}:${imp.line}: ${imp.text}`;
      const local = imp.spec.startsWith('.');
      const target = local ? resolveLocal(root, file, imp.spec) : imp.spec;
      const targetUnit = local ? unitOf(target) : null;
      if (local && targetUnit === unit) continue;
      if (targetUnit && rank.has(unit) && rank.has(targetUnit) && rank.get(targetUnit) >= rank.get(unit)) {
        const how = rank.get(targetUnit) === rank.get(unit) ? 'in the same row as' : 'above';
        problems.push(
          `${where} — \`${targetUnit}\` is ${how} \`${unit}\` in the "Layers:" order of src/README.md: imports only go down${imp.typeOnly ? ' (type-only imports too)' : ''}`,
        );
        continue;
      }
      const candidates = own.rules.filter((r) =>
        local ? r.local && covers(r.target, target) : !r.local && (r.target === packageOf(imp.spec) || covers(r.target, imp.spec)),
      );
      const rule = candidates.sort((a, b) => b.target.length - a.target.length)[0];
      const shown = local ? target : imp.spec;
      if (!rule) {
        problems.push(`${where} — ${own.readme}:${own.line} "May import" does not list \`${shown}\``);
      } else if (rule.kind === 'type' && !imp.typeOnly) {
        problems.push(`${where} — ${own.readme}:${own.line} allows only type-only imports of \`${rule.target}\` (write \`import type\`)`);
      } else if (rule.kind === 'lazy' && !imp.dynamic && !imp.typeOnly) {
        problems.push(`${where} — ${own.readme}:${own.line} allows \`${rule.target}\` only through a dynamic import()`);
      }
    }
  }
  return { problems, checked: files.length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  const { problems, checked } = checkImports(root);
  if (problems.length > 0) {
    for (const p of problems) console.error(p);
    console.error(
      `check-imports: ${problems.length} broken folder rule(s) in ${checked} files (rules: the "May import:" lines of the folder READMEs, the "Layers:" line of src/README.md)`,
    );
    process.exit(1);
  }
  console.log(`check-imports: ${checked} files follow the folder rules`);
}
