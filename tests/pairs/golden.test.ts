/**
 * Golden comparisons over the pairs of pairs.ts: for each, compareArchives with the
 * in-process runner on the two files, then the verdict (exact), the set of cause ids
 * (exact: no cause that is not there), the pair's count / summary / evidence checks, the
 * JSON Schema of the report, and the golden summary in golden/<pair>.json (UPDATE_GOLDEN=1
 * rewrites them; review every change). Ignore options are re-explained from the same
 * report, as the page does, without reading the archives again.
 */
import { existsSync, openAsBlob, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareArchives } from '../../src/engine/compare';
import { inlineRunner } from '../../src/engine/inline';
import { evidenceHooks } from '../../src/engine/evidence-hook';
import { explain } from '../../src/compare/explain';
import { NO_IGNORES, type CauseId, type ComparisonReport, type IgnoreOptions } from '../../src/compare/types';
import { comparisonSchemaErrors } from '../support/schema';
import { ROOT } from '../support/tools';
import { recipeKey, sourceLabel, sourcePath } from './cache';
import { goldenOf, readGolden, UPDATE_GOLDEN, writeGolden } from './golden';
import { expectReport, matches } from './expect';
import { PAIRS, type Pair } from './pairs';

/** The cause ids of ../shared/causes.md's table (checked against the file when it is there). */
const CAUSES_MD_IDS: CauseId[] = [
  'archive.entry-mtime',
  'archive.entry-order',
  'archive.entry-owner',
  'archive.entry-mode',
  'archive.tar-format',
  'archive.layout',
  'archive.symlinked-layer',
  'archive.outer-compression',
  'index.annotations',
  'index.platforms',
  'index.attestations',
  'manifest.media-type',
  'manifest.annotations',
  'config.created',
  'config.history',
  'config.field',
  'layer.compression',
  'layer.added',
  'layer.removed',
  'layer.missing-blob',
  'layer.digest-mismatch',
  'file.mtime',
  'file.atime-ctime',
  'file.order',
  'file.owner',
  'file.owner-name',
  'file.mode',
  'file.xattrs',
  'file.tar-format',
  'file.content',
  'file.added',
  'file.removed',
  'file.type',
  'file.whiteout',
  'input.truncated',
  'input.corrupt',
  'input.unsupported',
];

interface Run {
  report: ComparisonReport;
  names: [string, string];
  paths: [string, string];
  ms: number;
}

const runs = new Map<string, Promise<Run>>();

function run(p: Pair): Promise<Run> {
  let r = runs.get(p.name);
  if (!r) {
    r = (async () => {
      const paths: [string, string] = [await sourcePath(p.a), await sourcePath(p.b)];
      const names: [string, string] = [sourceLabel(p.a), sourceLabel(p.b)];
      const t0 = performance.now();
      // as the page and the CLI run it: with the content evidence pass (extract jobs on the same runner)
      const runner = inlineRunner();
      const report = await compareArchives(runner, await openAsBlob(paths[0]), names[0], await openAsBlob(paths[1]), names[1], {}, evidenceHooks(runner));
      return { report, names, paths, ms: performance.now() - t0 };
    })();
    runs.set(p.name, r);
  }
  return r;
}

describe('the catalogue', () => {
  it('covers every cause id of causes.md', () => {
    const md = join(ROOT, '../shared/causes.md');
    if (existsSync(md)) {
      const fromFile = [...readFileSync(md, 'utf8').matchAll(/^\|\s*`([a-z]+\.[a-z-]+)`(?:\s*\/\s*`([a-z]+\.[a-z-]+)`)?\s*\|/gm)].flatMap((m) =>
        m.slice(1).filter(Boolean),
      );
      expect(new Set(fromFile)).toEqual(new Set(CAUSES_MD_IDS));
    }
    const covered = new Set(PAIRS.flatMap((p) => p.causes));
    expect(CAUSES_MD_IDS.filter((id) => !covered.has(id))).toEqual([]);
  });

  it('has unique names, and one recipe per archive file name (the cache keeps one build per name)', () => {
    expect(new Set(PAIRS.map((p) => p.name)).size).toBe(PAIRS.length);
    const byFile = new Map<string, string>();
    for (const s of PAIRS.flatMap((p) => [p.a, p.b])) {
      if ('fixture' in s) continue;
      const key = recipeKey(s);
      expect(byFile.get(s.file) ?? key, `${s.file} names two different recipes`).toBe(key);
      byFile.set(s.file, key);
    }
  });
});

