import { describe, expect, it } from 'vitest';
import { presentHtml, REPORT_SCRIPT_ID } from '../../../src/present/html';
import { visible } from '../../../src/present/escape';
import { hugeLayer, threeLayerImage, integrityFailure, plainTar, multiPlatform } from '../../builders/report';
import { HOSTILE, HOSTILE_NAMES, hostileComparison, hostileInspection } from './hostile';
import { decode, scriptContents, tags, textContent } from './html-scan';

/** Every element and attribute the presenter may write; anything else was injected. */
const ELEMENTS = new Set([
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'main',
  'footer',
  'section',
  'h1',
  'h2',
  'h3',
  'p',
  'div',
  'span',
  'strong',
  'code',
  'pre',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'details',
  'summary',
  'ul',
  'li',
  'dl',
  'dt',
  'dd',
  'script',
]);
const ATTRIBUTES = new Set(['lang', 'charset', 'http-equiv', 'content', 'name', 'class', 'title', 'open', 'type', 'id']);

const reports = {
  'hostile inspection': hostileInspection(),
  'hostile comparison': hostileComparison(),
  'three layers': threeLayerImage(),
  'integrity failure': integrityFailure(),
  'plain tar': plainTar(),
  'multi-platform': multiPlatform(),
};

describe.each(Object.entries(reports))('html: %s', (_, report) => {
  const html = presentHtml(report);
  const all = tags(html);

  it('writes only our own elements and attributes', () => {
    for (const t of all) {
      expect(ELEMENTS.has(t.name), t.raw.slice(0, 120)).toBe(true);
      for (const a of Object.keys(t.attrs)) expect(ATTRIBUTES.has(a), `${a} in ${t.raw.slice(0, 120)}`).toBe(true);
    }
  });

  it('has one script element: the report as JSON, which parses back to the report', () => {
    const scripts = all.filter((t) => t.name === 'script' && !t.closing);
    expect(scripts).toHaveLength(1);
    expect(scripts[0].attrs).toEqual({ type: 'application/json', id: REPORT_SCRIPT_ID });
    expect(html.match(/<script/gi)).toHaveLength(1);
    const [json] = scriptContents(html);
    expect(json).not.toMatch(/<|>/);
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('makes no request: CSP default-src none, no URL anywhere in a tag', () => {
    const csp = all.find((t) => t.name === 'meta' && t.attrs['http-equiv'] === 'Content-Security-Policy');
    expect(decode(csp!.attrs.content)).toMatch(/^default-src 'none';/);
    for (const t of all) expect(t.raw).not.toMatch(/https?:|\/\/|url\(|@import/i);
    const style = html.match(/<style>([\s\S]*?)<\/style>/)![1];
    expect(style).not.toMatch(/url\(|@import|https?:/i);
  });

  it('has no raw control or bidi characters', () => {
    expect(html.match(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\ufeff]/)).toBeNull();
  });

  it('balances its elements', () => {
    const VOID = new Set(['meta']);
    const stack: string[] = [];
    for (const t of all) {
      if (VOID.has(t.name)) continue;
      if (!t.closing) stack.push(t.name);
      else expect(stack.pop(), `closing ${t.name}`).toBe(t.name);
    }
    expect(stack).toEqual([]);
  });
});

describe('html: hostile names appear only as text', () => {
  const html = presentHtml(hostileComparison());
  const text = textContent(html);

  it.each(HOSTILE_NAMES.filter((n) => n !== HOSTILE.long).map((n) => [JSON.stringify(n).slice(0, 40), n]))('%s', (_, name) => {
    expect(text).toContain(visible(name));
  });

  it('shows controls and bidi overrides as escapes', () => {
    expect(text).toContain('red\\x1b[31mX\\x1b[0m\\r\\n\\x07\\0tail');
    expect(text).toContain('invoice\\u202egpj.exe');
  });

  it('shortens a 6,000-character name in the middle and says how long it was', () => {
    expect(text).toContain(`(${HOSTILE.long.length} characters)`);
    expect(text).toContain('end-of-a-very-long-name');
    expect(html.length).toBeLessThan(2_000_000);
  });

  it('inspection: names in listings, tags, history and errors are text', () => {
    const t = textContent(presentHtml(hostileInspection()));
    for (const n of [HOSTILE.script, HOSTILE.quotes, HOSTILE.textarea, HOSTILE.closeScript, HOSTILE.details]) expect(t).toContain(visible(n));
  });
});

describe('html: size', () => {
  it('caps a 100,000-file listing at 5,000 rows and says where the rest is', () => {
    const html = presentHtml(hugeLayer(100_000), { embedJson: false });
    expect(textContent(html)).toContain('95,000 more in the embedded JSON report');
    expect(html.match(/<tr>/g)!.length).toBeLessThan(5_100);
  });
});
