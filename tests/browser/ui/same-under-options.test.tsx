/**
 * The page under ignore options that leave no cause (issue 11 point 5): the badge keeps the
 * literal verdict (verdict.ts: the best verdict still true of the archives) and the line under
 * it says the pair is the same under these options, as the CLI's exit 0 does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CompareView } from '../../../src/ui/CompareView';
import type { ComparisonReport } from '../../../src/compare/types';
import { contentDiffers } from '../../builders/comparison';
import { mount, settle, unmountAll } from './dom';
import '../../../src/ui/styles.css';

afterEach(unmountAll);

function view(report: ComparisonReport, ignored: number) {
  return mount(<CompareView report={report} status="done" options={report.options} onOptions={() => {}} ignored={ignored} />, 1300);
}

describe('CompareView: ignore options that leave no cause', () => {
  it('says "Same under these options" when every difference is ignored, and not while a cause remains', async () => {
    const r = contentDiffers();
    const same: ComparisonReport = {
      ...r,
      options: { ...r.options, timestamps: true },
      causes: [],
      headline: 'Equivalent when ignoring timestamps: only embedded timestamps differ in 2 files (5 ignored differences)',
    };
    const root = view(same, 5);
    await settle();
    expect(root.querySelector('.verdict-badge')!.getAttribute('data-verdict')).toBe('content-differs');
    expect(root.querySelector('.ignored-line')!.textContent).toBe(
      'Same under these options: 5 differences ignored by the options below (they are still listed in the drill-down).',
    );
    expect(root.querySelector('.verdict-sub')!.textContent).not.toMatch(/embedded timestamps/);
    unmountAll();
    const still = view({ ...r, options: { ...r.options, timestamps: true } }, 1);
    await settle();
    expect(still.querySelector('.ignored-line')!.textContent).toBe('1 difference ignored by the options below (they are still listed in the drill-down).');
  });

  it('says how many .pyc/zip/.gz files were not read for embedded timestamps', async () => {
    const r = contentDiffers();
    const root = view({ ...r, stats: { ...r.stats, embeddedTimestamps: { candidates: 9, classified: 6, timestampOnly: 6, notClassified: 3 } } }, 0);
    await settle();
    expect(root.querySelector('.verdict-sub')!.textContent).toMatch(
      / · 3 \.pyc\/zip\/\.gz files not read for embedded timestamps \(they count as content differences\)$/,
    );
  });
});
