import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Engine } from '../engine/api';
import { NO_IGNORES, type IgnoreOptions } from '../compare/types';
import { CompareView } from './CompareView';
import { COMPARE_STATUS_TEXT, type ExplainFn } from './compareRun';
import { useExplained } from './useExplained';
import { comparisonFilename, reportFilename } from './download';
import { DropZone } from './DropZone';
import { ExportAsButton } from './ExportAsButton';
import { loadExplain } from './explainLoader';
import { ProgressBar } from './ProgressBar';
import { ReportView } from './ReportView';
import { STATUS_TEXT } from './run';
import { assignFiles, fileSource, plan, type Side, type Slots, type Source } from './sources';
import { RemoteInputs } from './RemoteInputs';
import { UpdatePrompt } from './UpdatePrompt';
import { UrlFields } from './UrlFields';
import { useRemote } from './useRemote';
import { useRun } from './useRun';
import type { UrlInputs } from '../remote/params';
import './styles.css';
import './shown'; // archive names escaped in every text node and attribute (the CLI's escape)

export interface AppProps {
  /** The engine to use; by default the browser engine, loaded on the first archive. */
  engine?: Engine;
  /** The explainer used to re-explain for the ignore options; by default imported with the first comparison. */
  explain?: ExplainFn;
  /** Archives to open at once: the seam for `?a=URL&b=URL` (a loader makes Sources, the page does the rest). */
  initial?: Partial<Slots>;
  /** Archives at URLs (`?a=URL&b=URL`): opened with Range requests (src/remote), then run like picked files. */
  urls?: UrlInputs;
  /** Register the offline service worker and show its update prompt (the built page; not in tests). */
  serviceWorker?: boolean;
}

/**
 * The page: two input slots. One archive is inspected (layers, history, files, integrity);
 * with both, they are compared: the preliminary verdict within moments, refined when the
 * deep comparison finishes; the ignore options re-explain the report here, without reading
 * the archives again.
 */
