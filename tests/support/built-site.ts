/**
 * The built site as the end-to-end tests use it: dist/ (built here only when a test file runs
 * on its own — `npm test` builds it first), served by `vite preview` on a free port, and
 * Debian's Chromium through playwright-core.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build, preview } from 'vite';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { ROOT } from './tools';

export interface BuiltSite {
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startBuiltSite(): Promise<BuiltSite> {
  const dist = join(ROOT, 'dist');
  // dist/ from before the PWA has no sw.js: rebuild it too.
  if (!existsSync(join(dist, 'index.html')) || !existsSync(join(dist, 'sw.js'))) await build({ root: ROOT, logLevel: 'warn' });
  const server = await preview({ root: ROOT, logLevel: 'warn', preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
  const baseUrl = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/`;
  const executablePath = chromiumPath();
  if (!executablePath) {
    await server.close();
    throw new Error('Chromium not found: run `node scripts/ensure-system-deps.mjs` or set CHROMIUM');
  }
  const browser = await chromium.launch({ executablePath, args: chromiumArgs });
  return {
    baseUrl,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
