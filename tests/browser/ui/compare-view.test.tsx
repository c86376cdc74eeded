import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { CompareView } from '../../../src/ui/CompareView';
import type { ComparisonReport } from '../../../src/compare/types';
import type { RunStatus } from '../../../src/ui/run';
import { contentDiffers, manyFileDifferences, mtimeShift, unreadableB } from '../../builders/comparison';
import { byText, frame, key, mount, settle, setValue, unmountAll } from './dom';
import { render } from 'preact';
import { DifferenceIndex, type DifferenceSource } from '../../../src/present/diff-selection';
import type { Progress } from '../../../src/engine/progress';
import '../../../src/ui/styles.css';

afterEach(unmountAll);

function view(report: ComparisonReport, status: RunStatus = 'done', ignored: number | null = 0) {
  return mount(<CompareView report={report} status={status} options={report.options} onOptions={() => {}} ignored={ignored} />, 1300);
}

function tab(name: RegExp) {
  const t = page.getByRole('tab', { name }).element() as HTMLButtonElement;
  t.click();
  return t;
}

const texts = (root: ParentNode, sel: string) => [...root.querySelectorAll(sel)].map((e) => e.textContent!.trim());

describe('CompareView: verdict and causes', () => {
  it('says the verdict with a badge (accessible text), the headline, and the causes ranked with counts, evidence and remedy', async () => {
    const r = contentDiffers();
    const root = view(r);
    await settle();
    const badge = root.querySelector('.verdict-badge')!;
    expect(badge.textContent).toBe('≠Verdict: Content differs');
    expect(badge.getAttribute('data-verdict')).toBe('content-differs');
    expect(badge.classList.contains('tone-content')).toBe(true);
    expect(page.getByRole('heading', { name: 'Content differs: 2 files changed and 1 file added in B' }).element()).toBeTruthy();
    expect(root.querySelector('.badge-preliminary')).toBeNull();
    expect(texts(root, '.cause-id')).toEqual(['file.content', 'file.added']);
    expect(texts(root, '.cause-count')).toEqual(['2 differences', '1 difference']);
    expect(texts(root, '.cause-summary')[0]).toBe('2 files have different bytes: a text file and an ELF binary');
    const first = root.querySelector('.cause')!;
    expect(texts(first, '.evidence-text')).toEqual([
      'etc/os-release: 1 line changed, 1 added',
      'usr/bin/busybox: bytes differ from offset 0x1c8 (ELF build-id)',
      'usr/bin/busybox is an ELF executable whose GNU build-id differs',
    ]);
    // One example per difference: busybox's two sentences (hex window, recognised kind) are one example.
    expect(texts(first, '.evidence-where')).toEqual(['Where: layer #1 · etc/os-release', 'Where: layer #1 · usr/bin/busybox']);
    expect(first.querySelectorAll('.evidence-list > .evidence')[1].querySelectorAll('.evidence-text')).toHaveLength(2);
    expect(first.querySelector('.remedy')!.textContent).toBe(
      'Remedy Rebuild from the same sources with the same toolchain; compare the packages that install these files.',
    );
    expect(first.querySelector('.consequences')!.textContent).toMatch(/^5 consequences folded under it/);
    expect(first.querySelector('.recognised')!.textContent).toBe('Recognised: ELF build-id — NT_GNU_BUILD_ID a1b2c3d4… → 11223344…');
  });

  it('shows commands of a remedy in monospace', async () => {
    const root = view(mtimeShift());
    await settle();
    const codes = [...root.querySelectorAll('.cause')[0].querySelectorAll('.remedy code.command')].map((c) => c.textContent);
    expect(codes).toEqual(['SOURCE_DATE_EPOCH', 'rewrite-timestamp=true', 'tar --mtime=@EPOCH']);
    expect(getComputedStyle(root.querySelector('.remedy code.command')!).fontFamily).toMatch(/mono/i);
  });

  it('a cause opens to all its differences, with the values of A and B side by side', async () => {
    const r = mtimeShift();
    const root = view(r);
    await settle();
    const details = root.querySelector('.cause-all') as HTMLDetailsElement;
    (details.querySelector('summary') as HTMLElement).click();
    await frame();
    const rows = [...details.querySelectorAll('[role=option] .diff-row')];
    const roots = rows.filter((x) => !x.classList.contains('is-consequence'));
    expect(roots.length).toBe(r.causes[0].count);
    const osRelease = roots.find((x) => x.querySelector('.c-where')!.textContent!.endsWith('etc/os-release'))!;
    expect(osRelease.querySelector('.c-what .what')!.textContent).toBe('mtime');
    expect(osRelease.querySelector('.c-what')!.textContent).toBe('mtime ◆ (with evidence)'); // the cause's example
    expect(osRelease.querySelector('.c-a')!.textContent).toBe('2023-11-14T22:13:20Z');
    expect(osRelease.querySelector('.c-b')!.textContent).toBe('2023-11-14T22:15:47Z');
    // Consequences that follow these files (merged view) come after, marked.
    expect(rows.length).toBeGreaterThan(roots.length);
  });
});

