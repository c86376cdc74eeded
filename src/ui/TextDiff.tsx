import { useState } from 'preact/hooks';
import type { ContentEvidence } from '../compare/types';
import { sideBySideRows, unifiedRows } from './evidenceRows';

type TextDiffEvidence = Extract<ContentEvidence, { kind: 'text-diff' }>;

const MARK: Record<' ' | '-' | '+', string> = { ' ': ' ', '-': '−', '+': '+' };
const OP_NAME: Record<' ' | '-' | '+', string> = { ' ': 'same', '-': 'only in A', '+': 'only in B' };

/**
 * A line diff of a text file: side by side (A left, B right) or unified, switchable. Removed
 * and added lines are marked with a sign and a colour, and named for screen readers.
 */
export function TextDiff({ evidence, label }: { evidence: TextDiffEvidence; label: string }) {
  const [mode, setMode] = useState<'side' | 'unified'>('side');
  return (
    <figure class="text-diff">
      <figcaption class="evidence-caption">
        <span>Line diff{evidence.truncated ? ' (first hunks only)' : ''}</span>
        {/* biome-ignore lint/a11y/useSemanticElements: two toggle buttons inline in a caption; a fieldset is a block with a legend */}
        <span class="segmented" role="group" aria-label={`Layout of the line diff of ${label}`}>
          <button type="button" class="link-button" aria-pressed={mode === 'side'} onClick={() => setMode('side')}>
            side by side
          </button>
          <button type="button" class="link-button" aria-pressed={mode === 'unified'} onClick={() => setMode('unified')}>
            unified
          </button>
        </span>
      </figcaption>
      <div class="table-scroll">{mode === 'side' ? <SideBySide evidence={evidence} label={label} /> : <Unified evidence={evidence} label={label} />}</div>
    </figure>
  );
}

function SideBySide({ evidence, label }: { evidence: TextDiffEvidence; label: string }) {
  return (
    <table class="diff-table side" aria-label={`Line diff of ${label}, side by side`}>
      <thead>
        <tr>
          <th scope="col" colSpan={2}>
            A
          </th>
          <th scope="col" colSpan={2}>
            B
          </th>
        </tr>
      </thead>
      {evidence.hunks.map((h, i) => (
        <tbody key={i}>
          <tr class="hunk-head">
            <td colSpan={4}>
              @@ A line {h.aStart}, B line {h.bStart} @@
            </td>
          </tr>
          {sideBySideRows(h).map((r, j) => (
            <tr key={j}>
              <td class="ln">{r.a?.no ?? ''}</td>
              <td class={`code op-${opClass(r.a?.op)}`}>{r.a && <Line op={r.a.op} text={r.a.text} />}</td>
              <td class="ln">{r.b?.no ?? ''}</td>
              <td class={`code op-${opClass(r.b?.op)}`}>{r.b && <Line op={r.b.op} text={r.b.text} />}</td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}

function Unified({ evidence, label }: { evidence: TextDiffEvidence; label: string }) {
  return (
    <table class="diff-table unified" aria-label={`Line diff of ${label}, unified`}>
      <thead>
        <tr>
          <th scope="col">A</th>
          <th scope="col">B</th>
          <th scope="col">Line</th>
        </tr>
      </thead>
      {evidence.hunks.map((h, i) => (
        <tbody key={i}>
          <tr class="hunk-head">
            <td colSpan={3}>
              @@ A line {h.aStart}, B line {h.bStart} @@
            </td>
          </tr>
          {unifiedRows(h).map((r, j) => (
            <tr key={j}>
              <td class="ln">{r.aNo ?? ''}</td>
              <td class="ln">{r.bNo ?? ''}</td>
              <td class={`code op-${opClass(r.op)}`}>
                <Line op={r.op} text={r.text} />
              </td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}

function opClass(op: ' ' | '-' | '+' | undefined): string {
  return op === '-' ? 'del' : op === '+' ? 'add' : op === ' ' ? 'same' : 'none';
}

function Line({ op, text }: { op: ' ' | '-' | '+'; text: string }) {
  return (
    <>
      <span class="op" aria-hidden="true">
        {MARK[op]}
      </span>
      {op !== ' ' && <span class="visually-hidden">{OP_NAME[op]}: </span>}
      <span class="text">{text}</span>
    </>
  );
}
