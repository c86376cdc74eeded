/**
 * The boundaries hold: the folder rules (scripts/check-imports.mjs, rules read from the READMEs),
 * the runtime projects (a DOM call in Worker code, a Node import on the page: compile errors)
 * and the linter. Each is shown failing on a deliberately wrong file, and passing on the tree.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanImports } from '../../scripts/import-scanner.mjs';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'node_modules/.bin');
const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function temp(base = tmpdir()): string {
  mkdirSync(base, { recursive: true });
  const t = mkdtempSync(join(base, 'boundaries-'));
  temps.push(t);
  return t;
}

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

function run(cmd: string, args: string[], cwd = ROOT): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const checkImports = (root: string) => run('node', [join(ROOT, 'scripts/check-imports.mjs'), root]);

describe('import scanner', () => {
  it('finds every import form and ignores imports inside comments, strings, templates and regexes', () => {
    const src = [
      "import a from './a';",
      "// import no1 from './no1';",
      "/* import no2 from './no2'; */",
      'const s = "import no3 from \'./no3\'";',
      "const r = /import no4 from '.\\/no4'/;",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the scanner's input is source text holding a template literal
      'const t = `${x} import no5 from "./no5" ${import(\'./t\')}`;',
      "import type { B } from './b';",
      "import { type C, type D } from './c';",
      "import E, { type F } from './e';",
      "export { g } from './g';",
      "export type { H } from './h';",
      "export * as ns from './ns';",
      'export const notAnImport = 1;',
      "type T = typeof import('./ty');",
      "import './side-effect';",
      "const m = import.meta.glob<{ x: number }>('./glob/*.ts');",
      'const u = new URL("./worker.ts", import.meta.url);',
    ].join('\n');
    expect(scanImports(src).map((i) => [i.spec, i.line, i.typeOnly, i.dynamic])).toEqual([
      ['./a', 1, false, false],
      ['./t', 6, false, true],
      ['./b', 7, true, false],
      ['./c', 8, true, false],
      ['./e', 9, false, false],
      ['./g', 10, false, false],
      ['./h', 11, true, false],
      ['./ns', 12, false, false],
      ['./ty', 14, true, false],
      ['./side-effect', 15, false, false],
      ['./glob/*.ts', 16, false, true],
    ]);
  });
});

