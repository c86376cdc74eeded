/** dropDeep: the preliminary report keeps no file-level differences and no dangling follows. */
import { describe, it, expect } from 'vitest';
import { buildOciArchive, layerTar } from '../../../builders/image';
import { nodeHooks } from '../../../support/hooks';
import { dropDeep } from '../../../../src/compare/diff';
import { diff, get } from './helpers';
import { inspect } from './helpers';

const T = 1700000000;

describe('dropDeep', () => {
  it('re-roots what followed a file difference on the layer-blob difference', async () => {
    const mk = (text: string) =>
      buildOciArchive([{ tags: ['app:1'], layers: [layerTar([{ name: 'etc/motd', data: text, mtime: T }])] }], nodeHooks, { compress: true });
    const full = diff(await inspect(mk('hello\n').tar), await inspect(mk('world\n').tar));
    expect(get(full, 'manifest:i0:digest').follows).toBe('file:i0:L0-0:etc/motd:content');
    const pre = dropDeep(full);
    expect(pre.differences.filter((d) => ['file', 'file-order', 'merged'].includes(d.subject))).toEqual([]);
    const ids = new Set(pre.differences.map((d) => d.id));
    for (const d of pre.differences) if (d.follows) expect(ids.has(d.follows), d.id).toBe(true);
    expect(get(pre, 'layer-blob:i0:L0-0').follows).toBeUndefined();
    expect(get(pre, 'manifest:i0:digest').follows).toBe('layer-blob:i0:L0-0');
    expect(get(pre, 'config:i0:rootfs.diff_ids[0]').follows).toBe('layer-blob:i0:L0-0');
    // The full result is untouched.
    expect(get(full, 'layer-blob:i0:L0-0').follows).toBe('file:i0:L0-0:etc/motd:content');
  });
});