export function App({ engine, explain: givenExplain, initial, urls, serviceWorker }: AppProps) {
  const { run, inspect, compare, cancel, clear } = useRun(engine);
  const remote = useRemote();
  const [slots, setSlots] = useState<Slots>({ a: initial?.a ?? null, b: initial?.b ?? null });
  const slotsRef = useRef(slots);
  const [options, setOptions] = useState<IgnoreOptions>(NO_IGNORES);
  const optionsRef = useRef(options);
  const [explain, setExplain] = useState<ExplainFn | null>(() => givenExplain ?? null);
  const started = useRef(false);

  function needExplain() {
    if (explain || givenExplain) return;
    loadExplain().then(
      (fn) => setExplain(() => fn),
      () => {}, // the engine's own verdict stands; options cannot re-explain (the count says "loading")
    );
  }

  function start(next: Slots) {
    started.current = true;
    const p = plan(next);
    if (p.kind === 'compare') {
      needExplain();
      void compare(p.a, p.b, optionsRef.current);
    } else if (p.kind === 'inspect') void inspect(p.source);
    else clear();
  }

  function update(changes: Partial<Slots>) {
    const next = { ...slotsRef.current, ...changes };
    slotsRef.current = next;
    setSlots(next);
    start(next);
  }

  function take(files: File[], target?: Side) {
    const picked = assignFiles(files, slotsRef.current, target);
    const changes: Partial<Slots> = {};
    for (const side of ['a', 'b'] as const) {
      const f = picked[side];
      if (f) changes[side] = fileSource(f);
    }
    if (Object.keys(changes).length) update(changes);
  }

  /** URLs typed on the page: opened as `?a=&b=` are, and put in the address bar to share the view. */
  function openUrls(given: UrlInputs) {
    const query = new URLSearchParams(location.search);
    for (const side of ['a', 'b'] as const) if (given[side]) query.set(side, given[side]!);
    history.replaceState(history.state, '', `${location.pathname}?${query.toString().replace(/%2F/g, '/').replace(/%3A/g, ':')}${location.hash}`);
    remote.open(given, (sources) => update(sources));
  }

  // Stable, so that the options panel is not rendered again at every progress event (pure.ts).
  const changeOptions = useCallback((o: IgnoreOptions) => {
    optionsRef.current = o;
    setOptions(o);
  }, []);

  useEffect(() => {
    // Effects run after the first paint: a person may already have picked a file by then.
    if (!started.current && (slotsRef.current.a || slotsRef.current.b)) start(slotsRef.current);
    else if (urls && (urls.a || urls.b)) remote.open(urls, (sources) => !started.current && update(sources));
    // A file dropped outside the drop zones would make the browser navigate away to it;
    // take it into a slot instead (two files: A and B).
    const over = (e: DragEvent) => e.preventDefault();
    const drop = (e: DragEvent) => {
      e.preventDefault();
      take([...(e.dataTransfer?.files ?? [])]);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);

  const explained = useExplained(run.comparison, options, explain, run.ignored, run.held);
  const working = run.status === 'working';
  const comparing = run.kind === 'compare';
  const input = run.inspection?.inputs[0] ?? null;
  const statusText = working ? '' : (comparing ? COMPARE_STATUS_TEXT : STATUS_TEXT)[run.status];
  const exportName = (ext: 'json' | 'html' | 'md') =>
    comparing && slots.a && slots.b ? comparisonFilename(slots.a.name, slots.b.name, ext) : reportFilename(run.label || 'archive', ext);
  const shown = explained?.report ?? run.inspection;
  // A URL's line stays while its archive is in its slot; a file picked in its place replaces it.
  const remoteShown = remote.slots.filter((r) => r.state !== 'open' || slots[r.side] === r.source);
  const progress = working && run.label ? <ProgressBar progress={run.progress} name={run.label} onCancel={cancel} /> : null;

  return (
    <div class="app">
      <header class="site-header">
        <h1>
          tarscope <span class="tagline">why two container-image archives differ, explained in your browser</span>
        </h1>
        {serviceWorker && <UpdatePrompt idle={run.status === 'idle' && !remote.slots.length && !slots.a && !slots.b} />}
      </header>
      <main>
        <section class="inputs" aria-label="Archives">
          <DropZone
            id="archive-a"
            label="Archive A"
            file={slots.a}
            onFiles={(f) => take(f, f.length > 1 ? undefined : 'a')}
            onClear={() => update({ a: null })}
          />
          <DropZone
            id="archive-b"
            label="Archive B"
            file={slots.b}
            onFiles={(f) => take(f, f.length > 1 ? undefined : 'b')}
            onClear={() => update({ b: null })}
            hint={<BHint />}
          />
        </section>
        <UrlFields initial={urls} onOpen={openUrls} />
        <RemoteInputs slots={remoteShown} />
        <div class="toolbar">
          <ExportAsButton format="json" report={shown} filename={exportName('json')} busy={working} held={comparing ? run.held : null} options={options} />
          <ExportAsButton format="html" report={shown} filename={exportName('html')} busy={working} held={comparing ? run.held : null} options={options} />
          <ExportAsButton format="markdown" report={shown} filename={exportName('md')} busy={working} held={comparing ? run.held : null} options={options} />
          <p class="run-status" role="status">
            {statusText}
          </p>
        </div>
        {comparing && explained ? (
          <CompareView
            report={explained.report}
            differences={run.held}
            status={run.status}
            options={options}
            onOptions={changeOptions}
            ignored={explained.ignored}
            progress={progress}
            verifying={run.verifying}
            onStopVerifying={cancel}
            onCompareAgain={() => start(slotsRef.current)}
          />
        ) : (
          progress
        )}
        {!comparing && input && <ReportView key={run.inspection!.createdAt + input.name} input={input} cancelled={run.status === 'cancelled'} />}
        {run.status === 'idle' && !remote.slots.length && <Intro />}
      </main>
    </div>
  );
}

function BHint() {
  return <>Add a second archive to compare it with A: the page says what kind of difference it is, and why. Two files dropped at once go to A and B.</>;
}

function Intro() {
  return (
    <p class="intro muted">
      Open a <code>docker save</code> archive, an OCI image layout tar (<code>skopeo copy … oci-archive:</code>, BuildKit <code>type=oci</code>) or any tar to
      see its layers, history, files, and whether its digests add up. Open two to see why they differ: timestamps, ownership, compression, or content.
    </p>
  );
}

export type { Source };
