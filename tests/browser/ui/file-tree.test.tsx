/**
 * The layer explorer (src/ui/FileTree.tsx) and dive's figures (src/ui/EfficiencyPanel.tsx)
 * inside the report page, on the 3-layer builder image (tests/builders/report.ts):
 * layer 1 has etc/os-release (400 B), etc/app/old.conf (50), usr/bin/old (2048), usr/bin/sh;
 * layer 2 rewrites etc/os-release (420), deletes usr/bin/old, adds app/main.py (5000) and
 * app/util.py (3000); layer 3 makes etc/app opaque and adds etc/app/new.conf (70).
 * By dive's definitions (src/image/efficiency.ts): wasted = 400 + 420 (os-release, 2 copies)
 * + 2048 + 0 (usr/bin/old and its whiteout, a file: 0) = 2868; score = Σ min / Σ all =
 * (400 + 50 + 0 + 0 + 5000 + 3000 + 70) / (820 + 50 + 2048 + 0 + 5000 + 3000 + 70) = 8520 / 10988;
 * user bytes = 8420 + 70 = 8490, user-wasted = 2868 / 8490.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ReportView } from '../../../src/ui/ReportView';
import { threeLayerImage } from '../../builders/report';
import { frame, mount, setValue, settle, unmountAll } from './dom';
import '../../../src/ui/styles.css';

afterEach(unmountAll);

const tree = (root: HTMLElement) => root.querySelector<HTMLElement>('.file-tree')!;
const rowTexts = (root: HTMLElement) => [...tree(root).querySelectorAll<HTMLElement>('.tree-row')].map((r) => r.dataset.path);
const rowOf = (root: HTMLElement, path: string) => tree(root).querySelector<HTMLElement>(`.tree-row[data-path="${path}"]`)!;

describe('EfficiencyPanel', () => {
  it("shows dive's score, wasted bytes, user-wasted share and the top wasted files", () => {
    const root = mount(<ReportView input={threeLayerImage().inputs[0]} cancelled={false} />);
    const fig = (k: string) => root.querySelector<HTMLElement>(`.efficiency [data-figure="${k}"]`)!;
    expect(fig('score').title).toBe(String(8520 / 10988));
    expect(fig('score').textContent).toBe('77.54 %');
    expect(fig('wasted').dataset.bytes).toBe('2868');
    expect(fig('user-wasted').title).toBe(String(2868 / 8490));
    const wasted = [...root.querySelectorAll('table.wasted-files tbody tr')].map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent));
    expect(wasted).toEqual([
      ['2.00 KiB', '2', '#1, #2', 'usr/bin/old'],
      ['820 B', '2', '#1, #2', 'etc/os-release'],
    ]);
    const changes = [...root.querySelectorAll('table.layer-changes tbody tr')].map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent));
    expect(changes[1]).toEqual(['#2', '3 (7.81 KiB)', '1 (420 B)', '1 (2.00 KiB)']);
  });
});

describe('FileTree', () => {
  it('shows the merged filesystem as a tree; directories expand and collapse', async () => {
    const root = mount(<ReportView input={threeLayerImage().inputs[0]} cancelled={false} />);
    await frame();
    expect(rowTexts(root)).toEqual(['app', 'app/main.py', 'app/util.py', 'etc', 'etc/app', 'etc/os-release', 'usr', 'usr/bin']);
    const toggle = rowOf(root, 'usr/bin').querySelector<HTMLButtonElement>('.tree-toggle')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    await frame();
    expect(rowTexts(root)).toContain('usr/bin/sh');
    expect(rowOf(root, 'usr/bin').querySelector('.tree-toggle')!.getAttribute('aria-expanded')).toBe('true');
    rowOf(root, 'app').querySelector<HTMLButtonElement>('.tree-toggle')!.click();
    await frame();
    expect(rowTexts(root)).not.toContain('app/main.py');
    // A directory's size is the files under it: 5000 + 3000.
    expect(rowOf(root, 'app').querySelector('.tree-size')!.textContent).toBe('7.81 KiB');
    // In the merged view a file that replaced a lower layer's version is marked, in words too.
    expect(rowOf(root, 'etc/os-release').querySelector('.tree-mark')!.textContent).toBe('modified');
  });

  it('the keyboard: → opens the active directory, ← closes it, ← again goes to its parent', async () => {
    const root = mount(<ReportView input={threeLayerImage().inputs[0]} cancelled={false} />);
    await frame();
    const list = tree(root).querySelector<HTMLElement>('[role=listbox]')!;
    list.focus();
    const key = async (k: string) => {
      list.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
      await frame();
    };
    await key('End'); // usr/bin, the last row
    expect(list.getAttribute('aria-activedescendant')).toMatch(/-7$/);
    await key('ArrowRight');
    expect(rowTexts(root)).toContain('usr/bin/sh');
    await key('ArrowLeft');
    expect(rowTexts(root)).not.toContain('usr/bin/sh');
    await key('ArrowLeft');
    expect(list.getAttribute('aria-activedescendant')).toMatch(/-6$/); // usr
  });

  it('the filter keeps matching paths with their parents, opened', async () => {
    const root = mount(<ReportView input={threeLayerImage().inputs[0]} cancelled={false} />);
    await frame();
    setValue(tree(root).querySelector<HTMLInputElement>('input[type=search]')!, 'new.conf');
    await frame();
    expect(rowTexts(root)).toEqual(['etc', 'etc/app', 'etc/app/new.conf']);
    setValue(tree(root).querySelector<HTMLInputElement>('input[type=search]')!, 'nothing-like-this');
    await frame();
    expect(tree(root).textContent).toContain('No path matches the filter.');
  });

  it('one layer: what it adds, modifies and deletes relative to the layers below, coloured and labelled', async () => {
    const root = mount(<ReportView input={threeLayerImage().inputs[0]} cancelled={false} />);
    await frame();
    setValue(tree(root).querySelector<HTMLSelectElement>('select')!, '1');
    await frame();
    setValue(tree(root).querySelector<HTMLInputElement>('input[type=search]')!, '/');
    await frame();
    const mark = (p: string) => rowOf(root, p)?.querySelector<HTMLElement>('.tree-mark');
    expect(mark('app/main.py')!.textContent).toBe('added');
    expect(mark('etc/os-release')!.textContent).toBe('modified');
    expect(mark('usr/bin/old')!.textContent).toBe('deleted');
    // Colour as well as the word.
    const colour = (p: string) => getComputedStyle(mark(p)!).color;
    expect(new Set([colour('app/main.py'), colour('etc/os-release'), colour('usr/bin/old')]).size).toBe(3);
    expect(tree(root).querySelector('.tree-summary')!.textContent).toContain('3 added, 1 modified, 1 deleted');
    // Layer 3: the opaque directory deletes old.conf; new.conf is added.
    setValue(tree(root).querySelector<HTMLSelectElement>('select')!, '2');
    await settle();
    await frame();
    expect(mark('etc/app/old.conf')!.textContent).toBe('deleted');
    expect(mark('etc/app/new.conf')!.textContent).toBe('added');
  });

  it('is virtualised: a 100,000-file image keeps only the rows in view in the DOM', async () => {
    const { hugeLayer } = await import('../../builders/report');
    const root = mount(<ReportView input={hugeLayer().inputs[0]} cancelled={false} />);
    await frame();
    // Open every directory of the first level and count rendered rows.
    for (const b of [...tree(root).querySelectorAll<HTMLButtonElement>('.tree-toggle[aria-expanded=false]')]) b.click();
    await frame();
    expect(tree(root).querySelectorAll('.tree-row').length).toBeLessThan(200);
  });
});
