/**
 * file.content: a regular file's bytes differ (sha256), or its size when no digest was taken.
 * The summary names the kinds that explain most rebuilds: Python bytecode with an embedded
 * mtime, logs, dpkg/apt state, the ldconfig aux-cache, machine-id, compressed files. The
 * content evidence pass (src/compare/evidence) adds text diffs and hex windows later, and marks
 * the files whose bytes differ only in an embedded timestamp (`facts.timestampOnly`): the
 * summary and the headline phrase say so (the `timestamps` option ignores them: ../ignore.ts).
 */
import type { CauseId, Difference, TimestampOnly } from '../../types';
import type { Explainer } from '../types';
import { CATALOG } from '../catalog';
import { evidence, fileField, inLayers, num, sideValue } from '../fields';
import { list, plural, shortDigest, show, tally } from '../format';
import { pathOf } from './file-common';
import { fileKind } from '../file-kinds';

/** What a path is, in a summary ("Python bytecode (embeds the source mtime)"): ../file-kinds.ts. */
export function contentKind(path: string): string | null {
  return fileKind(path)?.what ?? null;
}

function claim(d: Difference): CauseId | null {
  const f = fileField(d);
  if (f === 'added' || f === 'removed') return null;
  // content, size, and any field no other explainer knows (a merged "version").
  return 'file.content';
}

/** A file the evidence pass marked (facts.timestampOnly): its kind, and what alone differs. */
const KIND: Record<TimestampOnly, string> = { 'pyc-source-mtime': '.pyc (source mtime)', 'zip-entry-times': 'zip (entry times)', 'gzip-mtime': 'gzip (MTIME)' };
const ONLY: Record<TimestampOnly, string> = {
  'pyc-source-mtime': 'only the .pyc source mtime differs',
  'zip-entry-times': 'only the zip entry times differ',
  'gzip-mtime': 'only the gzip header MTIME differs',
};

function timestampOnly(d: Difference): TimestampOnly | undefined {
  return d.subject === 'file' ? d.facts?.timestampOnly : undefined;
}

function sizes(d: Difference): string {
  // `content` of a file carries both sizes; a merged version does not.
  const f = d.subject === 'file' ? (d.facts ?? {}) : {};
  const a = num(f.sizeA);
  const b = num(f.sizeB);
  if (a === undefined || b === undefined) return '';
  return a === b ? ` (same size, ${num(a)} B)` : ` (${num(a)} → ${num(b)} B)`;
}

export const fileContentExplainer: Explainer<'file' | 'merged'> = {
  name: 'file content',
  subjects: ['file', 'merged'],
  ids: ['file.content'],
  claim,
  describe(id, roots, ctx) {
    const paths = [...new Set(roots.map(pathOf))];
    const kinds = tally(paths.map((p) => contentKind(p)).filter((k): k is string => k !== null));
    const known = kinds.reduce((n, k) => n + k.count, 0);
    const where = inLayers(roots, ctx);
    const what = kinds.length
      ? `: ${list(kinds.map((k) => `${k.count} ${k.value}`))}${known < paths.length ? ` and ${plural(paths.length - known, 'other file')}` : ''}`
      : paths.length <= 3
        ? `: ${list(paths)}`
        : '';
    const stamps = tally(roots.map(timestampOnly).filter((k): k is TimestampOnly => k !== undefined));
    const stamped = stamps.reduce((n, k) => n + k.count, 0);
    const onlyTimes = stamped
      ? `; ${stamped === roots.length ? (roots.length === 1 ? 'it differs' : 'all differ') : `${stamped} of them differ`} only in an embedded timestamp: ${list(stamps.map((k) => `${k.count} ${KIND[k.value]}`))}`
      : '';
    const line = (d: Difference) => {
      const f = fileField(d);
      const only = timestampOnly(d);
      if (f === 'content')
        return `${pathOf(d)}: content ${shortDigest(sideValue(d, 'a', 'content'))} → ${shortDigest(sideValue(d, 'b', 'content'))}${sizes(d)}${contentKind(pathOf(d)) ? ` — ${contentKind(pathOf(d))}` : ''}${only ? `; ${ONLY[only]}` : ''}`;
      return `${pathOf(d)}: ${f} ${show(sideValue(d, 'a', f))} → ${show(sideValue(d, 'b', f))}`;
    };
    return {
      summary: `${plural(paths.length, 'file')}${where} ${paths.length === 1 ? 'has' : 'have'} different bytes${roots.length > paths.length ? ` (${plural(roots.length, 'entry', 'entries')}: some paths in several layers)` : ''}${what}${onlyTimes}`,
      phrase:
        stamped === roots.length ? `embedded timestamps differ in ${plural(paths.length, 'file')}${where}` : `${plural(paths.length, 'file')} changed${where}`,
      evidence: evidence(roots, ctx, line),
      remedy: CATALOG[id].remedy,
    };
  },
};
