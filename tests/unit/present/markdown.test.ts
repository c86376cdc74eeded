import { describe, expect, it } from 'vitest';
import { comparisonMarkdown, presentMarkdown } from '../../../src/present/markdown';
import { md, mdFence, visible } from '../../../src/present/escape';
import { threeLayerImage, integrityFailure, plainTar } from '../../builders/report';
import type { ComparisonReport } from '../../../src/compare/types';
import { HOSTILE, hostileComparison, hostileInspection } from './hostile';

/** Splits a document into prose lines and fenced blocks (CommonMark §4.5 closing rule). */
function split(doc: string): { prose: string[]; fences: { open: string; body: string[] }[] } {
  const prose: string[] = [];
  const fences: { open: string; body: string[] }[] = [];
  const lines = doc.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = lines[i].match(/^( {0,3}| {2})(`{3,})(.*)$/);
    if (!m) {
      prose.push(lines[i]);
      continue;
    }
    const ticks = m[2].length;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = lines[j].match(/^ *(`{3,}) *$/);
      if (close && close[1].length >= ticks) break;
      body.push(lines[j]);
    }
    expect(j, `fence opened at line ${i + 1} is never closed`).toBeLessThan(lines.length);
    fences.push({ open: lines[i], body });
    i = j;
  }
  return { prose, fences };
}

/** Unescaped pipes: the cell separators GFM sees. */
const pipes = (line: string) => (line.replace(/\\./g, '').match(/\|/g) ?? []).length;

const ALLOWED_HTML = /^<\/?(details|summary|sub)>$/;

describe.each([
  ['hostile comparison', presentMarkdown(hostileComparison())],
  ['hostile inspection', presentMarkdown(hostileInspection())],
  ['three layers', presentMarkdown(threeLayerImage())],
  ['integrity failure', presentMarkdown(integrityFailure())],
  ['plain tar', presentMarkdown(plainTar())],
])('markdown: %s', (_, doc) => {
  const { prose, fences } = split(doc);

  it('keeps every table row at the header row’s column count', () => {
    let cols = 0;
    for (const line of prose) {
      if (!line.startsWith('|')) {
        cols = 0;
        continue;
      }
      if (!cols) cols = pipes(line);
      else expect(pipes(line), line.slice(0, 200)).toBe(cols);
    }
  });

  it('writes no HTML but its own <details>, <summary>, <sub>', () => {
    for (const line of prose) for (const m of line.matchAll(/<[^>]*>/g)) expect(m[0], line.slice(0, 200)).toMatch(ALLOWED_HTML);
  });

  it('leaves no unescaped backtick outside our own code spans of ids', () => {
    for (const line of prose) {
      const rest = line.replace(/\\`/g, '').replace(/`[a-z0-9][a-z0-9.:-]*`/gi, '');
      expect(rest, line.slice(0, 200)).not.toContain('`');
    }
  });

  it("has no raw control or bidi characters (but md()'s own zero-width space after @ and before #1)", () => {
    expect(doc.replace(/(@|#)\u200b/g, '$1').match(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\ufeff]/)).toBeNull();
  });

  it('no file content line can close its fence', () => {
    for (const f of fences) for (const l of f.body) expect(l.trim()).not.toMatch(new RegExp(`^\`{${f.open.trim().match(/^`+/)![0].length},}$`));
  });
});

describe('markdown: hostile names', () => {
  const doc = presentMarkdown(hostileComparison());

  it('pipes in a name become &#124; inside a table cell', () => {
    const row = doc.split('\n').find((l) => l.startsWith('| 1 |'))!;
    expect(row).toContain('&#60;script&#62;alert(1)&#60;/script&#62; and a&#124;b&#124;c differ only in mtime');
  });

  it('a name that would close <details> or open a link is text', () => {
    expect(doc).not.toContain('</details></summary>');
    expect(doc).toContain('\\[click\\](https://evil.example/) \\!\\[i\\](https://evil.example/i.png)');
  });

  it('text hunks sit in a fence longer than any backtick run in them', () => {
    expect(doc).toContain('  `````diff\n');
    expect(doc).toContain(`  +${visible(HOSTILE.closeScript)}`);
  });

  it('puts the verdict and a result word first', () => {
    expect(doc.split('\n')[0]).toBe('### tarscope: ❌ different — `metadata-only`');
  });
});

describe('markdown: escaping helpers', () => {
  it.each([
    ['a|b', 'a&#124;b'],
    ['x`y', 'x\\`y'],
    ['**b** _i_', '\\*\\*b\\*\\* \\_i\\_'],
    ['<b>&', '&#60;b&#62;&#38;'],
    ['- not a list', '\\- not a list'],
    ['1. not a list', '1\\. not a list'],
    ['$x$', '\\$x\\$'],
    ['a\\b', 'a\\\\b'],
    ['ünïcødé', 'ünïcødé'],
    // GitHub mentions and issue references: a zero-width space after `@` and before the number.
    ['docs/@octocat-notes.md', 'docs/@\u200boctocat-notes.md'],
    ['fix#12.patch', 'fix\\#\u200b12.patch'],
    ['a@b#x|1', 'a@\u200bb\\#x&#124;1'],
    ['zw\u200b@x', 'zw\\\\u200b@\u200bx'],
  ])('md(%j) = %j', (input, out) => expect(md(input)).toBe(out));

  it('mdFence uses one more backtick than the content', () => {
    expect(mdFence(['a', '````', 'b'], 'diff')).toBe('`````diff\na\n````\nb\n`````');
    expect(mdFence(['plain'])).toBe('```\nplain\n```');
  });
});

describe('markdown: size', () => {
  it('stays under 60,000 characters for 45 causes with long evidence', () => {
    const r = hostileComparison();
    const many: ComparisonReport = {
      ...r,
      causes: Array.from({ length: 45 }, (_, i) => ({
        ...r.causes[1],
        summary: `cause ${i} ${'x'.repeat(250)}`,
        evidence: Array.from({ length: 8 }, () => ({
          text: 'y'.repeat(300),
          detail: {
            kind: 'text-diff' as const,
            truncated: false,
            hunks: [{ aStart: 0, bStart: 0, lines: Array.from({ length: 200 }, () => ({ op: '+' as const, text: 'z'.repeat(120) })) }],
          },
        })),
      })),
    };
    const doc = comparisonMarkdown(many);
    expect(doc.length).toBeLessThanOrEqual(60_000);
    expect(doc).toContain('| 45 |');
  });
});
