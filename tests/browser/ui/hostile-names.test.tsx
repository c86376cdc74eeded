/**
 * Issue 12 point 7: archive names on the page are escaped exactly as the CLI escapes them —
 * no raw control, bidi or invisible formatting character anywhere in the DOM (text nodes and
 * attributes), and the escaped form is the CLI text presenter's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { inspectionText } from '../../../src/present/text';
import { CompareView } from '../../../src/ui/CompareView';
import { ReportView } from '../../../src/ui/ReportView';
import { hostileComparison } from '../../unit/present/hostile';
import { fileRecord, imageReport, inputReport, inspectionReport, layerReport } from '../../builders/report';
import { mount, settle, unmountAll } from './dom';
import '../../../src/ui/styles.css';

afterEach(unmountAll);

const RLO = '\u202e';
const HOSTILE = {
  bidi: `app/${RLO}gnp.exe`,
  esc: 'etc/\u001b[31mred\u001b[0m.conf',
  bel: 'usr/bin/ring\u0007bell',
  isolate: 'opt/\u2066left\u2069.txt',
  nul: 'var/nul\u0000byte',
  mention: 'docs/@octocat-notes.md',
};
const ESCAPED = {
  bidi: 'app/\\u202egnp.exe',
  esc: 'etc/\\x1b[31mred\\x1b[0m.conf',
  bel: 'usr/bin/ring\\x07bell',
  isolate: 'opt/\\u2066left\\u2069.txt',
  nul: 'var/nul\\0byte',
  mention: 'docs/@octocat-notes.md',
};

/** Control, bidi and invisible formatting characters (src/present/escape.ts's set). */
const RAW = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

function hostileReport() {
  const files = [
    fileRecord('app/'),
    fileRecord(HOSTILE.bidi, { size: 10 }),
    fileRecord(HOSTILE.esc, { size: 11 }),
    fileRecord(HOSTILE.bel, { type: 'symlink', linkname: `../${RLO}evil`, size: 0 }),
    fileRecord(HOSTILE.isolate, { size: 12 }),
    fileRecord(HOSTILE.nul, { size: 13 }),
    fileRecord(HOSTILE.mention, { size: 14 }),
  ];
  const image = imageReport([layerReport(0, files, { createdBy: `RUN echo ${RLO}hi \u001b[2J` })], {
    tags: [`example.com/${RLO}app:1.0`],
    history: [{ created: '2024-03-01T10:00:00Z', created_by: `RUN echo ${RLO}hi \u001b[2J` }],
  });
  const input = inputReport({
    name: `x${RLO}rat.tar`,
    images: [image],
    warnings: [{ code: 'no-end-marker', message: `entry ${HOSTILE.bel}: no end marker` }],
  } as never);
  return inspectionReport(input);
}

/** Every text node and every attribute value under root, with where it is. */
function everyString(root: Element): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let n: Node | null = walker.currentNode; n; n = walker.nextNode()) {
    if (n.nodeType === Node.TEXT_NODE) out.push({ where: `text in <${n.parentElement?.tagName}>`, text: n.nodeValue ?? '' });
    else for (const a of (n as Element).attributes) out.push({ where: `${(n as Element).tagName}[${a.name}]`, text: a.value });
  }
  return out;
}

describe('the page under hostile names', () => {
  it('shows no raw control or bidi character in any text node or attribute; names read as the CLI prints them', async () => {
    const report = hostileReport();
    const root = mount(<ReportView input={report.inputs[0]} cancelled={false} />);
    await settle();
    // Open every file's details too (titles, link target, pax), one after the other.
    const rows = [...root.querySelectorAll<HTMLElement>('[role=option]')];
    expect(rows.length).toBeGreaterThan(0);
    const seen = new Set<string>();
    for (const row of rows) {
      row.click();
      await settle();
      for (const s of everyString(root)) {
        if (RAW.test(s.text)) seen.add(`${s.where}: ${JSON.stringify(s.text)}`);
      }
    }
    for (const s of everyString(root)) if (RAW.test(s.text)) seen.add(`${s.where}: ${JSON.stringify(s.text)}`);
    expect([...seen]).toEqual([]);

    const pageText = root.textContent!;
    const cli = inspectionText(report, { files: true } as never);
    for (const k of Object.keys(ESCAPED) as (keyof typeof ESCAPED)[]) {
      expect(pageText, k).toContain(ESCAPED[k]);
    }
    // The CLI's escaped form of the same strings is the page's.
    for (const s of ['x\\u202erat.tar', 'example.com/\\u202eapp:1.0', 'RUN echo \\u202ehi \\x1b[2J']) {
      expect(cli).toContain(s);
      expect(pageText).toContain(s);
    }
    const titles = [...root.querySelectorAll('[title], [aria-label]')].map((e) => `${e.getAttribute('title') ?? ''} ${e.getAttribute('aria-label') ?? ''}`);
    expect(titles.some((t) => t.includes('\\u202e'))).toBe(true);
  });

  it('a comparison: causes, examples, the drill-down and the selected difference show no raw control or bidi character either', async () => {
    const report = hostileComparison();
    const root = mount(<CompareView report={report} status="done" options={report.options} onOptions={() => {}} ignored={0} />, 1300);
    await settle();
    // The ignore options' placeholder is the page's own two-line hint (never archive text).
    const raw = () =>
      everyString(root)
        .filter((s) => RAW.test(s.text) && !s.where.endsWith('[placeholder]'))
        .map((s) => `${s.where}: ${JSON.stringify(s.text)}`);
    expect(raw()).toEqual([]);
    // Open every tab of the drill-down and select its first difference.
    for (const tab of [...root.querySelectorAll<HTMLElement>('[role=tab]')]) {
      tab.click();
      await settle();
      root.querySelector<HTMLElement>('[role=option]')?.click();
      await settle();
      expect(raw()).toEqual([]);
    }
    expect(root.textContent).toContain('invoice\\u202egpj.exe');
  });
});
