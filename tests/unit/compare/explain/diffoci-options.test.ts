/**
 * The two ignore options diffoci's --semantic has and the first five lacked: image names
 * (--ignore-image-name) and the redundant file-type bits of a mode
 * (--ignore-file-mode-redundant-bits). Archives by the in-memory builder, the real differ,
 * then explain() with and without each option. Image names: tests/pairs (index-annotations,
 * manifest-annotations), whose annotations the synthetic writer sets.
 */
import { describe, expect, it } from 'vitest';
import { buildOciArchive, layerTar, type OciOptions } from '../../../builders/image';
import type { BuildEntry } from '../../../builders/tar';
import { nodeHooks } from '../../../support/hooks';
import { explain } from '../../../../src/compare/explain';
import { NO_IGNORES, type IgnoreOptions } from '../../../../src/compare/types';
import { diff, inspect } from '../diff/helpers';

const T = 1700000000;
const base = (): BuildEntry[] => [
  { name: 'etc/', typeflag: '5', mtime: T },
  { name: 'etc/hostname', data: 'box\n', mtime: T },
  { name: 'usr/bin/tool', data: 'tool binary', mode: 0o755, mtime: T },
];

async function explained(a: BuildEntry[], b: BuildEntry[], opts: [OciOptions, OciOptions] = [{}, {}]) {
  const ia = await inspect(buildOciArchive([{ tags: ['app:1'], layers: [layerTar(a)] }], nodeHooks, opts[0]).tar);
  const ib = await inspect(buildOciArchive([{ tags: ['app:1'], layers: [layerTar(b)] }], nodeHooks, opts[1]).tar);
  const d = diff(ia, ib);
  return (o: Partial<IgnoreOptions>) => explain(d, ia, ib, { ...NO_IGNORES, ...o });
}

describe('diffoci options', () => {
  it('modeBits: a mode that differs only in the file-type bits (0644 vs 0100644) is ignored; another mode is not', async () => {
    const typeBits = await explained(
      base(),
      base().map((e) => (e.name === 'etc/hostname' ? { ...e, mode: 0o100644 } : e)),
    );
    expect(typeBits({}).causes.map((c) => c.id)).toEqual(['file.mode']);
    const ex = typeBits({ modeBits: true });
    expect(ex.causes).toEqual([]);
    expect(ex.headline).toMatch(/^Equivalent when ignoring redundant mode bits:/);
    const perms = await explained(
      base(),
      base().map((e) => (e.name === 'usr/bin/tool' ? { ...e, mode: 0o700 } : e)),
    );
    expect(perms({ modeBits: true }).causes.map((c) => c.id)).toEqual(['file.mode']);
  });
});
