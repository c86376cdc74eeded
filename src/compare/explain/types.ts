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

export interface Explainer {
  /** For messages and the coverage test. */
  name: string;
  /** Subjects whose roots it may claim (the registry dispatches by subject). */
  subjects: Subject[];
  /** Cause ids it describes (each id is described by exactly one explainer). */
  ids: CauseId[];
  /** The cause id of a root it explains, or null to let the next explainer try. */
  claim(d: Difference, ctx: Context): CauseId | null;
  /** The cause made by `roots` (all claimed as `id`, in the differ's order). */
  describe(id: CauseId, roots: Difference[], ctx: Context): Described;
}
