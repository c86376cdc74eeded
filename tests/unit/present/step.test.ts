/**
 * Build steps in the written reports (issue 13): a history `created_by` as the Dockerfile had
 * it (src/present/step.ts), named under its cause in the text, Markdown and HTML reports, and
 * escaped like every archive string.
 */
import { describe, expect, it } from 'vitest';
import type { ComparisonReport } from '../../../src/compare/types';
import { comparisonHtml } from '../../../src/present/html';
import { comparisonMarkdown } from '../../../src/present/markdown';
import { stepFull, stepInstruction, stepText, stepWhere } from '../../../src/present/step';
import { presentText } from '../../../src/present/text';
import { mtimeShift } from '../../builders/comparison';
import { tags, textContent } from './html-scan';

describe('stepInstruction: created_by as the Dockerfile had it', () => {
  it.each([
    ['/bin/sh -c #(nop)  COPY file:ab12cd in /app ', 'COPY file:ab12cd in /app'],
    ['/bin/sh -c #(nop) ADD file:0a1b in / ', 'ADD file:0a1b in /'],
    ['/bin/sh -c apt-get update && apt-get install -y curl', 'RUN apt-get update && apt-get install -y curl'],
    ['RUN /bin/sh -c apt-get install -y curl # buildkit', 'RUN apt-get install -y curl'],
    ['RUN |2 V=1 W=2 /bin/sh -c make # buildkit', 'RUN make'],
    ['|1 V=1 /bin/sh -c make', 'RUN make'],
    ['COPY app/ /app/ # buildkit', 'COPY app/ /app/'],
    ['ADD rootfs.tar / # buildkit', 'ADD rootfs.tar /'],
    ['/bin/sh -c set -e; \\\n\tapt-get update', 'RUN set -e; \\ apt-get update'],
    ['umoci raw add-layer', 'umoci raw add-layer'],
  ])('%j → %j', (raw, want) => {
    expect(stepInstruction(raw)).toBe(want);
  });

  it('one line of at most 100 characters, the whole step for a title', () => {
    const long = `RUN /bin/sh -c ${'x'.repeat(300)} # buildkit`;
    expect(stepText(long)).toHaveLength(100);
    expect(stepText(long).endsWith('…')).toBe(true);
    expect(stepFull(long)).toBe(`RUN ${'x'.repeat(300)}`);
  });

  it('control and bidi characters are shown as escapes', () => {
    const hostile = 'RUN /bin/sh -c echo \u001b[2Jhi \u202egpj.exe # buildkit';
    expect(stepText(hostile)).toBe('RUN echo \\x1b[2Jhi \\u202egpj.exe');
    expect(stepFull(hostile)).not.toMatch(/[\u001b\u202e]/);
  });

  it('where: 1-based layer, the side when only one side has it', () => {
    expect(stepWhere({ side: 'both', layer: 2 })).toBe('layer 3');
    expect(stepWhere({ side: 'b', layer: 0 })).toBe('layer 1 of B');
    expect(stepWhere({ side: 'a', layer: 1, image: 'app:1 (linux/amd64)' })).toBe('app:1 (linux/amd64) · layer 2 of A');
  });
});

const HOSTILE = '/bin/sh -c curl <script>alert(1)</script> | sh \u202e `x` *y* # buildkit';

function withSteps(createdBy = 'RUN /bin/sh -c apt-get install -y curl # buildkit'): ComparisonReport {
  const r = structuredClone(mtimeShift());
  r.causes[0].steps = [{ side: 'both', layer: 1, historyIndex: 3, createdBy }];
  return r;
}

describe('the step under its cause in every written report', () => {
  it('text', () => {
    const out = presentText(withSteps(), { color: false });
    expect(out).toContain('    step layer 2: RUN apt-get install -y curl\n');
  });

  it('Markdown: a "Build steps" list naming the cause', () => {
    const out = comparisonMarkdown(withSteps());
    expect(out).toContain('#### Build steps');
    expect(out).toMatch(/^- .*\(`file\.mtime`\): layer 2, RUN apt-get install -y curl$/m);
  });

  it('HTML: the step in a <code> with the whole step as its title', () => {
    const out = comparisonHtml(withSteps());
    expect(textContent(out)).toContain('Step: layer 2, RUN apt-get install -y curl');
    expect(tags(out).some((t) => t.name === 'code' && t.attrs.title === 'RUN apt-get install -y curl')).toBe(true);
  });

  it('a hostile created_by stays text in every format', () => {
    const r = withSteps(HOSTILE);
    const text = presentText(r, { color: false });
    expect(text).toContain('RUN curl <script>alert(1)</script> | sh \\u202e `x` *y*');
    expect(text).not.toContain('\u202e');
    const md = comparisonMarkdown(r);
    expect(md).not.toContain('<script>');
    expect(md).toContain('RUN curl &#60;script&#62;alert(1)&#60;/script&#62; &#124; sh \\\\u202e \\`x\\` \\*y\\*');
    const html = comparisonHtml(r);
    expect(html).not.toContain('<script>alert');
    expect(textContent(html)).toContain('RUN curl <script>alert(1)</script> | sh \\u202e `x` *y*');
  });
});
