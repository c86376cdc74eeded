/**
 * The explainer, imported with the first comparison rather than with the page: the initial
 * bundle stays small, and the chunk is shared with the engine's coordinator, which imports
 * the same module. Memoised; a failed import is retried on the next call.
 *
 * Interim: the explainer (src/compare/explain) is being written; a glob import resolves to
 * nothing until it exists, so the page builds either way (the engine's own verdict stands).
 */
import type { ExplainFn } from './compareRun';

const modules = import.meta.glob<{ explain: ExplainFn }>('../compare/explain/index.ts');
let loading: Promise<ExplainFn> | null = null;

export function loadExplain(): Promise<ExplainFn> {
  if (!loading) {
    const load = modules['../compare/explain/index.ts'];
    loading = load ? load().then((m) => m.explain) : Promise.reject(new Error('the explainer is not built into this page'));
    loading.catch(() => (loading = null));
  }
  return loading;
}
