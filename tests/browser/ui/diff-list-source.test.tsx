/**
 * The drill-down's lists when the differences are not on the page (issue 12): CompareView given
 * a source that answers later, a page of rows at a time, as the coordinator Worker does
 * (src/engine/browser.ts heldComparison), and one that fails. Real Chromium, the real
 * DifferenceIndex behind the delay, a report from the real differ.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { CompareView } from '../../../src/ui/CompareView';
import { DifferenceIndex, type DifferenceSource, type DiffSelection } from '../../../src/present/diff-selection';
import type { ComparisonReport } from '../../../src/compare/types';
import { manyFileDifferences } from '../../builders/comparison';
import { frame, mount, settle, setValue, unmountAll } from './dom';
import '../../../src/ui/styles.css';

afterEach(unmountAll);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The whole report's differences behind a delay; the page's report keeps only the causes' ones. */
function remote(r: ComparisonReport, fail = false, delay = 20) {
  const ix = new DifferenceIndex(r.differences);
  const asked: [DiffSelection, number, number][] = [];
  const source: DifferenceSource = {
    total: ix.total,
    levels: ix.levels,
    page: async (sel, start, end) => {
      asked.push([sel, start, end]);
      await sleep(delay);
      if (fail) throw new Error('coordinator: the Worker that held this comparison has stopped: compare again');
      return ix.page(sel, start, end);
    },
  };
  const named = new Set(r.causes.flatMap((c) => c.differences));
  const shown = { ...r, differences: r.differences.filter((d) => named.has(d.id)) };
  return { source, asked, shown };
}

async function until(test: () => boolean, ms = 3000) {
  const t0 = performance.now();
  while (!test()) {
    if (performance.now() - t0 > ms) throw new Error('timed out');
    await sleep(10);
  }
}

function filesTab(root: HTMLElement) {
  (root.querySelector('#level-tab-files') as HTMLButtonElement).click();
}

describe('CompareView with differences held elsewhere', () => {
  it('counts from the source, rows a page at a time, filters asked of the source, a scrolled-to page fetched', async () => {
    const r = manyFileDifferences(20_000);
    const { source, asked, shown } = remote(r);
    expect(shown.differences.length).toBeLessThan(r.differences.length);
    const root = mount(<CompareView report={shown} differences={source} status="done" options={r.options} onOptions={() => {}} ignored={0} />, 1300);
    await settle();
    filesTab(root);
    await frame();
    expect(root.querySelector('#level-tab-files .level-count')!.textContent).toBe('20,000');
    await until(() => root.querySelector('#level-files-count')?.textContent === '20,000 differences');
    const list = root.querySelector('#level-panel [role=listbox]') as HTMLElement;
    expect(list.querySelector('[role=option]')!.getAttribute('aria-setsize')).toBe('20000');
    // Only the pages in view were asked for
    expect(asked.every(([, start, end]) => end - start === 200 && start < 400)).toBe(true);
    list.scrollTop = list.scrollHeight;
    list.dispatchEvent(new Event('scroll'));
    await until(() => [...list.querySelectorAll('[role=option] .c-where')].some((e) => e.textContent === 'layer #1 · usr/share/data/d019/file-019999.txt'));
    expect(asked.length).toBeLessThan(6);

    setValue(root.querySelector('#level-panel input[type=search]') as HTMLInputElement, '**/*.py');
    await until(() => root.querySelector('#level-files-count')?.textContent === '2,000 of 20,000 differences match the glob');
    expect(asked.at(-1)![0]).toMatchObject({ level: 'files', path: '**/*.py' });
    // Rows not here yet are placeholders, never another difference's values
    const rows = [...root.querySelectorAll('#level-panel [role=option] .c-where')].map((e) => e.textContent!);
    expect(rows.every((p) => p.endsWith('.py'))).toBe(true);
  });

  it('a new source for the same report (the verified one after the final): the rows shown stay until its first page comes', async () => {
    const r = manyFileDifferences(2000);
    const first = remote(r);
    const root = mount(
      <CompareView report={first.shown} differences={first.source} status="done" options={r.options} onOptions={() => {}} ignored={0} />,
      1300,
    );
    await settle();
    filesTab(root);
    await until(() => root.querySelector('#level-files-count')?.textContent === '2,000 differences');
    const list = root.querySelector('#level-panel [role=listbox]') as HTMLElement;
    list.scrollTop = 20_000;
    list.dispatchEvent(new Event('scroll'));
    // the loaded rows at the scrolled-to place (past row 700)
    const paths = () =>
      [...list.querySelectorAll('[role=option]')]
        .filter((o) => Number(o.getAttribute('aria-posinset')) > 700)
        .flatMap((o) => [...o.querySelectorAll('.c-where')].map((e) => e.textContent!));
    await until(() => paths().length > 5);
    const seen = paths()[3];
    expect(seen).toMatch(/file-0007\d\d\.(py|txt)$/);
    const second = remote(r, false, 300);
    render(<CompareView report={{ ...first.shown }} differences={second.source} status="done" options={r.options} onOptions={() => {}} ignored={0} />, root);
    await frame();
    expect(second.asked.length).toBeGreaterThan(0);
    expect(root.textContent).not.toContain('Loading the differences');
    expect(root.querySelector('#level-panel [role=listbox]')).toBe(list);
    expect(list.scrollTop).toBeGreaterThan(19_000);
    expect(paths()).toContain(seen);
    // the new source's pages come, for the rows in view
    await until(() => second.asked.some(([, start]) => start > 0) && paths().includes(seen));
  });

  it('a source that fails: the list says why, the rest of the report stays', async () => {
    const r = manyFileDifferences(500);
    const { source, shown } = remote(r, true);
    const root = mount(<CompareView report={shown} differences={source} status="done" options={r.options} onOptions={() => {}} ignored={0} />, 1300);
    await settle();
    filesTab(root);
    await until(() => !!root.querySelector('#level-panel [role=alert]'));
    expect(root.querySelector('#level-panel [role=alert]')!.textContent).toMatch(/^The differences could not be listed: coordinator: .*compare again$/);
    expect(root.querySelectorAll('.cause').length).toBe(r.causes.length);
  });
});
