/**
 * Small screens (issue 11, point 8): no horizontal overflow of the page at 390 px, nor of the
 * embed's shadow root at 320 px, with long hex names, digests and paths in every panel
 * (causes, evidence, inputs, drill-down); what is cut keeps its full value on hover and focus.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'preact';
import type { ComparisonReport } from '../../../src/compare/types';
import { App } from '../../../src/ui/App';
import { CompareView } from '../../../src/ui/CompareView';
import { applyStyles } from '../../../src/embed/styles';
import { longEvidenceComparison } from '../../builders/long-evidence';
import { contentDiffers, unreadableB } from '../../builders/comparison';
import { fakeHex, threeLayerImage } from '../../builders/report';
import { frame, mount, pickFile, settle, unmountAll } from './dom';
import { FakeEngine } from './fakeEngine';
import '../../../src/ui/styles.css';

afterEach(unmountAll);
afterAll(async () => {
  await page.viewport(1280, 900);
});

/** Long unbroken names everywhere: a 64-hex file name, a deep path, a long archive name. */
function longNames(): ComparisonReport {
  const r = structuredClone(contentDiffers());
  const hex = fakeHex('a long name');
  r.inputs[0].name = `${hex}-image-export-for-the-release.tar`;
  r.inputs[1].name = `${hex}-image-export-for-the-release-rebuilt.tar`;
  for (const c of r.causes) for (const e of c.evidence) e.where = `layer #1 (blobs/sha256/${hex}) · usr/lib/python3/dist-packages/${hex}/__init__.py`;
  return r;
}

/** Elements wider than their scroll container's visible width (what overflows, for the message). */
function overflowing(root: ParentNode, width: number): string[] {
  const list = overflowingList(root, width);
  if (list.length) console.log(`overflow past ${width}px:\n${list.join('\n')}`);
  return list;
}

function overflowingList(root: ParentNode, width: number): string[] {
  return [...root.querySelectorAll<HTMLElement>('*')]
    .filter((el) => !el.matches('.visually-hidden') && (el.closest('.table-scroll, .vlist') === null || el.matches('.table-scroll, .vlist')))
    .filter((el) => el.getBoundingClientRect().right > width + 1 || (!el.matches('.table-scroll, .vlist') && el.scrollWidth > el.clientWidth + 1))
    .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} → ${Math.round(el.getBoundingClientRect().right)}`)
    .slice(0, 40);
}

describe('the page at 390 px', () => {
  beforeAll(async () => {
    await page.viewport(390, 844);
  });

  for (const [name, report] of [
    ['long names', longNames],
    ['a debootstrap-shaped report', () => longEvidenceComparison({ mtimes: 60, texts: 6 })],
    ['an unreadable B', unreadableB],
  ] as const) {
    it(`does not overflow horizontally: ${name}`, async () => {
      const engine = new FakeEngine();
      const root = mount(<App engine={engine} />);
      pickFile(page.getByLabelText('Archive A', { exact: true }).element() as HTMLInputElement, new File(['x'], 'a.tar'));
      await settle();
      pickFile(page.getByLabelText('Archive B', { exact: true }).element() as HTMLInputElement, new File(['x'], 'b.tar'));
      await settle();
      engine.finishCompare(report());
      await frame();
      expect(overflowing(root, window.innerWidth).join('\n')).toBe('');
      expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(window.innerWidth);
      if (name === 'long names') await page.screenshot({ path: '../../.out/narrow-390.png', save: true });
    });
  }

  it('does not overflow horizontally: one archive inspected, with a 64-hex name', async () => {
    const engine = new FakeEngine();
    const root = mount(<App engine={engine} />);
    pickFile(page.getByLabelText('Archive A', { exact: true }).element() as HTMLInputElement, new File(['x'], 'a.tar'));
    await settle();
    const report = threeLayerImage();
    report.inputs[0].name = `${fakeHex('inspected')}-export.tar`;
    engine.finish(report);
    await frame();
    expect(overflowing(root, window.innerWidth).join('\n')).toBe('');
    expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(window.innerWidth);
  });

  it('what is cut on screen (an ellipsis) keeps its full value in a title and can take focus; the rest wraps', async () => {
    const r = longNames();
    const root = mount(<CompareView report={r} status="done" options={r.options} onOptions={() => {}} ignored={0} />);
    await frame();
    // The names wrap: the whole of them is on screen.
    for (const n of root.querySelectorAll<HTMLElement>('.filename')) expect(n.scrollWidth).toBeLessThanOrEqual(n.clientWidth + 1);
    // Open the other examples too (their rows are cut with an ellipsis).
    for (const b of root.querySelectorAll<HTMLButtonElement>('button.more-examples')) b.click();
    await frame();
    const cut = [...root.querySelectorAll<HTMLElement>('*')].filter(
      (el) => getComputedStyle(el).textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1 && !el.closest('.is-collapsed'),
    );
    expect(cut.length).toBeGreaterThan(0);
    for (const el of cut) {
      const holder = el.closest<HTMLElement>('[title]');
      expect(holder?.title, el.className).toBe(el.textContent);
      // A row of a virtualised list is reached with the keyboard through its listbox (the active
      // row's details show the whole value); anything else that is cut takes focus itself.
      if (!el.closest('[role=option]')) expect(holder!.tabIndex, el.className).toBe(0);
    }
  });
});

describe('the embed at 320 px', () => {
  it('the shadow root does not overflow: verdict, causes, evidence, errors', async () => {
    await page.viewport(390, 844);
    for (const report of [longNames(), unreadableB(), longEvidenceComparison({ mtimes: 60, texts: 6 })]) {
      const host = document.createElement('div');
      host.style.width = '320px';
      document.body.append(host);
      const shadow = host.attachShadow({ mode: 'open' });
      applyStyles(shadow);
      const inner = document.createElement('div');
      inner.className = 'embed';
      shadow.append(inner);
      render(<CompareView report={report} status="done" options={report.options} onOptions={() => {}} ignored={0} />, inner);
      await frame();
      expect(overflowing(shadow, 320 + host.getBoundingClientRect().left).join('\n')).toBe('');
      expect(inner.scrollWidth).toBeLessThanOrEqual(inner.clientWidth);
      render(null, inner);
      host.remove();
    }
  });
});
