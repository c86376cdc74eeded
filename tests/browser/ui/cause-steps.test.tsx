/**
 * The build steps behind a cause on its card (issue 13): the real explainer names the history
 * entry of each layer the differences live in; the card shows it as the Dockerfile had it, one
 * line of at most 100 characters with the whole step in a title, escaped.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { CompareView } from '../../../src/ui/CompareView';
import type { ComparisonReport } from '../../../src/compare/types';
import { explainedComparison, mtimeShift } from '../../builders/comparison';
import { mount, settle, unmountAll } from './dom';
import '../../../src/ui/styles.css';

afterEach(unmountAll);

function view(report: ComparisonReport, width = 1300) {
  return mount(<CompareView report={report} status="done" options={report.options} onOptions={() => {}} ignored={0} />, width);
}

describe('CauseCard: build steps', () => {
  it('a file cause names the steps that made its layers, from the real explainer', async () => {
    const [A, B] = mtimeShift().inputs;
    const r = explainedComparison(A, B);
    const mtime = r.causes.find((c) => c.id === 'file.mtime')!;
    expect(mtime.steps?.map((s) => s.createdBy)).toEqual(['ADD rootfs.tar /', 'COPY app/ /app/']);
    const root = view(r);
    await settle();
    const card = [...root.querySelectorAll('.cause')].find((c) => c.querySelector('.cause-id')!.textContent === 'file.mtime')!;
    const list = page.getByRole('list', { name: /^Build steps of / }).element();
    expect(card.contains(list)).toBe(true);
    expect([...list.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['layer 1 ADD rootfs.tar /', 'layer 2 COPY app/ /app/']);
    // Causes outside the layers name none.
    const created = [...root.querySelectorAll('.cause')].find((c) => c.querySelector('.cause-id')!.textContent === 'config.created')!;
    expect(created.querySelector('.cause-steps')).toBeNull();
  });

  it('a long or hostile step: cut to 100 characters, the whole in the title, controls and bidi as escapes; no overflow at 390 px', async () => {
    const r = structuredClone(mtimeShift());
    const long = `RUN /bin/sh -c echo \u001b[31m \u202eevil ${'x'.repeat(200)} # buildkit`;
    r.causes[0].steps = [{ side: 'b', layer: 1, historyIndex: 2, createdBy: long }];
    await page.viewport(390, 844);
    const root = view(r, 0);
    await settle();
    const code = root.querySelector<HTMLElement>('.cause-step')!;
    expect(code.textContent).toHaveLength(100);
    expect(code.textContent!.startsWith('RUN echo \\x1b[31m \\u202eevil xxx')).toBe(true);
    expect(code.title).toBe(`RUN echo \\x1b[31m \\u202eevil ${'x'.repeat(200)}`);
    expect(root.querySelector('.cause-step-where')!.textContent).toBe('layer 2 of B');
    expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(window.innerWidth);
    expect(code.getBoundingClientRect().right).toBeLessThanOrEqual(390);
  });
});
