import { useState } from 'preact/hooks';
import type { ContentEvidence } from '../compare/types';
import { formatCount, plural } from '../present/format';
import { clipHunks, sideBySideRows, unifiedRows } from './evidenceRows';

type TextDiffEvidence = Extract<ContentEvidence, { kind: 'text-diff' }>;

const MARK: Record<' ' | '-' | '+', string> = { ' ': ' ', '-': '−', '+': '+' };
const OP_NAME: Record<' ' | '-' | '+', string> = { ' ': 'same', '-': 'only in A', '+': 'only in B' };

/** Lines a collapsed diff shows (hunk heads included): a whole log diff stays a few rows tall. */
export const COLLAPSED_LINES = 8;

/**
 * A line diff of a text file: side by side (A left, B right) or unified, switchable. Removed
 * and added lines are marked with a sign and a colour, and named for screen readers. A long
 * diff shows its first lines and says how much more there is; "Show the whole diff" expands
 * it in place (in a scroll box of at most 70% of the window).
 */
export function TextDiff({ evidence, label }: { evidence: TextDiffEvidence; label: string }) {
  const [mode, setMode] = useState<'side' | 'unified'>('side');
  const [expanded, setExpanded] = useState(false);
  const lines = evidence.hunks.reduce((n, h) => n + h.lines.length + 1, 0);
  const long = lines > COLLAPSED_LINES + 2;
  const limit = long && !expanded ? COLLAPSED_LINES : null;
  const hidden =
    limit == null
      ? 0
      : lines -
        clipHunks(
          evidence.hunks.map((h) => h.lines),
          limit,
        ).reduce((n, x) => n + (x ? x.length + 1 : 0), 0);
  return (
    <figure class={`text-diff${limit != null ? ' is-collapsed' : ''}`}>
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
      <div class={`table-scroll${expanded ? ' is-expanded' : ''}`}>
        {mode === 'side' ? <SideBySide evidence={evidence} label={label} limit={limit} /> : <Unified evidence={evidence} label={label} limit={limit} />}
      </div>
      {long && (
        <p class="diff-more">
          {!expanded && <span class="muted">{formatCount(hidden)} more lines · </span>}
          <button type="button" class="link-button" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
            {expanded
              ? 'Collapse the line diff'
              : `Show the whole diff (${plural(lines - evidence.hunks.length, 'line')}, ${plural(evidence.hunks.length, 'hunk')})`}
          </button>
        </p>
      )}
    </figure>
  );
}

function SideBySide({ evidence, label, limit }: { evidence: TextDiffEvidence; label: string; limit: number | null }) {
  const rows = clipHunks(
    evidence.hunks.map((h) => sideBySideRows(h)),
    limit,
  );
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
      {evidence.hunks.map((h, i) =>
        rows[i] ? (
          <tbody key={i}>
            <tr class="hunk-head">
              <td colSpan={4}>
                @@ A line {h.aStart}, B line {h.bStart} @@
              </td>
            </tr>
            {rows[i].map((r, j) => (
              <tr key={j}>
                <td class="ln">{r.a?.no ?? ''}</td>
                <td class={`code op-${opClass(r.a?.op)}`}>{r.a && <Line op={r.a.op} text={r.a.text} />}</td>
                <td class="ln">{r.b?.no ?? ''}</td>
                <td class={`code op-${opClass(r.b?.op)}`}>{r.b && <Line op={r.b.op} text={r.b.text} />}</td>
              </tr>
            ))}
          </tbody>
        ) : null,
      )}
    </table>
  );
}

function Unified({ evidence, label, limit }: { evidence: TextDiffEvidence; label: string; limit: number | null }) {
  const rows = clipHunks(
    evidence.hunks.map((h) => unifiedRows(h)),
    limit,
  );
  return (
    <table class="diff-table unified" aria-label={`Line diff of ${label}, unified`}>
      <thead>
        <tr>
          <th scope="col">A</th>
          <th scope="col">B</th>
          <th scope="col">Line</th>
        </tr>
      </thead>
      {evidence.hunks.map((h, i) =>
        rows[i] ? (
          <tbody key={i}>
            <tr class="hunk-head">
              <td colSpan={3}>
                @@ A line {h.aStart}, B line {h.bStart} @@
              </td>
            </tr>
            {rows[i].map((r, j) => (
              <tr key={j}>
                <td class="ln">{r.aNo ?? ''}</td>
                <td class="ln">{r.bNo ?? ''}</td>
                <td class={`code op-${opClass(r.op)}`}>
                  <Line op={r.op} text={r.text} />
                </td>
              </tr>
            ))}
          </tbody>
        ) : null,
      )}
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
