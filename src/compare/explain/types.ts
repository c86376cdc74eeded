/**
 * The explainer registry's contract. An explainer owns one cause family: it `claim`s root
 * differences (first claim wins, in registry order) and `describe`s the cause its claimed
 * roots make: one sentence that finds the pattern, a short phrase for the headline, a few
 * pieces of evidence and a remedy. Explainers never see consequences, nor ignored roots.
 */
import type { CauseId, Difference, Evidence, Subject, Verdict } from '../types';
import type { Context } from './context';

/** The verdict category a cause puts the comparison in (causes.md, best to worst). */
export type Category = Exclude<Verdict, 'identical'>;

export interface Described {
  /** One readable sentence with the pattern. */
  summary: string;
  /** A few words for the headline: "936 file mtimes differ in layer 1". */
  phrase: string;
  evidence: Evidence[];
  remedy: string;
  /** Overrides the id's category (e.g. the same integrity failure on both sides). */
  category?: Category;
}

/**
 * `S`: the subjects it handles. The registry only hands it differences of those subjects, so
 * `claim` and `describe` see them typed (`Explainer<'file' | 'merged'>` reads file facts after
 * `d.subject === 'file'`). Methods, not function properties, and `Difference & { subject: S }`
 * (which narrows like DifferenceOf<S>) rather than a conditional type: an `Explainer<'file'>`
 * is then an `Explainer` for the registry's list.
 */
export interface Explainer<S extends Subject = Subject> {
  /** For messages and the coverage test. */
  name: string;
  /** Subjects whose roots it may claim (the registry dispatches by subject). */
  subjects: S[];
  /** Cause ids it describes (each id is described by exactly one explainer). */
  ids: CauseId[];
  /** The cause id of a root it explains, or null to let the next explainer try. */
  claim(d: Difference & { subject: S }, ctx: Context): CauseId | null;
  /** The cause made by `roots` (all claimed as `id`, in the differ's order). */
  describe(id: CauseId, roots: (Difference & { subject: S })[], ctx: Context): Described;
}