for (const p of PAIRS) {
  describe(`pair ${p.name}`, () => {
    let r: Run;
    beforeAll(async () => {
      r = await run(p);
    });

    const title = `is ${p.verdict} with causes [${p.causes.join(', ')}]`;
    const check = () => {
      expectReport(r.report, p);
      if (p.sameBytes) expect(readFileSync(r.paths[0]).equals(readFileSync(r.paths[1])), 'the two files are byte-identical').toBe(true);
    };
    if (!p.knownWrong) it(title, check);
    else {
      // Known wrong (see the note): the right expectation fails, and it fails in the recorded way.
      it.fails(`${title} (known wrong: ${p.knownWrong.note})`, check);
      it(`is still wrong only in the recorded way: ${p.knownWrong.note}`, () => {
        const kw = p.knownWrong!;
        expect({ verdict: r.report.verdict, causes: r.report.causes.map((c) => c.id).sort() }).toEqual({
          verdict: kw.verdict ?? p.verdict,
          causes: [...(kw.causes ?? p.causes)].sort(),
        });
      });
    }

    it('validates against docs/comparison-report.schema.json', () => {
      expect(comparisonSchemaErrors(r.report)).toEqual([]);
    });

    it('matches its golden summary', () => {
      const g = goldenOf(r.report, p, r.names);
      if (UPDATE_GOLDEN) writeGolden(g);
      const stored = readGolden(p.name);
      expect(stored, `no golden for ${p.name}: run with UPDATE_GOLDEN=1 and review tests/pairs/golden/${p.name}.json`).toBeDefined();
      expect(g).toEqual(stored);
    });

    for (const ig of p.ignore ?? []) {
      const reexplain = (options: IgnoreOptions) => {
        const { differences, pairing, identicalBytes, inputs } = r.report;
        return explain({ differences, pairing, identicalBytes }, inputs[0], inputs[1], options);
      };
      const title = `with ignore ${JSON.stringify(ig.options)} is ${ig.verdict} with causes [${ig.causes.join(', ')}]`;
      const check = () => {
        const ex = reexplain({ ...NO_IGNORES, ...ig.options });
        expect({ verdict: ex.verdict, causes: ex.causes.map((c) => c.id).sort() }).toEqual({ verdict: ig.verdict, causes: [...ig.causes].sort() });
        for (const h of ig.headline ?? []) expect(matches(ex.headline, h), `headline "${ex.headline}" should match ${h}`).toBe(true);
        // and without the option the same differences give the full explanation again
        const full = reexplain(NO_IGNORES);
        expect(full.causes.map((c) => c.id).sort()).toEqual(r.report.causes.map((c) => c.id).sort());
      };
      if (!ig.knownWrong) it(title, check);
      else {
        it.fails(`${title} (known wrong: ${ig.knownWrong.note})`, check);
        it(`with ignore ${JSON.stringify(ig.options)} is still wrong only in the recorded way`, () => {
          const ex = reexplain({ ...NO_IGNORES, ...ig.options });
          expect({ verdict: ex.verdict, causes: ex.causes.map((c) => c.id).sort() }).toEqual({
            verdict: ig.knownWrong!.verdict ?? ig.verdict,
            causes: [...(ig.knownWrong!.causes ?? ig.causes)].sort(),
          });
        });
      }
    }
  });
}
