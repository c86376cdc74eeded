/**
 * input.truncated / input.corrupt / input.unsupported: an input could not be read (the
 * differ's `input` difference, one per side, facts from the first ErrorInfo). A fatal error
 * (InputReport.error) makes the verdict `unreadable`; an error that left the listing whole
 * (one layer blob that could not be read) only makes that part not comparable.
 */
import type { CauseId, DifferenceOf, ErrorCode, FactsOf } from '../../types';
import type { Context } from '../context';
import type { Explainer } from '../types';
import { CATALOG } from '../catalog';
import { capitalise, num, shortPaths } from '../format';

type InputDifference = DifferenceOf<'input'>;
/** Partial: a report read back from JSON is not trusted to have every fact. */
type Facts = Partial<FactsOf<'input'>>;

const ID: Record<ErrorCode, CauseId> = {
  truncated: 'input.truncated',
  cancelled: 'input.truncated',
  corrupt: 'input.corrupt',
  internal: 'input.corrupt',
  unsupported: 'input.unsupported',
};

function side(d: InputDifference): 'a' | 'b' {
  return d.facts?.side === 'b' ? 'b' : 'a';
}

/**
 * An error that stopped the input (`InputReport.readToEnd` false: its outer tar or compression
 * damaged or cut short), not one of a single layer or document. Reports from before
 * `readToEnd` existed: any `error`.
 */
export function isFatal(d: InputDifference, ctx: Context): boolean {
  const input = ctx.side(side(d));
  return input.readToEnd === undefined ? input.error !== null : !input.readToEnd;
}

function place(d: InputDifference): string {
  const f: Facts = d.facts ?? {};
  const parts: string[] = [];
  if (typeof f.offset === 'number') parts.push(`at byte ${num(f.offset)}`);
  if (typeof f.path === 'string' && f.path) parts.push(`inside ${shortPaths(f.path)}`);
  return parts.join(' ');
}

function what(d: InputDifference): string {
  const f: Facts = d.facts ?? {};
  const code = String(f.code ?? 'corrupt');
  const comp = String(f.component ?? 'tarscope');
  if (code === 'truncated') return `ends ${place(d) || 'early'} (${comp}: truncated)`;
  if (code === 'cancelled') return `was not read to the end: the comparison was cancelled`;
  if (code === 'unsupported') {
    // The error message names the format ("the file is xz-compressed; …"): say it.
    const named = /^(?:[\w ]+: )*(?:the file is )?([^;]+?)(?:;|$)/.exec(String(f.message ?? ''))?.[1];
    return `uses something tarscope does not read yet${named ? `: ${named}` : ''} (${comp}${place(d) ? `, ${place(d)}` : ''})`;
  }
  if (code === 'internal') return `could not be read: internal error in ${comp}`;
  return `is corrupt ${place(d) || ''} (${comp})`.replace('  ', ' ');
}

export const inputExplainer: Explainer<'input'> = {
  name: 'input',
  subjects: ['input'],
  ids: ['input.truncated', 'input.corrupt', 'input.unsupported'],
  claim: (d) => (d.facts?.code !== undefined ? ID[d.facts.code] : undefined) ?? 'input.corrupt',
  describe(id, roots, ctx) {
    const fatal = roots.filter((d) => isFatal(d, ctx));
    const lines = roots.map((d) => `${ctx.sideName(side(d))} ${what(d)}`);
    const both = roots.length === 2 && roots[0].facts?.sameOnBoth === true;
    const tail = fatal.length ? '; everything read before that point was compared' : '; the rest of the archive was read and compared';
    const summary = `${capitalise(both ? `both inputs: ${lines[0].replace(/^A \([^)]*\) /, '')}` : lines.join('; '))}${tail}`;
    const first = roots[0];
    const sideLetter = side(first).toUpperCase();
    return {
      summary,
      phrase: `${sideLetter} ${what(first)}`,
      evidence: roots.slice(0, 5).map((d) => {
        const f: Facts = d.facts ?? {};
        const parts = [side(d).toUpperCase()];
        if (typeof f.path === 'string' && f.path) parts.push(f.path);
        if (typeof f.offset === 'number') parts.push(`offset ${num(f.offset)}`);
        const extra = typeof f.count === 'number' && f.count > 1 ? ` (+${num(f.count - 1)} more errors)` : '';
        return { text: `${String(f.message ?? (side(d) === 'a' ? d.a : d.b))}${extra}`, difference: d.id, where: parts.join(' · ') };
      }),
      remedy: CATALOG[id].remedy,
      // A layer that could not be read leaves the rest comparable: not `unreadable`.
      category: fatal.length ? 'unreadable' : 'content-differs',
    };
  },
};
