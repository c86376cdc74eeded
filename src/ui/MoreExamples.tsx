import { useState } from 'preact/hooks';
import { formatCount } from '../present/format';
import { EvidenceItem } from './EvidenceItem';
import type { ExampleGroup } from './evidenceGroups';
import { VirtualList } from './VirtualList';

const ROW = 44;
const VISIBLE_ROWS = 6;

export interface MoreExamplesProps {
  /** How many more there are (the button says it before the list is built). */
  count: number;
  /** The examples after the ones the card shows, built when the list opens. */
  rest: () => ExampleGroup[];
  idPrefix: string;
  causeLabel: string;
  fieldOf: (g: ExampleGroup) => string | undefined;
}

/**
 * "Show N more": the cause's other examples and then its other differences, expanded in
 * place as a virtualised list (VirtualList: one line each, its sentence and place), so a
 * cause of 900 differences stays six rows tall; the chosen one opens under the list with its
 * values and evidence.
 */
export function MoreExamples({ count, rest, idPrefix, causeLabel, fieldOf }: MoreExamplesProps) {
  const [groups, setGroups] = useState<ExampleGroup[] | null>(null);
  const [active, setActive] = useState<number | null>(null);
  const [shown, setShown] = useState<number | null>(null);
  if (count <= 0) return null;
  if (!groups) {
    return (
      <button type="button" class="link-button more-examples" aria-expanded="false" onClick={() => setGroups(rest())}>
        Show {formatCount(count)} more
      </button>
    );
  }
  const pick = (i: number) => {
    setActive(i);
    setShown(i);
  };
  const g = shown == null ? null : groups[shown];
  return (
    <div class="more-examples-open">
      <button type="button" class="link-button more-examples" aria-expanded="true" onClick={() => setGroups(null)}>
        Show fewer
      </button>
      <VirtualList
        count={groups.length}
        rowHeight={ROW}
        height={Math.min(groups.length, VISIBLE_ROWS) * ROW}
        label={`More examples for ${causeLabel}`}
        idPrefix={idPrefix}
        activeIndex={active}
        onActiveChange={pick}
        onActivate={pick}
        className="example-rows"
        renderRow={(i) => (
          <div class="example-row">
            <span class="example-text" title={groups[i].texts[0]}>
              {groups[i].texts[0]}
            </span>
            {groups[i].first.where && (
              <span class="example-where muted" title={groups[i].first.where}>
                {groups[i].first.where}
              </span>
            )}
          </div>
        )}
      />
      {g && (
        <div class="example-shown" aria-live="polite">
          <EvidenceItem group={g} field={fieldOf(g)} as="div" />
        </div>
      )}
    </div>
  );
}
