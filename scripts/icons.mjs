// Renders the PWA icons from public/icons/icon.svg with the system Chromium (the one the
// tests use; no image library needed): pwa-192.png, pwa-512.png (rounded corners, for
// "any") and maskable-512.png (full bleed, the motif inside the 80 % safe zone of the
// W3C manifest spec's maskable icons). Run `node scripts/icons.mjs` after editing the SVG;
// the PNGs are committed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from './chromium.mjs';

const DIR = join(fileURLToPath(new URL('..', import.meta.url)), 'public/icons');
const svg = readFileSync(join(DIR, 'icon.svg'), 'utf8');

const variants = [
  { file: 'pwa-192.png', size: 192, radius: 0.18, scale: 1 },
  { file: 'pwa-512.png', size: 512, radius: 0.18, scale: 1 },
  { file: 'apple-touch-icon.png', size: 180, radius: 0, scale: 0.9 },
  { file: 'maskable-512.png', size: 512, radius: 0, scale: 0.72 },
];

const executablePath = chromiumPath();
if (!executablePath) throw new Error("Chromium not found: set CHROMIUM or install Debian's chromium");
const browser = await chromium.launch({ executablePath, args: chromiumArgs });
try {
  for (const v of variants) {
    const page = await browser.newPage({ viewport: { width: v.size, height: v.size }, deviceScaleFactor: 1 });
    // The motif scaled about the centre; the background square stays full size.
    const t = `translate(${256 * (1 - v.scale)} ${256 * (1 - v.scale)}) scale(${v.scale})`;
    const drawn = svg.replace('<g id="motif">', `<g id="motif" transform="${t}">`);
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${v.size}px;height:${v.size}px;border-radius:${v.radius * 100}%;overflow:hidden}</style>${drawn}`,
    );
    await page.screenshot({ path: join(DIR, v.file), omitBackground: true, clip: { x: 0, y: 0, width: v.size, height: v.size } });
    await page.close();
    console.log(`public/icons/${v.file}`);
  }
} finally {
  await browser.close();
}