describe('scripts/check-imports.mjs', () => {
  const tree = {
    'src/README.md': [
      'Layers: `src/low` → `src/high` → `src`',
      '',
      'May import: `src/high`.',
      '',
      '| folder | what | may import |',
      '|---|---|---|',
      '| `low/` | the lower | nothing |',
      '| `high/` | the higher | type `src/low`, `pako` |',
      '',
    ].join('\n'),
    'src/low/README.md': 'May import: nothing (leaf).\n',
    'src/high/README.md': 'May import: type `src/low` (its types), `pako`. Must not import anything else.\n',
    'src/low/a.ts': 'export interface A { n: number }\nexport const a = 1;\n',
    'src/high/b.ts': "import type { A } from '../low/a';\nimport { deflate } from 'pako';\nexport const b: A = { n: deflate.length };\n",
    'src/main.ts': "import { b } from './high/b';\nconsole.log(b);\n",
  };

  it('passes a tree that follows its rules', () => {
    const root = temp();
    write(root, tree);
    const r = checkImports(root);
    expect(r.out).toContain('check-imports: 3 files follow the folder rules');
    expect(r.status).toBe(0);
  });

  it('fails on an upward import (type-only too), naming file:line, the import and the rule', () => {
    const root = temp();
    write(root, { ...tree, 'src/low/up.ts': "// a comment first\nimport type { b } from '../high/b';\nexport type X = typeof b;\n" });
    const r = checkImports(root);
    expect(r.status).toBe(1);
    expect(r.out).toContain(
      'src/low/up.ts:2: import type { b } from \'../high/b\' — `src/high` is above `src/low` in the "Layers:" order of src/README.md: imports only go down (type-only imports too)',
    );
  });

  it('fails on an import its README does not list, and on a value import of a type-only rule', () => {
    const root = temp();
    write(root, {
      ...tree,
      'src/high/c.ts': "import { a } from '../low/a';\nimport { readFileSync } from 'node:fs';\nexport const c = [a, readFileSync];\n",
    });
    const r = checkImports(root);
    expect(r.status).toBe(1);
    expect(r.out).toContain(
      "src/high/c.ts:1: import { a } from '../low/a' — src/high/README.md:1 allows only type-only imports of `src/low` (write `import type`)",
    );
    expect(r.out).toContain('src/high/c.ts:2: import { readFileSync } from \'node:fs\' — src/high/README.md:1 "May import" does not list `node:fs`');
  });

  it('fails when the overview table of src/README.md drifts from a folder README', () => {
    const root = temp();
    write(root, { ...tree, 'src/high/README.md': 'May import: type `src/low`, `pako`, `comlink`.\n' });
    const r = checkImports(root);
    expect(r.status).toBe(1);
    expect(r.out).toContain(
      'src/README.md: the table row of `high/` says it may import [type src/low, value pako] but src/high/README.md:1 says [type src/low, value comlink, value pako]',
    );
    const added = temp();
    write(added, {
      ...tree,
      'src/mid/README.md': 'May import: nothing.\n',
      'src/README.md': tree['src/README.md'].replace('`src/low` →', '`src/low` → `src/mid` →'),
    });
    const r2 = checkImports(added);
    expect(r2.status).toBe(1);
    expect(r2.out).toContain('src/README.md: the table has no row for `mid/`');
  });

  it('fails when a README allows what the layers forbid, or names a path that does not exist', () => {
    const root = temp();
    write(root, {
      ...tree,
      'src/low/README.md': 'May import: `src/high`, `src/gone.ts`.\n',
      'src/README.md': tree['src/README.md'].replace('| nothing |', '| `src/high`, `src/gone.ts` |'),
    });
    const r = checkImports(root);
    expect(r.status).toBe(1);
    expect(r.out).toContain(
      'src/low/README.md:1: "May import" lists `src/high`, but `src/high` is not below `src/low` in the "Layers:" order of src/README.md',
    );
    expect(r.out).toContain('src/low/README.md:1: "May import" names `src/gone.ts`, which does not exist');
  });

  it("reads the project's own READMEs: a wrong import injected into a copy of src/ fails", () => {
    const root = temp();
    cpSync(join(ROOT, 'src'), join(root, 'src'), { recursive: true });
    cpSync(join(ROOT, 'workers'), join(root, 'workers'), { recursive: true });
    write(root, {
      'wasm/tarhash.wasm': '', // src/kernels/README.md names the folder
      'src/io/injected.ts': "import type { Engine } from '../engine/api';\nexport type E = Engine;\n",
      'src/formats/injected.ts': "import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n",
      'src/engine/injected.ts': "import type { EngineWorkerApi } from '../../workers/engine.worker';\nexport type W = EngineWorkerApi;\n",
    });
    const r = checkImports(root);
    expect(r.status).toBe(1);
    expect(r.out).toContain("src/io/injected.ts:1: import type { Engine } from '../engine/api' — `src/engine` is above `src/io`");
    expect(r.out).toMatch(
      /src\/formats\/injected\.ts:1: import \{ readFile \} from 'node:fs\/promises' — src\/formats\/README\.md:\d+ "May import" does not list `node:fs\/promises`/,
    );
    expect(r.out).toContain("src/engine/injected.ts:1: import type { EngineWorkerApi } from '../../workers/engine.worker' — `workers` is above `src/engine`");
    expect(r.out).toContain('check-imports: 3 broken folder rule(s)');
  });

  // Fails while another change still has an upward import: that is the check doing its job.
  it('passes on the real tree', () => {
    const r = checkImports(ROOT);
    expect(r.out).toMatch(/check-imports: \d+ files follow the folder rules/);
    expect(r.status).toBe(0);
  });
});

