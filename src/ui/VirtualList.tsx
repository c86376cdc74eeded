/**
 * A virtualised list with fixed row height: only the rows in view (plus a few above and
 * below) are in the DOM, so 100,000 entries scroll as smoothly as 100.
 *
 * Accessibility: the scroller is a focusable `listbox`; the active row is exposed through
 * `aria-activedescendant`, and each rendered row carries `aria-posinset`/`aria-setsize`
 * so assistive technology knows where it is in the whole list (WAI-ARIA 1.2, listbox).
 * Keys: ↑/↓, PageUp/PageDown, Home/End move the active row and keep it in view;
 * Enter/Space activate it. Clicking a row makes it active.
 *
 * Limit: browsers cap element heights (Firefox near 17.9 million px), so at 28 px per row
 * the spacer stops growing past about 600,000 rows; the layer listings this page shows
 * stay well below that.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface VirtualListProps {
  count: number;
  rowHeight: number;
  /** Accessible name of the list. */
  label: string;
  renderRow: (index: number) => ComponentChildren;
  /** Stable id prefix for row ids (aria-activedescendant). */
  idPrefix: string;
  /** Viewport height in px (CSS can override through the `vlist` class). */
  height?: number;
  activeIndex: number | null;
  onActiveChange: (index: number) => void;
  onActivate?: (index: number) => void;
  /** Other keys on the active row (a tree's ←/→); true when handled. */
  onKey?: (key: string, index: number) => boolean;
  overscan?: number;
  className?: string;
}

export function VirtualList(props: VirtualListProps) {
  const { count, rowHeight, overscan = 6 } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(props.height ?? 480);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    setViewport(el.clientHeight || viewport);
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setViewport(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // When the list shrinks (a filter was typed) the browser clamps scrollTop without always
  // firing "scroll"; render from the clamped value and bring the state in line.
  const maxTop = Math.max(0, count * rowHeight - viewport);
  const top = Math.min(scrollTop, maxTop);
  useEffect(() => {
    const el = scroller.current;
    if (el && el.scrollTop !== scrollTop) setScrollTop(el.scrollTop);
  }, [count, rowHeight]);

  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((top + viewport) / rowHeight) + overscan);
  const pageRows = Math.max(1, Math.floor(viewport / rowHeight) - 1);

  function scrollIntoView(index: number) {
    const el = scroller.current;
    if (!el) return;
    const top = index * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
    setScrollTop(el.scrollTop);
  }

  function move(to: number) {
    if (count === 0) return;
    const index = Math.min(count - 1, Math.max(0, to));
    props.onActiveChange(index);
    scrollIntoView(index);
  }

  function onKeyDown(e: KeyboardEvent) {
    const at = props.activeIndex;
    switch (e.key) {
      case 'ArrowDown':
        move(at == null ? first : at + 1);
        break;
      case 'ArrowUp':
        move(at == null ? first : at - 1);
        break;
      case 'PageDown':
        move((at ?? first) + pageRows);
        break;
      case 'PageUp':
        move((at ?? first) - pageRows);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(count - 1);
        break;
      case 'Enter':
      case ' ':
        if (at != null && props.onActivate) props.onActivate(at);
        break;
      default:
        if (at != null && props.onKey?.(e.key, at)) break;
        return;
    }
    e.preventDefault();
  }

  const rows: ComponentChildren[] = [];
  for (let i = first; i < last; i++) {
    const active = i === props.activeIndex;
    rows.push(
      // biome-ignore lint/a11y/useFocusableInteractive lint/a11y/useKeyWithClickEvents: the listbox pattern (WAI-ARIA APG): focus stays on the listbox, which handles the keys and points at the active row with aria-activedescendant
      <div
        key={i}
        id={`${props.idPrefix}-${i}`}
        role="option"
        aria-selected={active}
        aria-posinset={i + 1}
        aria-setsize={count}
        class={active ? 'vlist-row is-active' : 'vlist-row'}
        style={{ position: 'absolute', top: `${i * rowHeight}px`, left: 0, right: 0, height: `${rowHeight}px` }}
        onClick={() => move(i)}
        onDblClick={() => props.onActivate?.(i)}
      >
        {props.renderRow(i)}
      </div>,
    );
  }

  const active = props.activeIndex != null && props.activeIndex >= first && props.activeIndex < last;
  return (
    <div
      ref={scroller}
      class={`vlist ${props.className ?? ''}`}
      role="listbox"
      tabIndex={0}
      aria-label={props.label}
      aria-activedescendant={active ? `${props.idPrefix}-${props.activeIndex}` : undefined}
      style={{
        overflowY: 'auto',
        position: 'relative',
        height: props.height ? `${props.height}px` : undefined,
        '--vlist-content': `${count * rowHeight}px`,
      }}
      onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div class="vlist-spacer" style={{ position: 'relative', height: `${count * rowHeight}px` }}>
        {rows}
      </div>
    </div>
  );
}