describe('CompareView: evidence', () => {
  it('a text diff shows side by side by default (A left, B right, paired changed lines) and unified on demand', async () => {
    const root = view(contentDiffers());
    await settle();
    const table = root.querySelector('.diff-table.side')!;
    const rows = [...table.querySelectorAll('tbody tr:not(.hunk-head)')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows).toEqual([
      ['1', ' NAME="Example Linux"', '1', ' NAME="Example Linux"'],
      ['2', '−only in A: VERSION_ID=3.18', '2', '+only in B: VERSION_ID=3.19'],
      ['', '', '3', '+only in B: BUILD_ID=20240301'],
      ['3', ' ID=example', '4', ' ID=example'],
    ]);
    expect(table.querySelectorAll('td.op-del')).toHaveLength(1);
    expect(table.querySelectorAll('td.op-add')).toHaveLength(2);
    byText<HTMLButtonElement>(root, '.text-diff button', 'unified').click();
    await settle();
    const uni = root.querySelector('.diff-table.unified')!;
    expect([...uni.querySelectorAll('tbody tr:not(.hunk-head)')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))).toEqual([
      ['1', '1', ' NAME="Example Linux"'],
      ['2', '', '−only in A: VERSION_ID=3.18'],
      ['', '2', '+only in B: VERSION_ID=3.19'],
      ['', '3', '+only in B: BUILD_ID=20240301'],
      ['3', '4', ' ID=example'],
    ]);
  });

  it('a hex view shows offsets and bytes of A and B in 16-byte rows, the differing bytes highlighted', async () => {
    const root = view(contentDiffers());
    await settle();
    const hex = root.querySelector('.hex-table')!;
    expect(texts(hex, 'th.hex-offset')).toEqual(['000001c0', '000001d0']);
    const rowA = [...hex.querySelectorAll('tr.hex-a')][1];
    const rowB = [...hex.querySelectorAll('tr.hex-b')][1];
    // Window starts at 0x1c4: bytes 0x1d4..0x1d7 differ (a1b2c3d4 vs 11223344).
    expect([...rowA.querySelectorAll('.byte.differs')].map((b) => b.textContent)).toEqual(['a1', 'b2', 'c3', 'd4']);
    expect([...rowB.querySelectorAll('.byte.differs')].map((b) => b.textContent)).toEqual(['11', '22', '33', '44']);
    const first = [...hex.querySelectorAll('tr.hex-a')][0];
    expect([...first.querySelectorAll('.byte')].map((b) => b.textContent).join(' ')).toBe(
      `${'  '.repeat(4)}${' '.repeat(4)}04 00 00 00 14 00 00 00 03 00 00 00`,
    );
    expect(first.querySelectorAll('.byte.differs')).toHaveLength(0);
    expect(rowA.querySelector('.hex-ascii')!.textContent).toBe('GNU.........    ');
    const mark = getComputedStyle(rowA.querySelector('.byte.differs')!);
    expect(mark.textDecorationLine).toBe('underline');
  });
});

