import { it, expect } from 'vitest';
it('runs in chromium with DecompressionStream', async () => {
  expect(typeof DecompressionStream).toBe('function');
  expect(navigator.userAgent).toMatch(/Chrom/);
});
