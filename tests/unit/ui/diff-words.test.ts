/** Internal names made readable on the page (issue 11): fact keys, `repositories` leaves, one-sided entries. */
import { describe, expect, it } from 'vitest';
import type { Difference } from '../../../src/compare/types';
import { show } from '../../../src/compare/explain/format';
import { factLabel, formatValue, whatText } from '../../../src/ui/diffText';

describe('words for internal names', () => {
  it('fact keys: camelCase and side suffixes in words', () => {
    expect(factLabel('sizeA')).toBe('size (A)');
    expect(factLabel('layerB')).toBe('layer (B)');
    expect(factLabel('uncompressedSize')).toBe('uncompressed size');
    expect(factLabel('incomplete')).toBe('incomplete');
  });

  it('a repositories leaf is the tag it names', () => {
    const d = (field: string) => ({ id: 'x', subject: 'index', kind: 'changed', scope: { path: 'repositories' }, field }) as unknown as Difference;
    expect(whatText(d('app.latest'))).toBe('tag app:latest');
    expect(whatText(d('registry.example.com/team/app.1.2'))).toBe('tag registry.example.com/team/app:1.2');
  });

  it('an entry on one side only is "symlink" or "file, 12 bytes", not JSON', () => {
    expect(show({ type: 'symlink', size: 0 })).toBe('symlink');
    expect(show({ type: 'file', size: 1234 })).toBe('file, 1,234 bytes');
    expect(formatValue(undefined, { type: 'symlink', size: 0 })).toBe('symlink');
  });
});
