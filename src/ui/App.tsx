import { useEffect, useRef, useState } from 'preact/hooks';
import type { Engine } from '../engine/api';
import type { Progress } from '../engine/progress';
import type { InspectionReport } from '../report/types';
import { DropZone } from './DropZone';
import { ExportButton } from './ExportButton';
import { ProgressBar } from './ProgressBar';
import { ReportView } from './ReportView';
import { failureReport, finishedStatus, STATUS_TEXT, type RunStatus } from './run';
import './styles.css';

export interface AppProps {
  /** The engine to use; by default the browser engine, loaded on the first archive. */
  engine?: Engine;
}

/**
 * The engine code (workers, wasm) is not in the initial bundle: it is imported the first
 * time an archive is opened. The import is memoised by the module system; a failed import
 * is retried on the next archive.
 */
async function loadBrowserEngine(): Promise<Engine> {
  const { createEngine } = await import('../engine/browser');
  return createEngine();
}

interface RunState {
  status: RunStatus;
  file: { name: string; size: number } | null;
  progress: Progress | null;
  report: InspectionReport | null;
}

const IDLE: RunState = { status: 'idle', file: null, progress: null, report: null };

/**
 * The inspector page: one input slot ("Archive A"; comparison will add "Archive B" next to
 * it), the progress of the running inspection, and the report once it is back.
 */
export function App({ engine }: AppProps) {
  const [run, setRun] = useState<RunState>(IDLE);
  const own = useRef<Promise<Engine> | null>(null);
  const current = useRef<{ id: number; controller: AbortController } | null>(null);
  const nextId = useRef(0);

  function getEngine(): Promise<Engine> {
    if (engine) return Promise.resolve(engine);
    if (!own.current) {
      own.current = loadBrowserEngine();
      own.current.catch(() => (own.current = null));
    }
    return own.current;
  }

  async function open(file: File) {
    current.current?.controller.abort();
    const id = ++nextId.current;
    const controller = new AbortController();
    current.current = { id, controller };
    const meta = { name: file.name, size: file.size };
    setRun({ status: 'working', file: meta, progress: null, report: null });
    const isCurrent = () => current.current?.id === id;
    let report: InspectionReport;
    try {
      const e = await getEngine();
      report = await e.inspect(file, file.name, {
        signal: controller.signal,
        onProgress: (p) => {
          if (isCurrent()) setRun((r) => (r.status === 'working' ? { ...r, progress: p } : r));
        },
      });
    } catch (err) {
      report = failureReport(file.name, file.size, err, engine ? 'engine' : 'page: loading the engine');
    }
    if (!isCurrent()) return;
    current.current = null;
    setRun({ status: finishedStatus(report, controller.signal.aborted), file: meta, progress: null, report });
  }

  function cancel() {
    current.current?.controller.abort();
  }

  useEffect(() => {
    // A file dropped outside the drop zone would make the browser navigate away to it;
    // take it as Archive A instead.
    const over = (e: DragEvent) => e.preventDefault();
    const drop = (e: DragEvent) => {
      e.preventDefault();
      const f = e.dataTransfer?.files?.[0];
      if (f) void open(f);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
      current.current?.controller.abort();
      own.current?.then((e) => e.dispose()).catch(() => {});
    };
  }, []);

  const input = run.report?.inputs[0] ?? null;
  const working = run.status === 'working';
  return (
    <div class="app">
      <header class="site-header">
        <h1>
          tarscope <span class="tagline">container-image archives, inspected in your browser</span>
        </h1>
      </header>
      <main>
        <section class="inputs" aria-label="Archives">
          <DropZone id="archive-a" label="Archive A" file={run.file} onFile={(f) => void open(f)} />
        </section>
        <div class="toolbar">
          <ExportButton report={run.report} archiveName={run.file?.name ?? 'archive'} busy={working} />
          <p class="run-status" role="status">
            {run.status === 'working' ? '' : STATUS_TEXT[run.status]}
          </p>
        </div>
        {working && run.file && <ProgressBar progress={run.progress} name={run.file.name} onCancel={cancel} />}
        {input && <ReportView key={run.report!.createdAt + input.name} input={input} cancelled={run.status === 'cancelled'} />}
        {run.status === 'idle' && (
          <p class="intro muted">
            Open a <code>docker save</code> archive, an OCI image layout tar (<code>skopeo copy … oci-archive:</code>,
            BuildKit <code>type=oci</code>) or any tar to see its layers, history, files, and whether its digests add up.
          </p>
        )}
      </main>
    </div>
  );
}
