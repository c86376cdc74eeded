/**
 * Evidence fits a screen (issue 11, point 6): on a report shaped like the realistic
 * debootstrap pair (~900 mtime differences, ~30 text files with long log diffs, each example
 * repeated per detail by the evidence pass) the report above the drill-down stays within
 * about three screen heights at 1280×900; a card shows 3–5 examples, each once; "show N
 * more" opens a virtualised list in place; long line diffs show their first lines and expand.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { ComparisonReport } from '../../../src/compare/types';
import { CompareView } from '../../../src/ui/CompareView';
import { COLLAPSED_LINES } from '../../../src/ui/TextDiff';
import { longEvidenceComparison } from '../../builders/long-evidence';
import { frame, mount, settle, unmountAll } from './dom';
import '../../../src/ui/styles.css';

afterEach(unmountAll);
beforeAll(async () => {
  await page.viewport(1280, 900);
});

function view(report: ComparisonReport) {
  return mount(<CompareView report={report} status="done" options={report.options} onOptions={() => {}} ignored={0} />);
}

function card(root: HTMLElement, id: string): HTMLElement {
  return [...root.querySelectorAll<HTMLElement>('.cause')].find((c) => c.querySelector('.cause-id')?.textContent === id)!;
}

describe('bounded evidence on a debootstrap-shaped report', () => {
  const r = longEvidenceComparison();

  it('has the shape of the realistic pair (the test is about that shape)', () => {
    const content = r.causes.find((c) => c.id === 'file.content')!;
    const mtime = r.causes.find((c) => c.id === 'file.mtime')!;
    expect(content.count).toBe(30);
    expect(mtime.count).toBeGreaterThanOrEqual(900);
    // The evidence pass repeated each example once per detail (line diff + recognised kind).
    expect(content.evidence.length).toBe(2 * new Set(content.evidence.map((e) => e.difference)).size);
    expect(content.evidence.some((e) => e.detail?.kind === 'text-diff' && e.detail.hunks.reduce((n, h) => n + h.lines.length, 0) >= 300)).toBe(true);
  });

  it('keeps everything above the drill-down within 3 screen heights at 1280×900, and the file.content card under one', async () => {
    const root = view(r);
    await frame();
    const top = root.getBoundingClientRect().top;
    const drill = root.querySelector('.drill')!.getBoundingClientRect().top - top;
    expect(drill).toBeLessThanOrEqual(3 * 900);
    const content = card(root, 'file.content');
    // What a person sees (tests/.out is git-ignored): the whole report, and the content card.
    await page.screenshot({ path: '../../.out/bounded-evidence-1280.png', element: root, save: true });
    await page.screenshot({ path: '../../.out/bounded-evidence-content-card.png', element: content, save: true });
    expect(content.getBoundingClientRect().height).toBeLessThanOrEqual(1.5 * 900);
    expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(window.innerWidth);
  });

  it('shows 3 examples of file.content, each difference once, with its line diff and recognised kind once', async () => {
    const root = view(r);
    await settle();
    const c = card(root, 'file.content');
    const items = [...c.querySelectorAll('.evidence-list > .evidence')];
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.length).toBeLessThanOrEqual(5);
    const wheres = items.map((i) => i.querySelector('.evidence-where')!.textContent);
    expect(new Set(wheres).size).toBe(wheres.length);
    for (const i of items) {
      expect(i.querySelectorAll('.text-diff')).toHaveLength(1);
      expect(i.querySelectorAll('.recognised')).toHaveLength(1);
    }
    // The human title first, the id second.
    const h = c.querySelector('h3')!;
    expect(h.firstElementChild!.classList.contains('cause-name')).toBe(true);
    expect(h.querySelector('.cause-name')!.textContent).not.toContain('.');
  });

  it('a long line diff shows its first lines; "Show the whole diff" expands it in place and collapses again', async () => {
    const root = view(r);
    await settle();
    const fig = card(root, 'file.content').querySelector<HTMLElement>('.text-diff')!;
    const rows = () => fig.querySelectorAll('tbody tr').length;
    expect(rows()).toBeLessThanOrEqual(COLLAPSED_LINES);
    const more = fig.querySelector<HTMLButtonElement>('.diff-more button')!;
    expect(more.getAttribute('aria-expanded')).toBe('false');
    expect(more.textContent).toMatch(/^Show the whole diff \(\d[\d,]* lines, 3 hunks\)$/);
    expect(fig.querySelector('.diff-more')!.textContent).toMatch(/\d[\d,]* more lines/);
    more.click();
    await frame();
    expect(fig.querySelectorAll('tr.hunk-head')).toHaveLength(3);
    expect(rows()).toBeGreaterThan(200);
    // Expanded, it scrolls in a box instead of growing the page.
    expect(fig.querySelector('.table-scroll')!.getBoundingClientRect().height).toBeLessThanOrEqual(0.7 * 900 + 1);
    fig.querySelector<HTMLButtonElement>('.diff-more button')!.click();
    await frame();
    expect(rows()).toBeLessThanOrEqual(COLLAPSED_LINES);
  });

  it('"Show N more" expands in place to a virtualised list of the other examples and differences; one opens with its evidence', async () => {
    const root = view(r);
    await settle();
    const c = card(root, 'file.content');
    const shown = c.querySelectorAll('.evidence-list > .evidence').length;
    const btn = c.querySelector<HTMLButtonElement>('button.more-examples')!;
    expect(btn.textContent).toBe(`Show ${30 - shown} more`);
    btn.click();
    await frame();
    const list = c.querySelector<HTMLElement>('.more-examples-open [role=listbox]')!;
    expect(list.getAttribute('aria-label')).toBe('More examples for File contents differ');
    const options = list.querySelectorAll('[role=option]');
    expect(options[0].getAttribute('aria-setsize')).toBe(String(30 - shown));
    expect(list.getBoundingClientRect().height).toBeLessThanOrEqual(6 * 44 + 2);
    // The examples on the card are not listed again.
    const onCard = new Set([...c.querySelectorAll('.evidence-list .evidence-where')].map((e) => e.textContent!.replace('Where: ', '')));
    const listed = [...list.querySelectorAll('.example-where')].map((e) => e.textContent!);
    for (const w of listed) expect(onCard.has(w)).toBe(false);
    (options[0] as HTMLElement).click();
    await frame();
    const opened = c.querySelector('.example-shown .evidence')!;
    expect(opened.querySelectorAll('.text-diff')).toHaveLength(1);
    // The mtime cause: 900 differences, a few examples, the rest in the same bounded list.
    const m = card(root, 'file.mtime');
    const mb = m.querySelector<HTMLButtonElement>('button.more-examples')!;
    mb.click();
    await frame();
    const ml = m.querySelector<HTMLElement>('.more-examples-open [role=listbox]')!;
    expect(Number(ml.querySelector('[role=option]')!.getAttribute('aria-setsize'))).toBeGreaterThan(800);
    expect(ml.querySelectorAll('[role=option]').length).toBeLessThan(30);
  });

  it('jump links lead to the drill-down and the ignore options', async () => {
    const root = view(r);
    await settle();
    const links = [...root.querySelectorAll<HTMLAnchorElement>('.jump-links a')];
    expect(links.map((a) => a.textContent)).toEqual(['All differences, by level', 'Ignore options']);
    links[0].click();
    await frame();
    expect(document.activeElement?.id).toBe('drill-title');
    const at = document.getElementById('drill-title')!.getBoundingClientRect().top;
    expect(at).toBeGreaterThanOrEqual(0);
    expect(at).toBeLessThan(window.innerHeight);
    links[1].click();
    await frame();
    expect(document.activeElement?.id).toBe('options-title');
  });
});