describe('CompareView: drill-down by level', () => {
  it("has a tab per level with counts, opens on the first cause's level, and shows the pairing", async () => {
    const r = contentDiffers();
    const root = view(r);
    await settle();
    const tabs = [...root.querySelectorAll('[role=tab]')];
    expect(tabs.map((t) => t.firstChild!.textContent!.trim())).toEqual(['Archive', 'Index', 'Manifests', 'Config & history', 'Layers', 'Files']);
    const selected = root.querySelector('[role=tab][aria-selected=true]')!;
    expect(selected.id).toBe('level-tab-files');
    const fileCount = r.differences.filter((d) => ['file', 'file-order', 'merged'].includes(d.subject)).length;
    expect(selected.querySelector('.level-count')!.textContent).toBe(String(fileCount));
    key(selected, 'ArrowLeft');
    await settle();
    expect(root.querySelector('[role=tab][aria-selected=true]')!.id).toBe('level-tab-layers');
    expect(document.activeElement!.id).toBe('level-tab-layers');
    const pairRows = [...root.querySelectorAll('#level-panel table.pairing tbody tr')];
    expect(pairRows.map((tr) => tr.lastElementChild!.textContent)).toEqual(['differ', 'differ']);
    expect(pairRows.map((tr) => tr.children[2].textContent)).toEqual(['by position', 'by position']);
    tab(/^Index/);
    await settle();
    expect(texts(root, '#level-panel table.pairing tbody th')).toEqual(['example.com/app:1 (linux/amd64)']);
  });

  it('selecting a file difference shows A and B in full and its content evidence', async () => {
    const root = view(contentDiffers());
    await settle();
    const list = root.querySelector('#level-panel [role=listbox]') as HTMLElement;
    const option = [...list.querySelectorAll('[role=option]')].find(
      (o) => o.textContent!.startsWith('layer #1 · usr/bin/busybox') && o.textContent!.includes('content'),
    )!;
    (option as HTMLElement).click();
    await settle();
    const details = root.querySelector('#level-panel .diff-details')!;
    // Both pieces of evidence about this file: the hex window and what the bytes were recognised as.
    expect(texts(details, '.evidence-text')).toEqual([
      'usr/bin/busybox: bytes differ from offset 0x1c8 (ELF build-id)',
      'usr/bin/busybox is an ELF executable whose GNU build-id differs',
    ]);
    expect(details.querySelector('.hex-table')).not.toBeNull();
    expect(details.querySelector('.recognised')).not.toBeNull();
    const values = texts(details, '.ab-side .value');
    expect(values[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(values[1]).toMatch(/^[0-9a-f]{64}$/);
    expect(values[0]).not.toBe(values[1]);
    // No internal names in what is read: fact names in words, the id tucked away for tools.
    const labels = texts(details, 'dl.facts dt');
    for (const l of labels) expect(l).not.toMatch(/[a-z][A-Z]|^Id$/);
    const id = details.querySelector('details.diff-id')!;
    expect(id.hasAttribute('open')).toBe(false);
    expect(id.querySelector('summary')!.textContent).toBe('Difference id (as in the exported JSON)');
  });
});

describe('CompareView: preliminary and unreadable', () => {
  it('a preliminary report is marked, says the files are still being compared, and has no file differences yet', async () => {
    const root = view(mtimeShift('preliminary'), 'working', null);
    await settle();
    expect(root.querySelector('.badge-preliminary')!.textContent).toBe('Preliminary');
    expect(root.querySelector('.verdict-panel')!.classList.contains('is-preliminary')).toBe(true);
    expect(root.querySelector('.verdict-sub')!.textContent).toMatch(/^From the structure only/);
    tab(/^Files/);
    await settle();
    expect(root.querySelector('#level-tab-files .level-count')!.textContent).toBe('…');
    expect(root.querySelector('#level-panel')!.textContent).toMatch(/files are being compared/);
  });

  it('unreadable: the verdict says so, the cause names the component and offset, B has an alert, everything readable is shown', async () => {
    const r = unreadableB();
    const root = view(r, 'failed');
    await settle();
    expect(root.querySelector('.verdict-badge')!.getAttribute('data-verdict')).toBe('unreadable');
    expect(texts(root, '.cause-id')).toEqual(['input.truncated']);
    expect(root.querySelector('.cause-summary')!.textContent).toContain('offset 10,752');
    const alerts = [...root.querySelectorAll('[role=alert]')];
    expect(alerts).toHaveLength(1);
    expect(alerts[0].textContent).toMatch(/^tar: archive truncated in the data of 'blobs\/sha256\/[0-9a-f]{64}' at offset 10752/);
    expect(alerts[0].closest('section')!.querySelector('h2')!.textContent).toBe('Archive B: The archive could not be read completely');
    expect(root.querySelector('#errors-a-title')).toBeNull();
    // What could be read is compared: the layers read before the error are paired.
    tab(/^Layers/);
    await settle();
    expect(texts(root, '#level-panel table.pairing tbody tr td:nth-child(3)')).toEqual(['by diff_id', 'by diff_id', 'by diff_id']);
    tab(/^Archive/);
    await settle();
    expect(texts(root, '#level-panel [role=option] .c-what .what')).toEqual(['error']);
    expect(texts(root, '#level-panel [role=option] .c-a')).toEqual(['null']);
  });
});

describe('CompareView: 100,000 file differences', () => {
  it('stay virtualised: few rows in the DOM, the glob filter and scrolling work', async () => {
    const r = manyFileDifferences();
    const root = view(r);
    await settle();
    tab(/^Files/);
    await frame();
    const list = root.querySelector('#level-panel [role=listbox]') as HTMLElement;
    expect(list.querySelector('[role=option]')!.getAttribute('aria-setsize')).toBe('100000');
    expect(list.querySelectorAll('[role=option]').length).toBeLessThan(60);
    const t0 = performance.now();
    setValue(root.querySelector('#level-panel input[type=search]') as HTMLInputElement, '**/*.py');
    await frame();
    // A generous bound against accidental O(n²) filtering, not a speed target (those are in npm run bench).
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(root.querySelector('#level-files-count')!.textContent).toBe('10,000 of 100,000 differences match the glob');
    const filtered = root.querySelector('#level-panel [role=listbox]') as HTMLElement;
    filtered.scrollTop = filtered.scrollHeight;
    filtered.dispatchEvent(new Event('scroll'));
    await frame();
    const paths = texts(filtered, '[role=option] .c-where');
    expect(paths.at(-1)).toBe('layer #1 · usr/share/data/d099/file-099990.py');
    expect(filtered.querySelectorAll('[role=option]').length).toBeLessThan(60);
  });
});

describe('CompareView: a cancelled comparison', () => {
  it('is neutral: no Unreadable badge, no cause or error panel for the cancel itself; real errors still show', async () => {
    const r = structuredClone(mtimeShift());
    const cancelErr = { code: 'cancelled' as const, component: 'engine', message: 'engine: cancelled before the end; the report shows what was read' };
    r.inputs[0].error = cancelErr.message;
    r.inputs[0].errors = [cancelErr];
    const inputDiff = {
      id: 'input:a',
      subject: 'input' as const,
      kind: 'changed' as const,
      scope: {},
      a: cancelErr.message,
      facts: { side: 'a' as const, code: 'cancelled' as const, component: 'engine', message: cancelErr.message },
    };
    r.differences = [inputDiff as unknown as ComparisonReport['differences'][number], ...r.differences];
    r.verdict = 'unreadable';
    r.headline = 'Unreadable: A was not read to the end: the comparison was cancelled';
    r.causes = [
      {
        id: 'input.truncated',
        level: 'input',
        count: 1,
        summary: 'A was not read to the end: the comparison was cancelled',
        evidence: [{ text: cancelErr.message, difference: 'input:a', where: 'A' }],
        remedy: '',
        differences: ['input:a'],
        consequences: 0,
      },
      ...r.causes,
    ];
    const root = view(r, 'cancelled');
    await settle();
    expect(root.querySelector('.verdict-badge')!.getAttribute('data-verdict')).toBe('cancelled');
    expect(root.textContent).not.toContain('Unreadable');
    expect(root.querySelector('.errors')).toBeNull();
    expect(texts(root, '.cause-id')).toEqual(['file.mtime', 'config.created']);
    expect(root.querySelector('.inputs-facts')!.textContent).toContain('stopped by the cancel');
    // Compare again is offered only where the view can run it (the app passes onCompareAgain).
    expect(page.getByRole('button', { name: 'Compare again' }).query()).toBeNull();
  });
});

describe('CompareView: content evidence that could not be read', () => {
  it('stats.evidenceErrors shows as a note under the causes, with component, message and place', async () => {
    const r = structuredClone(contentDiffers());
    r.stats.evidenceErrors = [
      {
        differences: r.causes[0].differences.slice(0, 2),
        error: {
          code: 'truncated',
          component: 'tar',
          message: 'tar: archive truncated in the data (in etc/os-release, at offset 9216)',
          path: 'etc/os-release',
          offset: 9216,
        },
      },
    ];
    const root = view(r);
    await settle();
    const note = root.querySelector('.causes .evidence-errors')!;
    expect(note.getAttribute('role')).toBe('note');
    expect(note.querySelector('li')!.textContent).toBe('2 differences: tar: archive truncated in the data (in etc/os-release, at offset 9,216)');
    // After the list of causes, inside their panel.
    expect(note.previousElementSibling!.classList.contains('cause-list')).toBe(true);
    expect(view(contentDiffers()).querySelector('.evidence-errors')).toBeNull();
  });
});

describe('CompareView: progress events', () => {
  it('a tick of the verification renders its line again, not the drill-down under it (pure.ts)', async () => {
    const r = structuredClone(contentDiffers());
    r.stats.verification = { state: 'pending', blobs: 0, bytes: 0, rescanned: 0, bytesTotal: 100 * 1024 * 1024 };
    // A source that counts how often the drill-down reads its counts (once per render of it).
    const index = new DifferenceIndex(r.differences);
    let reads = 0;
    const source: DifferenceSource = {
      get total() {
        return index.total;
      },
      get levels() {
        reads++;
        return index.levels;
      },
      page: (sel, start, end) => {
        reads++;
        return index.page(sel, start, end);
      },
    };
    const onOptions = () => {};
    const at = (done: number): Progress => ({ phase: 'verify', bytesDone: done * 1024 * 1024, bytesTotal: 100 * 1024 * 1024, rate: 0, elapsedMs: 0 });
    const el = (p: Progress) => (
      <CompareView
        report={r}
        differences={source}
        status="done"
        options={r.options}
        onOptions={onOptions}
        ignored={0}
        verifying={p}
        onStopVerifying={() => {}}
      />
    );
    const root = mount(el(at(10)), 1300);
    await settle();
    expect(root.querySelector('[data-verification="pending"]')!.textContent).toContain('10% ');
    const before = reads;
    expect(before).toBeGreaterThan(0);
    for (const done of [20, 30, 40]) {
      render(el(at(done)), root);
      await settle();
    }
    expect(root.querySelector('[data-verification="pending"]')!.textContent).toContain('40% ');
    expect(reads).toBe(before);
    // Another report is rendered again, as it must be.
    const other = { ...r };
    render(<CompareView report={other} differences={source} status="done" options={r.options} onOptions={onOptions} ignored={0} verifying={at(50)} />, root);
    await settle();
    expect(reads).toBeGreaterThan(before);
  });
});
