/**
 * "Jump to": links from the top of a comparison to the drill-down and the ignore options.
 * Plain `#id` links on the page; inside the embed's shadow root a fragment link does not find
 * its target, so the click scrolls to the element found in the link's own root, and moves
 * focus to it (the heading is made focusable for that).
 */
const TARGETS = [
  { id: 'drill-title', text: 'All differences, by level' },
  { id: 'options-title', text: 'Ignore options' },
];

export function JumpLinks() {
  const go = (e: MouseEvent, id: string) => {
    const root = (e.currentTarget as Node).getRootNode() as Document | ShadowRoot;
    const el = root.getElementById(id);
    if (!el) return;
    e.preventDefault();
    el.scrollIntoView({ block: 'start' });
    if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
    el.focus({ preventScroll: true });
  };
  return (
    <nav class="jump-links" aria-label="Jump to">
      <span class="muted">Jump to:</span>
      {TARGETS.map((t) => (
        <a key={t.id} href={`#${t.id}`} onClick={(e) => go(e, t.id)}>
          {t.text}
        </a>
      ))}
    </nav>
  );
}
