/**
 * The written reports show each difference once: the evidence pass repeats an example for
 * every detail it found (a hex window, then a recognised kind), as the real debootstrap pair's
 * ldconfig aux-cache did; text, Markdown and HTML group them like the page's cards.
 */
import { describe, expect, it } from 'vitest';
import type { ComparisonReport } from '../../../src/compare/types';
import { comparisonHtml } from '../../../src/present/html';
import { comparisonMarkdown } from '../../../src/present/markdown';
import { presentText } from '../../../src/present/text';
import { contentDiffers } from '../../builders/comparison';

const SENTENCE = 'var/cache/ldconfig/aux-cache: content 910d10a0bca8… → 334fde1db092… (same size, 4559 B)';

function repeated(): ComparisonReport {
  const r = structuredClone(contentDiffers());
  const c = r.causes[0];
  const id = c.differences[0];
  const where = 'layer #2 · var/cache/ldconfig/aux-cache';
  c.evidence = [
    { text: SENTENCE, difference: id, where, detail: { kind: 'hex', offset: 16, a: '616368', b: '616369', length: 3 } },
    { text: SENTENCE, difference: id, where, detail: { kind: 'recognised', what: 'ldconfig aux-cache', detail: 'records inode, mtime and ctime' } },
    ...c.evidence.filter((e) => e.difference !== id),
  ];
  return r;
}

const count = (s: string, part: string) => s.split(part).length - 1;

describe('one example per difference in the written reports', () => {
  it('text: the sentence once, both details under it', () => {
    const t = presentText(repeated());
    expect(count(t, 'var/cache/ldconfig/aux-cache: content')).toBe(1);
    expect(t).toContain('offset 16: A 616368');
    expect(t).toContain('ldconfig aux-cache: records inode, mtime and ctime');
  });

  it('Markdown: the sentence once, the example count is of differences', () => {
    const m = comparisonMarkdown(repeated());
    expect(count(m, 'var/cache/ldconfig/aux-cache: content')).toBe(1);
    expect(m).toContain('offset 16');
    expect(m).toContain('records inode, mtime and ctime');
    const groups = new Set(repeated().causes[0].evidence.map((e) => e.difference)).size;
    expect(m).toContain(`file.content: ${groups} examples`);
  });

  it('HTML: one list item for the difference, both details in it', () => {
    // the page as a person reads it: the embedded JSON report (a <script> block) keeps every item
    const h = comparisonHtml(repeated()).replace(/<script[\s\S]*?<\/script>/g, '');
    expect(count(h, 'var/cache/ldconfig/aux-cache: content')).toBe(1);
    const item = h.slice(h.indexOf('var/cache/ldconfig/aux-cache: content'));
    const li = item.slice(0, item.indexOf('</li>'));
    expect(li).toContain('offset 16');
    expect(li).toContain('records inode, mtime and ctime');
  });
});
