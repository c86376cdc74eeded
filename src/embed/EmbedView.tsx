import { useEffect, useRef, useState } from 'preact/hooks';
import { NO_IGNORES, type IgnoreOptions } from '../compare/types';
import type { Engine } from '../engine/api';
import { CompareView } from '../ui/CompareView';
import { COMPARE_STATUS_TEXT, type ExplainFn } from '../ui/compareRun';
import { useExplained } from '../ui/useExplained';
import { loadExplain } from '../ui/explainLoader';
import { ProgressBar } from '../ui/ProgressBar';
import { RemoteInputs } from '../ui/RemoteInputs';
import { ReportView } from '../ui/ReportView';
import { STATUS_TEXT } from '../ui/run';
import { plan } from '../ui/sources';
import { useRemote } from '../ui/useRemote';
import { useRun } from '../ui/useRun';
import type { Scheme } from './theme';

export interface EmbedViewProps {
  /** `<tarscope-diff a b>`: both; `<tarscope-inspect src>`: `a` only. */
  a?: string | null;
  b?: string | null;
  /** Where the full app is: its "Open in tarscope" link (the `app` attribute; none when absent). */
  app?: string | null;
  engine?: Engine;
  /** The colours, resolved by the element (theme.ts). */
  theme?: Scheme;
}

/**
 * What the elements show: the archives at the URLs (src/remote: Range requests, failures
 * explained), then the same views as the app — CompareView (verdict, headline, causes,
 * options, drill-down) or ReportView — with the same engine and explainer. Changing a URL
 * aborts what runs and starts again.
 */
export function EmbedView({ a, b, app, engine, theme = 'light' }: EmbedViewProps) {
  const { run, inspect, compare, cancel, clear } = useRun(engine);
  const remote = useRemote();
  const [options, setOptions] = useState<IgnoreOptions>(NO_IGNORES);
  const optionsRef = useRef(options);
  const [explain, setExplain] = useState<ExplainFn | null>(null);

  const [again, setAgain] = useState(0);
  useEffect(() => {
    clear();
    if (!a && !b) {
      remote.clear();
      return;
    }
    remote.open({ a: a ?? undefined, b: b ?? undefined }, (sources) => {
      const p = plan({ a: sources.a ?? null, b: sources.b ?? null });
      if (p.kind === 'compare') {
        if (!explain)
          loadExplain().then(
            (fn) => setExplain(() => fn),
            () => {},
          );
        void compare(p.a, p.b, optionsRef.current);
      } else if (p.kind === 'inspect') void inspect(p.source);
    });
  }, [a, b, again]);

  const explained = useExplained(run.comparison, options, explain, run.ignored, run.held);
  const working = run.status === 'working';
  const comparing = run.kind === 'compare';
  const input = run.inspection?.inputs[0] ?? null;
  const status = working ? '' : (comparing ? COMPARE_STATUS_TEXT : STATUS_TEXT)[run.status];
  const progress = working && run.label ? <ProgressBar progress={run.progress} name={run.label} onCancel={cancel} /> : null;
  const openHref = app ? appLink(app, a, b) : null;

  return (
    <div class="embed" data-theme={theme}>
      <div class="embed-head">
        <span>
          <strong>tarscope</strong> {run.label && <span class="embed-label">{run.label}</span>}
        </span>
        <span class="run-status" role="status">
          {status}
        </span>
        {openHref && (
          <a class="embed-open" href={openHref} target="_blank" rel="noopener">
            Open in tarscope
          </a>
        )}
      </div>
      <RemoteInputs slots={remote.slots.filter((s) => s.state !== 'open')} />
      {comparing && explained ? (
        <CompareView
          report={explained.report}
          differences={run.held}
          status={run.status}
          options={options}
          onOptions={(o) => {
            optionsRef.current = o;
            setOptions(o);
          }}
          ignored={explained.ignored}
          progress={progress}
          onCompareAgain={() => setAgain((n) => n + 1)}
        />
      ) : (
        progress
      )}
      {!comparing && input && <ReportView key={run.inspection!.createdAt + input.name} input={input} cancelled={run.status === 'cancelled'} />}
    </div>
  );
}

/** The app with the same archives: `<app>?a=…&b=…`. */
function appLink(app: string, a?: string | null, b?: string | null): string | null {
  try {
    const u = new URL(app, document.baseURI);
    if (a) u.searchParams.set('a', new URL(a, document.baseURI).href);
    if (b) u.searchParams.set('b', new URL(b, document.baseURI).href);
    return u.href;
  } catch {
    return null;
  }
}
