import { afterEach, describe, expect, it } from 'vitest';
import { useState } from 'preact/hooks';
import { ReportView } from '../../../src/ui/ReportView';
import { VirtualList } from '../../../src/ui/VirtualList';
import { ROW_HEIGHT } from '../../../src/ui/FileBrowser';
import { hugeLayer } from '../../builders/report';
import { control, frame, key, mount, setValue, settle, unmountAll } from './dom';
import '../../../src/ui/styles.css';

afterEach(unmountAll);

function List({ count, onActivate }: { count: number; onActivate?: (i: number) => void }) {
  const [active, setActive] = useState<number | null>(null);
  return (
    <VirtualList
      idPrefix="t"
      label="Numbers"
      count={count}
      rowHeight={20}
      height={200}
      activeIndex={active}
      onActiveChange={setActive}
      onActivate={onActivate}
      renderRow={(i) => <span>row {i}</span>}
    />
  );
}

function visible(root: ParentNode): string[] {
  return [...root.querySelectorAll('[role=option]')].map((o) => o.textContent!);
}

describe('VirtualList', () => {
  it('renders only the rows in view plus overscan, with position info for assistive technology', async () => {
    const root = mount(<List count={100_000} />);
    await frame();
    const list = root.querySelector('[role=listbox]') as HTMLElement;
    expect(list.getAttribute('aria-label')).toBe('Numbers');
    expect(list.tabIndex).toBe(0);
    const rows = visible(root);
    // 200 px / 20 px = 10 rows in view, plus 6 of overscan below.
    expect(rows.length).toBe(16);
    expect(rows[0]).toBe('row 0');
    const opt = root.querySelector('[role=option]')!;
    expect(opt.getAttribute('aria-setsize')).toBe('100000');
    expect(opt.getAttribute('aria-posinset')).toBe('1');
    expect((root.querySelector('[role=listbox]') as HTMLElement).scrollHeight).toBe(2_000_000);
  });

  it('scrolling shows later rows and drops earlier ones', async () => {
    const root = mount(<List count={100_000} />);
    await frame();
    const list = root.querySelector('[role=listbox]') as HTMLElement;
    list.scrollTop = 50_000 * 20;
    list.dispatchEvent(new Event('scroll'));
    await frame();
    const rows = visible(root);
    expect(rows).toContain('row 50000');
    expect(rows).toContain('row 50009');
    expect(rows).not.toContain('row 0');
    expect(rows.length).toBeLessThanOrEqual(23);
  });

  it('is keyboard accessible: arrows, Page keys, Home/End move the active row and keep it in view; Enter activates', async () => {
    const activated: number[] = [];
    const root = mount(<List count={1000} onActivate={(i) => activated.push(i)} />);
    await frame();
    const list = root.querySelector('[role=listbox]') as HTMLElement;
    list.focus();
    expect(document.activeElement).toBe(list);
    const active = () => {
      const id = list.getAttribute('aria-activedescendant');
      const el = id ? document.getElementById(id) : null;
      return el && el.getAttribute('aria-selected') === 'true' ? el.textContent : null;
    };
    key(list, 'ArrowDown');
    await settle();
    expect(active()).toBe('row 0');
    key(list, 'ArrowDown');
    await settle();
    expect(active()).toBe('row 1');
    key(list, 'PageDown');
    await settle();
    // A page is the rows that fit, less one kept for context.
    const page = Math.floor(list.clientHeight / 20) - 1;
    expect(page).toBeGreaterThan(5);
    expect(active()).toBe(`row ${1 + page}`);
    key(list, 'End');
    await frame();
    expect(active()).toBe('row 999');
    expect(list.scrollTop).toBe(1000 * 20 - list.clientHeight);
    key(list, 'ArrowUp');
    await settle();
    expect(active()).toBe('row 998');
    key(list, 'Enter');
    expect(activated).toEqual([998]);
    key(list, 'Home');
    await frame();
    expect(active()).toBe('row 0');
    expect(list.scrollTop).toBe(0);
  });
});

describe('file browser with a 100,000-file layer', () => {
  it('keeps only a window of rows in the DOM, scrolls to the end, and filters by glob', async () => {
    const report = hugeLayer();
    const t0 = performance.now();
    const root = mount(<ReportView input={report.inputs[0]} cancelled={false} />, 1200);
    await frame();
    const mountMs = performance.now() - t0;
    const list = root.querySelector('[role=listbox]') as HTMLElement;
    expect(root.querySelector('.files-summary')!.textContent).toMatch(/^100,000 entries/);
    const options = root.querySelectorAll('[role=option]');
    expect(options.length).toBeGreaterThan(5);
    expect(options.length).toBeLessThan(60);
    expect(options[0].getAttribute('aria-setsize')).toBe('100000');
    expect(list.scrollHeight).toBe(100_000 * ROW_HEIGHT);

    list.scrollTop = list.scrollHeight;
    list.dispatchEvent(new Event('scroll'));
    await frame();
    const paths = [...root.querySelectorAll('[role=option] .c-path')].map((e) => e.textContent);
    expect(paths.at(-1)).toBe('usr/share/data/d099/file-099999.txt');
    expect(root.querySelectorAll('[role=option]').length).toBeLessThan(60);

    const t1 = performance.now();
    setValue(control<HTMLInputElement>(root, 'Filter paths'), '**/*.py');
    await frame();
    const filterMs = performance.now() - t1;
    expect(root.querySelector('.files-summary')!.textContent).toMatch(/^10,000 of 100,000 entries match the glob/);
    const first = root.querySelector('[role=option]')!;
    expect(first.getAttribute('aria-setsize')).toBe('10000');
    // The scroll position was clamped to the shorter list: its last rows are in view.
    const after = [...root.querySelectorAll('[role=option] .c-path')].map((e) => e.textContent);
    expect(after.at(-1)).toBe('usr/share/data/d099/file-099990.py');
    // Generous bounds: this guards against accidental O(n²) work, not against a slow machine.
    expect(mountMs).toBeLessThan(5000);
    expect(filterMs).toBeLessThan(2000);
  });
});
