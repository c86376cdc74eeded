import { afterEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { App } from '../../../src/ui/App';
import { REVOKE_DELAY_MS } from '../../../src/ui/download';
import { errorMidArchive, threeLayerImage } from '../../builders/report';
import { byText, dropFile, mount, pickFile, settle, unmountAll } from './dom';
import { FakeEngine } from './fakeEngine';

afterEach(() => {
  unmountAll();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const MiB = 1024 * 1024;

function archive(name = 'three-layers.tar', size = 3000): File {
  return new File([new Uint8Array(size)], name, { type: 'application/x-tar' });
}

function exportButton(): HTMLButtonElement {
  return page.getByRole('button', { name: 'Export JSON' }).element() as HTMLButtonElement;
}

describe('App with an engine', () => {
  it('has a file input named exactly "Archive A", and Export JSON disabled before any archive', async () => {
    mount(<App engine={new FakeEngine()} />);
    const input = page.getByRole('button', { name: 'Archive A', exact: true }).or(page.getByLabelText('Archive A', { exact: true }));
    const el = input.element() as HTMLInputElement;
    expect(el.type).toBe('file');
    expect(el.labels?.[0]?.textContent).toBe('Archive A');
    expect(exportButton().disabled).toBe(true);
  });

  it('shows progress with bytes, rate and time left, then the report; Export JSON only when finished', async () => {
    const engine = new FakeEngine();
    const root = mount(<App engine={engine} />);
    const file = archive();
    pickFile(page.getByLabelText('Archive A').element() as HTMLInputElement, file);
    await settle();
    expect(engine.calls).toHaveLength(1);
    expect(engine.last.file).toBe(file);
    expect(engine.last.name).toBe('three-layers.tar');
    expect(engine.last.opts?.signal?.aborted).toBe(false);
    expect(exportButton().disabled).toBe(true);

    engine.progress({
      phase: 'layers',
      bytesDone: 25 * MiB,
      bytesTotal: 100 * MiB,
      rate: 5 * MiB,
      elapsedMs: 5000,
      detail: 'layer blob 2 of 3 (blobs/sha256/ab)',
    });
    await settle();
    const bar = root.querySelector('progress')!;
    expect(bar).not.toBeNull();
    expect(bar.max).toBe(100 * MiB);
    expect(bar.value).toBe(25 * MiB);
    const stats = root.querySelector('.progress-stats')!.textContent!;
    expect(stats).toContain('25.0 MiB of 100 MiB (25%)');
    expect(stats).toContain('5.00 MiB/s');
    expect(stats).toContain('15 s left');
    expect(root.querySelector('.progress-detail')!.textContent).toBe('layer blob 2 of 3 (blobs/sha256/ab)');
    expect(exportButton().disabled).toBe(true);

    engine.finish(threeLayerImage());
    await settle();
    expect(root.querySelector('progress')).toBeNull();
    expect(exportButton().disabled).toBe(false);
    expect(root.querySelector('.run-status')!.textContent).toBe('Finished');
    expect(root.querySelectorAll('table.layers tbody tr')).toHaveLength(3);
  });

  it('Cancel aborts through the AbortSignal and shows the partial report; export is enabled', async () => {
    const engine = new FakeEngine(() => {
      const r = errorMidArchive();
      const err = { code: 'cancelled' as const, component: 'engine', message: 'engine: cancelled before the end; the report shows what was read' };
      r.inputs[0].errors = [err];
      r.inputs[0].error = err.message;
      return r;
    });
    const root = mount(<App engine={engine} />);
    pickFile(page.getByLabelText('Archive A').element() as HTMLInputElement, archive('big.tar'));
    await settle();
    const cancel = page.getByRole('button', { name: 'Cancel' }).element() as HTMLButtonElement;
    cancel.click();
    await settle();
    expect(engine.last.opts!.signal!.aborted).toBe(true);
    expect(root.querySelector('.run-status')!.textContent).toMatch(/^Cancelled/);
    // A cancel is said once, neutrally (the status line), not as an error panel titled "Cancelled".
    expect(root.querySelector('.errors, [role=alert]')).toBeNull();
    expect(root.querySelectorAll('table.layers tbody tr').length).toBeGreaterThanOrEqual(3);
    expect(exportButton().disabled).toBe(false);
  });

  it('a failed run names the component and the place, keeps what was read, and still exports', async () => {
    const engine = new FakeEngine();
    const root = mount(<App engine={engine} />);
    pickFile(page.getByLabelText('Archive A').element() as HTMLInputElement, archive('truncated.tar'));
    await settle();
    engine.finish(errorMidArchive());
    await settle();
    const alert = page.getByRole('alert').first().element();
    expect(alert.textContent).toMatch(/^tar: archive truncated in the data of 'blobs\/sha256\/[0-9a-f]{64}' at offset 10752/);
    const facts = root.querySelector('.errors .error-facts')!;
    expect(facts.querySelector('.component')!.textContent).toBe('tar');
    expect(facts.querySelector('.badge')!.textContent).toBe('truncated');
    expect(facts.querySelector('.error-place')!.textContent).toMatch(/^ in blobs\/sha256\/[0-9a-f]{64}, at offset 10,752$/);
    expect(root.querySelector('.error-list')).toBeNull(); // the one error is not listed twice
    // Layers read before the error are still there, and the broken one says why.
    expect(root.querySelectorAll('table.layers tbody tr:not(.layer-error)')).toHaveLength(3);
    expect(root.querySelector('.layer-error')!.textContent).toMatch(/^tar: archive truncated/);
    expect(root.querySelector('.run-status')!.textContent).toBe('Finished with errors');
    expect(root.querySelector('.integrity .verdict')!.textContent).toMatch(/Not finished/);
    expect(exportButton().disabled).toBe(false);
  });

  it('Export JSON downloads the report as <archive>.tarscope.json and revokes the URL afterwards', async () => {
    const engine = new FakeEngine();
    mount(<App engine={engine} />);
    pickFile(page.getByLabelText('Archive A').element() as HTMLInputElement, archive('my image.tar'));
    await settle();
    const report = threeLayerImage();
    engine.finish(report);
    await settle();

    const blobs: Blob[] = [];
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return 'blob:test-export';
    });
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicks: HTMLAnchorElement[] = [];
    const onClick = (e: MouseEvent) => {
      const a = (e.target as Element).closest('a');
      if (a) {
        clicks.push(a.cloneNode() as HTMLAnchorElement);
        e.preventDefault(); // no real navigation/download inside the test runner
      }
    };
    document.addEventListener('click', onClick, true);
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      exportButton().click();
    } finally {
      document.removeEventListener('click', onClick, true);
    }
    expect(create).toHaveBeenCalledTimes(1);
    expect(clicks).toHaveLength(1);
    expect(clicks[0].download).toBe('my image.tar.tarscope.json');
    expect(clicks[0].getAttribute('href')).toBe('blob:test-export');
    expect(document.querySelector('a[download]')).toBeNull(); // the temporary link is gone
    expect(blobs[0].type).toBe('application/json');
    expect(JSON.parse(await blobs[0].text())).toEqual(report);
    expect(revoke).not.toHaveBeenCalled();
    vi.advanceTimersByTime(REVOKE_DELAY_MS);
    expect(revoke).toHaveBeenCalledWith('blob:test-export');
  });

  it('a file dropped on the drop zone is inspected; a new file cancels the running one', async () => {
    const engine = new FakeEngine();
    const root = mount(<App engine={engine} />);
    dropFile(root.querySelector('.dropzone')!, archive('first.tar'));
    await settle();
    expect(engine.calls.map((c) => c.name)).toEqual(['first.tar']);
    const first = engine.last;
    expect(root.querySelector('.dropzone-file')!.textContent).toContain('first.tar');
    pickFile(page.getByLabelText('Archive A').element() as HTMLInputElement, archive('second.tar'));
    await settle();
    expect(first.opts!.signal!.aborted).toBe(true);
    expect(engine.calls.map((c) => c.name)).toEqual(['first.tar', 'second.tar']);
    // The first run resolving late must not replace the second one's state.
    first.resolve(errorMidArchive());
    await settle();
    expect(root.querySelector('progress')).not.toBeNull();
    expect(byText(root, '.progress-title .filename', 'second.tar')).toBeTruthy();
  });

  it('an engine that breaks its promise still ends in a report the page shows and can export', async () => {
    const engine = new FakeEngine();
    engine.inspect = () => Promise.reject(new Error('worker crashed'));
    const root = mount(<App engine={engine} />);
    pickFile(page.getByLabelText('Archive A').element() as HTMLInputElement, archive('x.tar'));
    await settle();
    expect(root.querySelector('.error-main')!.textContent).toBe('engine: worker crashed');
    expect(exportButton().disabled).toBe(false);
  });
});
