import { afterEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { App } from '../../../src/ui/App';
import { NO_IGNORES, type ComparisonReport } from '../../../src/compare/types';
import { contentDiffers, mtimeShift } from '../../builders/comparison';
import { threeLayerImage } from '../../builders/report';
import { frame, mount, pickFile, settle, unmountAll } from './dom';
import { FakeEngine } from './fakeEngine';
import { VERIFY_TICK_MS } from '../../../src/ui/useRun';

afterEach(() => {
  unmountAll();
  vi.restoreAllMocks();
});

const MiB = 1024 * 1024;

function archive(name: string, size = 3000): File {
  return new File([new Uint8Array(size)], name, { type: 'application/x-tar' });
}

const input = (name: 'Archive A' | 'Archive B') => page.getByLabelText(name, { exact: true }).element() as HTMLInputElement;
const exportButton = () => page.getByRole('button', { name: 'Export JSON' }).element() as HTMLButtonElement;
const status = (root: HTMLElement) => root.querySelector('.run-status')!.textContent;

/** Picks A, then B; returns the comparison call. */
async function pickBoth(root: HTMLElement, engine: FakeEngine, a = archive('app-a.tar'), b = archive('app-b.tar')) {
  pickFile(input('Archive A'), a);
  await settle();
  pickFile(input('Archive B'), b);
  await settle();
  expect(root.querySelector('.progress')).not.toBeNull();
  return engine.lastCompare;
}

/** Captures what Export JSON downloads. */
async function exported(): Promise<{ filename: string; report: ComparisonReport }> {
  const blobs: Blob[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
    blobs.push(b as Blob);
    return 'blob:test-export';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  let filename = '';
  const onClick = (e: MouseEvent) => {
    const a = (e.target as Element).closest('a');
    if (a) {
      filename = a.download;
      e.preventDefault();
    }
  };
  document.addEventListener('click', onClick, true);
  try {
    exportButton().click();
  } finally {
    document.removeEventListener('click', onClick, true);
  }
  expect(blobs).toHaveLength(1);
  return { filename, report: JSON.parse(await blobs[0].text()) };
}

describe('App: two archives', () => {
  it('has file inputs named exactly "Archive A" and "Archive B"; A alone is inspected, adding B compares them', async () => {
    const engine = new FakeEngine();
    const root = mount(<App engine={engine} />);
    expect(input('Archive A').type).toBe('file');
    expect(input('Archive B').type).toBe('file');
    expect(input('Archive B').labels?.[0]?.textContent).toBe('Archive B');
    const a = archive('app-a.tar');
    pickFile(input('Archive A'), a);
    await settle();
    expect(engine.calls.map((c) => c.name)).toEqual(['app-a.tar']);
    const inspection = engine.last;
    const b = archive('app-b.tar');
    pickFile(input('Archive B'), b);
    await settle();
    expect(inspection.opts!.signal!.aborted).toBe(true);
    expect(engine.compares).toHaveLength(1);
    const c = engine.lastCompare;
    expect([c.a, c.aName, c.b, c.bName]).toEqual([a, 'app-a.tar', b, 'app-b.tar']);
    expect(c.opts!.ignore).toEqual(NO_IGNORES);
    expect(status(root)).toBe('');
    // A late inspection result must not replace the comparison.
    inspection.resolve(threeLayerImage());
    await settle();
    expect(root.querySelector('table.layers')).toBeNull();
    expect(root.querySelector('.progress-title .filename')!.textContent).toBe('app-a.tar vs app-b.tar');
  });

  it('two files dropped at once go to A and B', async () => {
    const engine = new FakeEngine();
    const root = mount(<App engine={engine} />);
    await frame(); // the page-wide drop listener is added after the first paint
    const dt = new DataTransfer();
    dt.items.add(archive('first.tar'));
    dt.items.add(archive('second.tar'));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    await settle();
    expect(engine.calls).toHaveLength(0);
    expect([engine.lastCompare.aName, engine.lastCompare.bName]).toEqual(['first.tar', 'second.tar']);
    expect([...root.querySelectorAll('.dropzone-file .filename')].map((e) => e.textContent)).toEqual(['first.tar', 'second.tar']);
  });

  it('one file dropped on the page fills the empty slot: first A, later B', async () => {
    const engine = new FakeEngine();
    mount(<App engine={engine} />);
    await frame();
    const drop = (f: File) => {
      const dt = new DataTransfer();
      dt.items.add(f);
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    };
    drop(archive('one.tar'));
    await settle();
    expect(engine.calls.map((c) => c.name)).toEqual(['one.tar']);
    drop(archive('two.tar'));
    await settle();
    expect([engine.lastCompare.aName, engine.lastCompare.bName]).toEqual(['one.tar', 'two.tar']);
  });

  it('shows the preliminary verdict with the progress bar at once, then swaps in the final report', async () => {
    const engine = new FakeEngine();
    const root = mount(<App engine={engine} />);
    await pickBoth(root, engine);
    engine.progress({ phase: 'index', bytesDone: 2 * MiB, bytesTotal: 100 * MiB, rate: 4 * MiB, elapsedMs: 500 });
    engine.update(mtimeShift('preliminary'));
    await settle();
    expect(root.querySelector('.badge-preliminary')!.textContent).toBe('Preliminary');
    expect(root.querySelector('.verdict-badge')!.getAttribute('data-verdict')).toBe('content-differs');
    expect(root.querySelector('.headline')!.textContent).toBe('Same structure, different layer blobs: the files are being compared');
    // The progress bar sits right under the verdict: bytes, rate, time left, Cancel.
    expect(root.querySelector('.verdict-panel + .progress')).not.toBeNull();
    const stats = root.querySelector('.progress-stats')!.textContent!;
    expect(stats).toContain('2.00 MiB of 100 MiB (2%)');
    expect(stats).toContain('4.00 MiB/s');
    expect(stats).toContain('25 s left');
    expect(page.getByRole('button', { name: 'Cancel' }).element()).toBeTruthy();
    expect(exportButton().disabled).toBe(true);

    engine.progress({ phase: 'layers', bytesDone: 60 * MiB, bytesTotal: 100 * MiB, rate: 30 * MiB, elapsedMs: 2000 });
    await settle();
    expect(root.querySelector('.badge-preliminary')).not.toBeNull();
    expect(root.querySelector('.progress-stats')!.textContent).toContain('60.0 MiB of 100 MiB (60%)');

    engine.finishCompare(mtimeShift());
    await settle();
    expect(root.querySelector('.badge-preliminary')).toBeNull();
    expect(root.querySelector('.progress')).toBeNull();
    expect(root.querySelector('.verdict-badge')!.getAttribute('data-verdict')).toBe('metadata-only');
    expect([...root.querySelectorAll('.cause-id')].map((e) => e.textContent)).toEqual(['file.mtime', 'config.created']);
    expect(status(root)).toBe('Finished');
    expect(exportButton().disabled).toBe(false);
  });

  it('the background verification line follows its progress at most every VERIFY_TICK_MS, and its end at once', async () => {
    const engine = new FakeEngine();
    const root = mount(<App engine={engine} />);
    await pickBoth(root, engine);
    const final = structuredClone(mtimeShift());
    final.stats.verification = { state: 'pending', blobs: 0, bytes: 0, rescanned: 0, bytesTotal: 100 * MiB };
    engine.update(final);
    await settle();
    const line = () => root.querySelector('[data-verification="pending"]')!.textContent!;
    const tick = (mib: number) => engine.progress({ phase: 'verify', bytesDone: mib * MiB, bytesTotal: 100 * MiB, rate: 0, elapsedMs: 0 });
    tick(10);
    await settle();
    expect(line()).toContain('Verifying blob digests and diff_ids in the background: 10% ');
    // Within VERIFY_TICK_MS of the last one shown: not shown (each update lays out the page).
    tick(20);
    tick(25);
    await settle();
    expect(line()).toContain(': 10% ');
    await new Promise((r) => setTimeout(r, VERIFY_TICK_MS + 50));
    tick(30);
    await settle();
    expect(line()).toContain(': 30% ');
    // The end is shown at once.
    tick(100);
    await settle();
    expect(line()).toContain(': 100% ');
    expect(page.getByRole('button', { name: 'Stop verifying' }).element()).toBeTruthy();
  });

  it('Export JSON saves the comparison as <a>-vs-<b>.tarscope.json', async () => {
    const engine = new FakeEngine();
    const root = mount(<App engine={engine} />);
    await pickBoth(root, engine, archive('dir/app a.tar'), archive('app-b.tar.gz'));
    const report = contentDiffers();
    engine.finishCompare(report);
    await settle();
    const { filename, report: saved } = await exported();
    expect(filename).toBe('app a.tar-vs-app-b.tar.gz.tarscope.json');
    expect(saved).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('Cancel keeps the preliminary report, says so neutrally (no error, no red), allows export, and offers Compare again', async () => {
    const engine = new FakeEngine();
    const root = mount(<App engine={engine} />);
    const call = await pickBoth(root, engine);
    engine.update(mtimeShift('preliminary'));
    await settle();
    (page.getByRole('button', { name: 'Cancel' }).element() as HTMLButtonElement).click();
    await settle();
    expect(call.opts!.signal!.aborted).toBe(true);
    expect(status(root)).toBe('Cancelled: showing what was compared before');
    const badge = root.querySelector('.verdict-badge')!;
    expect(badge.getAttribute('data-verdict')).toBe('cancelled');
    expect(badge.classList.contains('tone-neutral')).toBe(true);
    expect(badge.textContent).toBe('■Status: Cancelled');
    expect(root.querySelector('.headline')!.textContent).toBe('The comparison was cancelled before it finished');
    expect(root.querySelector('.verdict-sub')!.textContent).toMatch(/^Only the structure .* had been compared/);
    expect(root.querySelector('.tone-unreadable, .errors, [role=alert]')).toBeNull();
    expect(exportButton().disabled).toBe(false);
    const { report } = await exported();
    expect(report.stats.phase).toBe('preliminary');
    const compares = engine.compares.length;
    (page.getByRole('button', { name: 'Compare again' }).element() as HTMLButtonElement).click();
    await settle();
    expect(engine.compares.length).toBe(compares + 1);
    expect(engine.lastCompare.opts!.signal!.aborted).toBe(false);
    expect(status(root)).toBe('');
    expect(root.querySelector('.progress')).not.toBeNull();
  });

  it('an engine that fails the comparison still ends in an unreadable report naming the component', async () => {
    const engine = new FakeEngine();
    const root = mount(<App engine={engine} />);
    const call = await pickBoth(root, engine);
    call.reject(new Error('worker crashed'));
    await settle();
    expect(root.querySelector('.verdict-badge')!.getAttribute('data-verdict')).toBe('unreadable');
    expect(root.querySelector('.headline')!.textContent).toBe('The comparison could not run: engine: worker crashed');
    expect(status(root)).toBe('Finished: an archive could not be read to the end');
    const { report } = await exported();
    expect(report.verdict).toBe('unreadable');
    expect(report.inputs.map((i) => i.name)).toEqual(['app-a.tar', 'app-b.tar']);
  });

  it('removing B goes back to inspecting A alone', async () => {
    const engine = new FakeEngine();
    const root = mount(<App engine={engine} />);
    const call = await pickBoth(root, engine);
    engine.finishCompare(contentDiffers());
    await settle();
    (page.getByRole('button', { name: 'Remove app-b.tar' }).element() as HTMLButtonElement).click();
    await settle();
    expect(call.opts!.signal!.aborted).toBe(false); // it had finished
    expect(engine.calls.map((c) => c.name)).toEqual(['app-a.tar', 'app-a.tar']);
    engine.finish(threeLayerImage());
    await settle();
    expect(root.querySelector('.compare')).toBeNull();
    expect(root.querySelectorAll('table.layers tbody tr')).toHaveLength(3);
  });

  it('initial sources (the seam for ?a=URL&b=URL) are compared at once', async () => {
    const engine = new FakeEngine();
    const a = new Blob([new Uint8Array(10)]);
    const b = new Blob([new Uint8Array(20)]);
    const root = mount(<App engine={engine} initial={{ a: { name: 'remote-a.tar', size: 10, blob: a }, b: { name: 'remote-b.tar', size: 20, blob: b } }} />);
    await frame();
    expect(engine.compares).toHaveLength(1);
    expect([engine.lastCompare.a, engine.lastCompare.aName, engine.lastCompare.b, engine.lastCompare.bName]).toEqual([a, 'remote-a.tar', b, 'remote-b.tar']);
    expect([...root.querySelectorAll('.dropzone-file .filename')].map((e) => e.textContent)).toEqual(['remote-a.tar', 'remote-b.tar']);
  });
});
