/**
 * The explainer: `explain(diff, a, b, options)` turns the differ's flat list of differences
 * into the verdict, a one-sentence headline and the ranked root causes (causes.md). Pure and
 * deterministic; runs in a Worker, in Node and on the page, which re-runs it whenever the
 * ignore options change (200,000 differences in ~0.1–0.2 s: README "Speed").
 *
 * 1. roots: differences without `follows` (or whose `follows` names no difference in the list,
 *    as after a partial filter) — consequences are only counted, never explained;
 * 2. each root is claimed by exactly one explainer (registry.ts), then dropped if an ignore
 *    option covers it (ignore.ts), together with its consequences;
 * 3. each explainer describes the cause its roots make (summary, evidence, remedy);
 * 4. causes are ranked by how much they explain, and the verdict and headline follow (verdict.ts).
 */
import type { Cause, CauseId, Difference, DiffResult, Explanation, IgnoreOptions } from '../types';
import type { InputReport } from '../../report/types';
import { CATALOG, categoryRank } from './catalog';
import { Context } from './context';
import { ignoreReason, type IgnoreReason } from './ignore';
import { compilePathGlobs } from './paths';
import { claim, OWNER } from './registry';
import { remedyFor } from './remedy';
import { causeSteps } from './steps';
import type { Category } from './types';
import { verdictOf, type Weighed } from './verdict';

export type { Explanation, ExplainFn } from '../types';
export { compilePathGlobs } from './paths';

/** Ids kept in `Cause.differences` (the count says the total). */
export const MAX_CAUSE_DIFFERENCES = 1000;

interface Bucket {
  id: CauseId;
  roots: Difference[];
}

interface Built extends Weighed {
  cause: Cause;
}

export function explain(diff: DiffResult, a: InputReport, b: InputReport, options: IgnoreOptions): Explanation {
  const list = diff.differences;
  const ctx = new Context(diff, a, b, []);
  const paths = compilePathGlobs(options.paths ?? []);
  const kept = new Map<CauseId, Bucket>();
  const dropped = new Map<CauseId, Bucket>();
  const reasons = new Set<IgnoreReason>();
  /** Root id → the cause that explains it, and whether an option ignored it. */
  const rootOf = new Map<string, { id: CauseId; ignored: boolean }>();
  const explained: Difference[] = [];

  const take = (d: Difference) => {
    const { id } = claim(d, ctx);
    const reason = ignoreReason(d, id, options, paths);
    const into = reason ? dropped : kept;
    if (reason) reasons.add(reason);
    else explained.push(d);
    let bucket = into.get(id);
    if (bucket) bucket.roots.push(d);
    else into.set(id, (bucket = { id, roots: [d] }));
    rootOf.set(d.id, { id, ignored: reason !== null });
  };
  for (const d of list) if (d.follows === undefined) take(d);
  // A `follows` naming no root in the list (a filtered list): that difference is a root itself.
  for (const d of list) if (d.follows !== undefined && !rootOf.has(d.follows)) take(d);
  (ctx as { roots: Difference[] }).roots = explained;

  // Consequences: counted under the cause of the root they follow, or ignored with it.
  let ignored = 0;
  for (const bk of dropped.values()) ignored += bk.roots.length;
  const consequences = new Map<CauseId, number>();
  const ignoredConsequences = new Map<CauseId, number>();
  for (const d of list) {
    if (d.follows === undefined) continue;
    const root = rootOf.get(d.follows);
    if (!root) continue; // taken as a root above (its follows names nothing in the list)
    const into = root.ignored ? ignoredConsequences : consequences;
    if (root.ignored) ignored++;
    into.set(root.id, (into.get(root.id) ?? 0) + 1);
  }

  const build = (bucket: Bucket, cons: number): Built => {
    const owner = OWNER.get(bucket.id)!;
    const entry = CATALOG[bucket.id];
    const described = owner.describe(bucket.id, bucket.roots, ctx);
    const category: Category = described.category ?? entry.category;
    const remedy = remedyFor(bucket.id, bucket.roots, ctx, described.remedy);
    const differences = bucket.roots.length > MAX_CAUSE_DIFFERENCES ? bucket.roots.slice(0, MAX_CAUSE_DIFFERENCES) : bucket.roots;
    const steps = causeSteps(bucket.roots, ctx);
    const cause: Cause = {
      id: bucket.id,
      level: entry.level,
      count: bucket.roots.length,
      summary: described.summary,
      evidence: described.evidence.slice(0, 5),
      remedy: remedy.text,
      ...(remedy.basis ? { remedyFor: remedy.basis } : {}),
      differences: differences.map((d) => d.id),
      consequences: cons,
      ...(steps ? { steps } : {}),
    };
    return { cause, category, phrase: described.phrase, weight: cause.count + cons, level: entry.level };
  };

  const built = [...kept.values()].map((bk) => build(bk, consequences.get(bk.id) ?? 0));
  // What makes a report unreadable leads (the verdict is about it); then how much each explains.
  const fatal = (x: { category: string }) => (x.category === 'unreadable' ? 1 : 0);
  built.sort(
    (x, y) =>
      fatal(y) - fatal(x) ||
      y.weight - x.weight ||
      categoryRank(y.category) - categoryRank(x.category) ||
      (x.cause.id < y.cause.id ? -1 : x.cause.id > y.cause.id ? 1 : 0),
  );
  // Ignored causes are described only for the headline when nothing else remains.
  const ignoredBuilt = built.length === 0 && ignored > 0 ? [...dropped.values()].map((bk) => build(bk, ignoredConsequences.get(bk.id) ?? 0)) : [];
  const order: IgnoreReason[] = ['timestamps', 'fileOrder', 'ownerNames', 'tarFormat', 'history', 'imageName', 'modeBits', 'paths'];
  const { verdict, headline } = verdictOf(
    built,
    ignoredBuilt,
    ignored,
    order.filter((r) => reasons.has(r)),
    diff,
    [a.size, b.size],
  );
  return { verdict, headline, causes: built.map((x) => x.cause), ignored };
}
