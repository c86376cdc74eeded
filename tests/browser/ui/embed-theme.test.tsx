/**
 * The embed's `theme` attribute (issue 11, point 8): light, dark, or auto — the default —
 * which follows the host page's computed `color-scheme`, not the OS preference. Real custom
 * elements in Chromium (no archive: nothing runs, the empty element still has its colours).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defineElements } from '../../../src/embed/elements';
import { embedStyles, themed } from '../../../src/embed/styles';
import { schemeOf } from '../../../src/embed/theme';
import { frame } from './dom';

beforeAll(() => defineElements());

const hosts: HTMLElement[] = [];
afterEach(() => {
  for (const h of hosts.splice(0)) h.remove();
  document.documentElement.style.colorScheme = '';
});

async function element(attrs: Record<string, string> = {}, parent: HTMLElement = document.body): Promise<{ host: HTMLElement; wrap: HTMLElement }> {
  const host = document.createElement('tarscope-diff');
  for (const [k, v] of Object.entries(attrs)) host.setAttribute(k, v);
  if (parent !== document.body && !parent.isConnected) document.body.append(parent);
  parent.append(host);
  hosts.push(parent === document.body ? host : parent);
  await frame();
  return { host, wrap: host.shadowRoot!.querySelector<HTMLElement>('.embed')! };
}

const bg = (el: HTMLElement) => getComputedStyle(el).backgroundColor;
const LIGHT_BG = 'rgb(246, 247, 249)'; // --bg of src/ui/styles.css
const DARK_BG = 'rgb(17, 20, 24)';

describe('<tarscope-diff theme>', () => {
  it('headless Chromium prefers light here, so "auto" on a dark page can only come from the page', () => {
    expect(matchMedia('(prefers-color-scheme: dark)').matches).toBe(false);
  });

  it('theme="dark" and theme="light" set the colours whatever the page says', async () => {
    document.documentElement.style.colorScheme = 'light';
    const dark = await element({ theme: 'dark' });
    expect(dark.wrap.dataset.theme).toBe('dark');
    expect(bg(dark.wrap)).toBe(DARK_BG);
    expect(getComputedStyle(dark.wrap).colorScheme).toBe('dark');
    document.documentElement.style.colorScheme = 'dark';
    const light = await element({ theme: 'light' });
    expect(light.wrap.dataset.theme).toBe('light');
    expect(bg(light.wrap)).toBe(LIGHT_BG);
  });

  it("auto (the default) follows the host element's computed color-scheme: the page root, or a parent", async () => {
    document.documentElement.style.colorScheme = 'dark';
    const a = await element();
    expect(a.wrap.dataset.theme).toBe('dark');
    expect(bg(a.wrap)).toBe(DARK_BG);
    // The element sets no color-scheme on its host: the host's value is still the page's.
    expect(getComputedStyle(a.host).colorScheme).toBe('dark');
    const section = document.createElement('section');
    section.style.colorScheme = 'light';
    const b = await element({}, section);
    expect(b.wrap.dataset.theme).toBe('light');
    expect(bg(b.wrap)).toBe(LIGHT_BG);
  });

  it('auto re-reads the page when it switches scheme, and when the attribute changes', async () => {
    document.documentElement.style.colorScheme = 'light';
    const { host, wrap } = await element({ theme: 'auto' });
    expect(wrap.dataset.theme).toBe('light');
    document.documentElement.style.colorScheme = 'dark';
    await frame();
    expect(host.shadowRoot!.querySelector<HTMLElement>('.embed')!.dataset.theme).toBe('dark');
    host.setAttribute('theme', 'light');
    await frame();
    expect(host.shadowRoot!.querySelector<HTMLElement>('.embed')!.dataset.theme).toBe('light');
  });

  it('a page that says nothing is light; "light dark" follows the OS preference (the browser\'s own rule)', () => {
    expect(schemeOf('normal', true)).toBe('light');
    expect(schemeOf('only dark', false)).toBe('dark');
    expect(schemeOf('light dark', false)).toBe('light');
    expect(schemeOf('light dark', true)).toBe('dark');
    expect(schemeOf('dark light', false)).toBe('light');
  });

  it('the shadow styles have no OS media query for colours and no color-scheme on :host', () => {
    const css = embedStyles();
    expect(css).not.toMatch(/@media[^{]*prefers-color-scheme/);
    expect(css).toContain(".embed[data-theme='dark'] {");
    expect(/:host\s*\{[^}]*color-scheme/.test(css)).toBe(false);
  });
});

describe('themed(): the library build minifies the CSS', () => {
  it('moves the dark block and drops :host color-scheme in minified CSS too', () => {
    const min = ':host{color-scheme:light dark;--bg:#f6f7f9}@media (prefers-color-scheme:dark){:host{--bg:#111418}}.x{color:red}';
    expect(themed(min)).toBe(":host{--bg:#f6f7f9}.embed[data-theme='dark'] {--bg:#111418}.x{color:red}");
  });
});
