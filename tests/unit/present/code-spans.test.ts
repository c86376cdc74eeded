/**
 * Remedies keep their code spans in the written reports (issue 11): `<code>` in HTML, a code
 * span in Markdown, still escaped; and `stats.evidenceErrors` (content evidence reads that
 * failed) is said in the text, Markdown and HTML reports, not only in the JSON.
 */
import { describe, expect, it } from 'vitest';
import type { ComparisonReport } from '../../../src/compare/types';
import { codeParts, htmlWithCode, mdWithCode } from '../../../src/present/code-spans';
import { evidenceErrorLines } from '../../../src/present/evidence-errors';
import { comparisonHtml } from '../../../src/present/html';
import { comparisonMarkdown } from '../../../src/present/markdown';
import { presentText } from '../../../src/present/text';
import { contentDiffers } from '../../builders/comparison';

const REMEDY = 'Compress with `gzip -n` (no name or time), or set `SOURCE_DATE_EPOCH`.';

function withRemedy(remedy = REMEDY): ComparisonReport {
  const r = structuredClone(contentDiffers());
  r.causes[0].remedy = remedy;
  return r;
}

function withEvidenceErrors(): ComparisonReport {
  const r = structuredClone(contentDiffers());
  const ids = r.causes[0].differences.slice(0, 2);
  r.stats.evidenceErrors = [
    {
      differences: ids,
      error: { code: 'truncated', component: 'tar', message: "tar: archive truncated in the data of 'etc/os-release' at offset 9,216", path: 'etc/os-release' },
    },
    { differences: [], error: { code: 'internal', component: 'engine', message: 'engine: the evidence job failed: worker crashed' } },
  ];
  return r;
}

describe('code spans of remedies', () => {
  it('split into text and code, an odd backtick left literal', () => {
    expect(codeParts('run `a` then `b`')).toEqual(['run ', 'a', ' then ', 'b', '']);
    expect(codeParts('a `b` c `d')).toEqual(['a ', 'b', ' c `d']);
  });

  it('Markdown keeps them as code spans; the text around is escaped', () => {
    expect(mdWithCode(REMEDY)).toBe('Compress with `gzip -n` (no name or time), or set `SOURCE_DATE_EPOCH`.');
    expect(mdWithCode('use `tar --mtime=@$EPOCH` *now* <b>')).toBe('use `tar --mtime=@$EPOCH` \\*now\\* &#60;b&#62;');
    const doc = comparisonMarkdown(withRemedy());
    expect(doc).toContain('`gzip -n`');
    expect(doc).toContain('`SOURCE_DATE_EPOCH`');
    expect(doc).not.toContain('\\`');
  });

  it('HTML renders them as <code>, escaped inside and out', () => {
    expect(htmlWithCode('a `<x>` & `b`').html).toBe('a <code>&#60;x&#62;</code> &#38; <code>b</code>');
    const page = comparisonHtml(withRemedy());
    expect(page).toContain('<strong>Remedy:</strong> Compress with <code>gzip -n</code> (no name or time), or set <code>SOURCE_DATE_EPOCH</code>.');
    // Outside the embedded JSON (which keeps the report as it is), no literal backticks.
    expect(page.replace(/<script[^>]*>[\s\S]*?<\/script>/g, '')).not.toContain('`gzip -n`');
  });

  it('a hostile remedy stays inert: no tag, no way out of a span', () => {
    const hostile = 'see `</code><script>alert(1)</script>` and `x` <img src=x>';
    const page = comparisonHtml(withRemedy(hostile));
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img');
    const doc = comparisonMarkdown(withRemedy(hostile));
    expect(doc).not.toContain('<img');
  });
});

describe('stats.evidenceErrors in the written reports', () => {
  it('one line per failed read, saying how many differences lack their evidence and why', () => {
    expect(evidenceErrorLines(withEvidenceErrors())).toEqual([
      "Content evidence (line diff, hex window) could not be read for 2 differences: tar: archive truncated in the data of 'etc/os-release' at offset 9,216",
      'The content evidence pass stopped: engine: the evidence job failed: worker crashed',
    ]);
    expect(evidenceErrorLines(contentDiffers())).toEqual([]);
  });

  it('text, Markdown and HTML say them; a report without the field says nothing', () => {
    const r = withEvidenceErrors();
    const text = presentText(r, { color: false });
    expect(text).toContain('Content evidence (line diff, hex window) could not be read for 2 differences: tar: archive truncated');
    expect(text).toContain('The content evidence pass stopped: engine: the evidence job failed: worker crashed');
    const doc = comparisonMarkdown(r);
    expect(doc).toContain('#### Evidence not read');
    expect(doc).toMatch(
      /^- Content evidence \(line diff, hex window\) could not be read for 2 differences: tar: archive truncated in the data of .etc\/os-release. at offset 9,216$/m,
    );
    const page = comparisonHtml(r);
    expect(page).toContain('<li>The content evidence pass stopped: engine: the evidence job failed: worker crashed</li>');
    for (const out of [presentText(contentDiffers(), { color: false }), comparisonMarkdown(contentDiffers()), comparisonHtml(contentDiffers())]) {
      expect(out).not.toContain('Evidence not read');
      expect(out).not.toContain('content evidence pass');
    }
  });
});