describe('one TypeScript project per runtime', () => {
  // A temporary project that extends a runtime's config over one file. It lives under
  // tests/.out/ (git-ignored, excluded from every project) so that `types` resolve as in the repo.
  function compile(runtime: 'worker' | 'dom' | 'node', code: string): { status: number | null; out: string } {
    const dir = temp(join(ROOT, 'tests/.out'));
    write(dir, {
      'probe.ts': code,
      'tsconfig.json': JSON.stringify({
        extends: join(ROOT, `tsconfig.${runtime}.json`),
        compilerOptions: { tsBuildInfoFile: null },
        include: ['probe.ts'],
        exclude: [],
      }),
    });
    return run(join(BIN, 'tsc'), ['-p', join(dir, 'tsconfig.json')]);
  }

  it('Worker code: a DOM call does not compile, Worker APIs do', () => {
    const bad = compile('worker', 'export const t = document.title;\n');
    expect(bad.status).not.toBe(0);
    expect(bad.out).toContain("error TS2584: Cannot find name 'document'");
    const good = compile('worker', "export const d = new DecompressionStream('gzip');\nself.postMessage('ready');\n");
    expect(good.out).toBe('');
    expect(good.status).toBe(0);
  }, 60_000);

  it('Page code: a node:fs import does not compile, the DOM does', () => {
    const bad = compile('dom', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n");
    expect(bad.status).not.toBe(0);
    expect(bad.out).toMatch(/error TS(2307|2591): Cannot find (module|name) 'node:fs'/);
    const good = compile('dom', "document.title = 'tarscope';\nexport const w = new Worker(new URL('./x.js', import.meta.url));\n");
    expect(good.out).toBe('');
    expect(good.status).toBe(0);
  }, 60_000);

  it('Node code: the DOM does not compile, node:fs does', () => {
    const bad = compile('node', 'export const t = document.title;\n');
    expect(bad.status).not.toBe(0);
    expect(bad.out).toMatch(/error TS258\d: Cannot find name 'document'/);
    const good = compile('node', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n");
    expect(good.out).toBe('');
    expect(good.status).toBe(0);
  }, 60_000);
});

describe('the linter (Biome, biome.jsonc)', () => {
  // A temporary folder whose config extends the project's, so the same rules apply.
  function lint(code: string): { status: number | null; out: string } {
    const dir = temp();
    write(dir, { 'biome.jsonc': JSON.stringify({ extends: [join(ROOT, 'biome.jsonc')], vcs: { enabled: false } }), 'src/io/probe.ts': code });
    return run(join(BIN, 'biome'), ['ci', '--colors=off', 'src/io/probe.ts'], dir);
  }

  it('fails on a file with a lint error and passes the same file without it', () => {
    const bad = lint('export function f(a: number): number {\n  debugger;\n  return a;\n}\n');
    expect(bad.status).not.toBe(0);
    expect(bad.out).toContain('lint/suspicious/noDebugger');
    const good = lint('export function f(a: number): number {\n  return a;\n}\n');
    expect(good.status).toBe(0);
  }, 60_000);

  it('fails on a Node import in code that also runs in Workers and on the page (a deliberately wrong import)', () => {
    const bad = lint("import { readFileSync } from 'node:fs';\n\nexport const r = readFileSync;\n");
    expect(bad.status).not.toBe(0);
    expect(bad.out).toContain('lint/correctness/noNodejsModules');
  }, 60_000);

  it('fails on a file that is not formatted', () => {
    const bad = lint('export const s = "double quotes"\n');
    expect(bad.status).not.toBe(0);
    expect(bad.out).toMatch(/format/i);
  }, 60_000);
});
