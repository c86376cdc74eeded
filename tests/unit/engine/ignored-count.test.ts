/**
 * compare.ts `ignoredCount`: the coordinator Worker sends the page how many differences the
 * report's options ignore with each update (coordinator-api.ts), taken from the explainer run
 * that built the report rather than a second run of the explainer. It must be that run's count.
 */
import { describe, expect, it } from 'vitest';
import { buildOciArchive, layerTar } from '../../builders/image';
import { nodeHooks } from '../../support/hooks';
import { inlineRunner } from '../../../src/engine/inline';
import { compareArchives, ignoredCount } from '../../../src/engine/compare';
import { explain } from '../../../src/compare/explain';
import { NO_IGNORES, type ComparisonReport } from '../../../src/compare/types';

function archive(mtime: number): Uint8Array<ArrayBuffer> {
  const files = Array.from({ length: 5 }, (_, i) => ({
    name: `etc/f${i}`,
    data: new TextEncoder().encode(`file ${i}\n`),
    mode: 0o644,
    mtime,
  }));
  const layer = layerTar([{ name: 'etc/', typeflag: '5', mode: 0o755, mtime }, ...files]);
  return buildOciArchive([{ tags: ['app:1'], layers: [layer] }], nodeHooks).tar as Uint8Array<ArrayBuffer>;
}

const again = (r: ComparisonReport) =>
  explain({ differences: r.differences, pairing: r.pairing, identicalBytes: r.identicalBytes }, r.inputs[0], r.inputs[1], r.options).ignored;

describe('ignoredCount', () => {
  for (const [what, ignore] of [
    ['timestamps ignored', { ...NO_IGNORES, timestamps: true }],
    ['nothing ignored', NO_IGNORES],
  ] as const) {
    it(`${what}: every update carries its own explainer's count`, async () => {
      const updates: ComparisonReport[] = [];
      const r = await compareArchives(inlineRunner(), new Blob([archive(1_700_000_000)]), 'a.tar', new Blob([archive(1_700_000_060)]), 'b.tar', {
        ignore,
        onUpdate: (u) => updates.push(u),
      });
      expect(updates.length).toBeGreaterThanOrEqual(2);
      for (const u of updates) expect(ignoredCount(u)).toBe(again(u));
      // Six mtimes differ (the directory and five files): ignored only when asked.
      if (ignore.timestamps) expect(ignoredCount(r)).toBeGreaterThanOrEqual(6);
      else expect(ignoredCount(r)).toBe(0);
    });
  }

  it('a report the coordinator did not build has no count (the caller explains it again)', async () => {
    const r = await compareArchives(inlineRunner(), new Blob([archive(1)]), 'a.tar', new Blob([archive(1)]), 'b.tar');
    expect(ignoredCount({ ...r })).toBeUndefined();
  });
});
