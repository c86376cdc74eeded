/**
 * docs/benchmarks.md is a set of marked sections, each owned by one command
 * (scripts/bench/doc.mjs): `npm run bench` rewrites its own ("bench", "bomb") and must keep
 * everything else — scale.mjs's "Scale", the hand-written "Memory", "Package reading" and
 * "Responsiveness" — byte for byte. Tested on the real file and on small ones.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeDoc, parseSections } from '../../../scripts/bench/doc.mjs';

const ROOT = join(import.meta.dirname, '../../..');
const DOC = readFileSync(join(ROOT, 'docs/benchmarks.md'), 'utf8');

/** name → the section as written, markers included. */
const sections = (text: string) => Object.fromEntries(parseSections(text).flatMap((p) => (p.name ? [[p.name, p.raw]] : [])));

describe('docs/benchmarks.md sections', () => {
  it('the real file parses into its owned sections and merging nothing gives it back unchanged', () => {
    const names = parseSections(DOC).flatMap((p) => (p.name ? [p.name] : []));
    expect(names).toEqual(expect.arrayContaining(['bench', 'scale', 'memory', 'bomb', 'packages', 'responsiveness']));
    expect(mergeDoc(DOC, {})).toBe(DOC);
    expect(DOC.startsWith('# Benchmarks\n')).toBe(true);
  });

  it('a bench run replaces its sections and keeps every other one byte for byte, in place', () => {
    const before = sections(DOC);
    const out = mergeDoc(DOC, { bench: '## Targets\n\nnew figures', bomb: '### Page: bomb\n\nnew bomb figures' });
    const after = sections(out);
    for (const name of ['scale', 'memory', 'packages', 'responsiveness']) expect(after[name], name).toBe(before[name]);
    for (const h of [/^## Scale$/m, /^## Memory \(issue 12\)$/m, /^## Package reading/m, /^## Responsiveness/m]) expect(out).toMatch(h);
    expect(after.bench).toBe('<!-- bench:begin (scripts/bench/run.mjs) -->\n## Targets\n\nnew figures\n<!-- bench:end -->');
    expect(after.bomb).toContain('new bomb figures');
    expect(out).not.toContain('Not measured yet: `npm run bench -- --only bomb`');
    // Same order as before, and a second run with the same sections changes nothing.
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(mergeDoc(out, { bench: '## Targets\n\nnew figures', bomb: '### Page: bomb\n\nnew bomb figures' })).toBe(out);
  });

  it('scale.mjs writing its section leaves the bench sections alone', () => {
    const out = mergeDoc(DOC, { scale: '## Scale\n\nother run' }, { scale: 'scripts/bench/scale.mjs' });
    expect(sections(out).bench).toBe(sections(DOC).bench);
    expect(sections(out).scale).toBe('<!-- scale:begin (scripts/bench/scale.mjs) -->\n## Scale\n\nother run\n<!-- scale:end -->');
  });

  it('text outside the markers stays; a section the file lacks is appended; no file gives a titled one', () => {
    const doc = '# Title\n\nintro by hand\n\n<!-- a:begin (x) -->\nold a\n<!-- a:end -->\n\ntail by hand\n';
    const out = mergeDoc(doc, { a: 'new a', b: 'new b' }, { a: 'x', b: 'y' });
    expect(out).toBe(
      '# Title\n\nintro by hand\n\n<!-- a:begin (x) -->\nnew a\n<!-- a:end -->\n\ntail by hand\n\n<!-- b:begin (y) -->\nnew b\n<!-- b:end -->\n',
    );
    expect(mergeDoc(null, { bench: 'figures' })).toBe('# Benchmarks\n\n<!-- bench:begin (scripts/bench/run.mjs) -->\nfigures\n<!-- bench:end -->\n');
  });

  it('refuses a file whose markers do not pair up, rather than rewrite it', () => {
    expect(() => mergeDoc('<!-- a:begin -->\nx\n', { a: 'y' })).toThrow(/not closed/);
    expect(() => mergeDoc('<!-- a:begin -->\n<!-- b:begin -->\n<!-- b:end -->\n<!-- a:end -->\n', {})).toThrow(/inside/);
    expect(() => mergeDoc('<!-- a:end -->\n', {})).toThrow(/without its begin/);
    expect(() => mergeDoc('<!-- a:begin -->\n<!-- a:end -->\n<!-- a:begin -->\n<!-- a:end -->\n', {})).toThrow(/twice/);
  });
});
