// Where the system Chromium is, and the flags it needs on this kind of machine.
// CHROMIUM env var first, then the usual paths. Used by vite.config.ts (browser tests),
// the end-to-end tests and the benchmark. Returns undefined when none is found;
// scripts/ensure-system-deps.mjs installs it (as root on Debian) or explains.
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export function chromiumPath() {
  const env = process.env.CHROMIUM;
  if (env && existsSync(env)) return env;
  return CANDIDATES.find((p) => existsSync(p));
}

// Without the background-networking flags Chromium keeps dialling hosts this
// closed network refuses; --no-sandbox because tests run as root in CI.
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
