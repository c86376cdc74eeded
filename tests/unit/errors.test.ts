import { describe, it, expect } from 'vitest';
import { TarscopeError } from '../../src/io/errors';
describe('errors', () => {
  it('names component and place', () => {
    const e = new TarscopeError({ code: 'corrupt', component: 'tar', message: 'bad header checksum', offset: 512, path: 'x/layer.tar' });
    expect(e.message).toBe('tar: bad header checksum (in x/layer.tar, at offset 512)');
  });
});
