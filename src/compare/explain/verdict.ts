/**
 * The verdict and its headline, from the causes that remain after the ignore options.
 *
 *  - `unreadable`: an input could not be read far enough (a fatal input cause remains);
 *  - otherwise the worst category among the remaining causes (catalog.ts);
 *  - nothing remains and nothing was ignored: `identical` only when the differ proved the
 *    bytes equal (`identicalBytes === true`); when it could not tell (null) or the bytes differ
 *    in a way no difference describes (false), `same-image`, and the headline says so;
 *  - nothing remains because the options ignored it all: the best verdict still literally true
 *    of the archives, i.e. the worst category among the ignored causes (only archive-level
 *    things ignored → same-image; file mtimes ignored → metadata-only), with a headline that
 *    starts "Equivalent when ignoring …". No cause can justify a better verdict, and the
 *    verdict never claims more than is true; "same" is said by the empty cause list (the CLI's
 *    exit code) and the headline.
 */
import type { DiffResult, Level, Verdict } from '../types';
import { mergedSameNote } from './merged-note';
import type { Category } from './types';
import { categoryRank } from './catalog';
import { REASON_WORDS, type IgnoreReason } from './ignore';
import { list, num, plural } from './format';

export interface Weighed {
  category: Category;
  phrase: string;
  /** count + consequences */
  weight: number;
  /** the cause's level (catalog.ts): the merged-filesystem note looks for layer and file causes */
  level?: Level;
}

const PREFIX: Record<Category, string> = {
  'same-image': 'Same image; only ',
  'same-filesystem': 'Same filesystem; ',
  'metadata-only': 'Metadata only: ',
  'content-differs': 'Content differs: ',
  unreadable: 'Unreadable: ',
};

/** The worst category first, then the weight: the causes that set the verdict lead the headline. */
function lead(causes: Weighed[]): Weighed[] {
  return [...causes].sort((x, y) => categoryRank(y.category) - categoryRank(x.category) || y.weight - x.weight);
}

function phrases(causes: Weighed[], max = 3): string {
  const ps = [...new Set(lead(causes).map((c) => c.phrase))];
  const shown = ps.slice(0, max);
  const more = ps.length - shown.length;
  const sep = shown.some((p) => p.includes(':')) ? '; ' : ', ';
  return `${shown.join(sep)}${more ? `${sep}and ${plural(more, 'other cause')}` : ''}`;
}

export function worst(causes: Weighed[]): Category | null {
  let w: Category | null = null;
  for (const c of causes) if (w === null || categoryRank(c.category) > categoryRank(w)) w = c.category;
  return w;
}

export function verdictOf(
  remaining: Weighed[],
  ignoredCauses: Weighed[],
  ignored: number,
  reasons: IgnoreReason[],
  diff: DiffResult,
  sizes: [number, number],
): { verdict: Verdict; headline: string } {
  const ignoring = reasons.length
    ? ` (ignoring ${list(
        reasons.map((r) => REASON_WORDS[r]),
        6,
      )}: ${plural(ignored, 'difference')})`
    : '';
  const w = worst(remaining);
  if (w === 'unreadable') {
    const inputs = remaining.filter((c) => c.category === 'unreadable');
    const rest = remaining.filter((c) => c.category !== 'unreadable');
    const also = rest.length ? `; of what was read: ${phrases(rest, 2)}` : '';
    return { verdict: 'unreadable', headline: `Unreadable: ${inputs.map((c) => c.phrase).join('; ')}${also}${ignoring}` };
  }
  if (w !== null) {
    const main = phrases(remaining);
    return { verdict: w, headline: `${PREFIX[w]}${mergedSameNote(diff, remaining, w)}${main}${ignoring}` };
  }
  if (ignored > 0) {
    const v = worst(ignoredCauses) ?? 'same-image';
    return {
      verdict: v,
      headline: `Equivalent when ignoring ${list(
        reasons.map((r) => REASON_WORDS[r]),
        6,
      )}: only ${phrases(ignoredCauses)} (${plural(ignored, 'ignored difference')})`,
    };
  }
  if (diff.identicalBytes === true) return { verdict: 'identical', headline: 'Identical: the two archives are byte-for-byte the same' };
  if (diff.identicalBytes === null) {
    const n = diff.uncompared?.length ?? 0;
    return {
      verdict: 'same-image',
      headline: `Same image: no difference found, but not every byte was compared${n ? ` (${plural(n, 'part')} could not be: ${diff.uncompared![0].where})` : ''}`,
    };
  }
  const [a, b] = sizes;
  return {
    verdict: 'same-image',
    headline: `Same image: no difference found in what tarscope reads, yet the archives are not byte-identical${a !== b ? ` (${num(a)} vs ${num(b)} bytes)` : ''}`,
  };
}
