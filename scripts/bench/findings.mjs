// Does tarscope find what diffoscope finds? Compares the paths diffoscope reports inside
// the layers (members whose bytes differ; entries whose listing line differs: added,
// removed, metadata) with the paths of tarscope's file-level differences, and counts the
// config/history differences tarscope reports (diffoscope never pairs two configs whose
// file names are their — different — digests). Pure: reports in, summary out.
import { norm } from './diffoscope.mjs';

const FILE_SUBJECTS = new Set(['file', 'merged', 'file-order']);
const CONFIG_SUBJECTS = new Set(['config', 'history']);

function coverage(wanted, found) {
  const missing = wanted.filter((p) => !found.has(p));
  return { total: wanted.length, found: wanted.length - missing.length, missing: missing.slice(0, 20), missingCount: missing.length };
}

/** report: a tarscope ComparisonReport (kind 'comparison'); dfs: diffoscopeFindings(). */
export function compareFindings(report, dfs) {
  if (!report || report.kind !== 'comparison') {
    return { available: false, note: 'the page produced no comparison report (it inspects Archive A only): nothing to compare with diffoscope yet' };
  }
  const paths = new Set(report.differences.filter((d) => FILE_SUBJECTS.has(d.subject) && d.scope?.path).map((d) => norm(d.scope.path)));
  const config = report.differences.filter((d) => CONFIG_SUBJECTS.has(d.subject));
  const causes = report.causes.map((c) => ({ id: c.id, count: c.count }));
  return {
    available: true,
    verdict: report.verdict,
    headline: report.headline,
    causes,
    tarscopePaths: paths.size,
    content: dfs ? coverage(dfs.contentPaths, paths) : null,
    metadata: dfs ? coverage(dfs.metadataPaths, paths) : null,
    configDifferences: config.length,
    configExamples: config.slice(0, 6).map((d) => `${d.subject} ${d.field ?? ''}: ${JSON.stringify(d.a)?.slice(0, 60)} → ${JSON.stringify(d.b)?.slice(0, 60)}`),
    diffoscopeComparedConfig: dfs ? dfs.configCompared : null,
  };
}
