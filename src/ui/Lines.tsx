/**
 * Lines of text with the breaks as `<br>` elements: a `\n` in a text node would be shown as
 * `\n` (shown.ts escapes every text node, as the CLI escapes names), so a break that is
 * layout (a JSON value pretty-printed, one pax record per line) is an element.
 */
export function Lines({ lines }: { lines: string[] }) {
  return (
    <>
      {lines.map((l, i) => (
        <span key={i}>
          {i > 0 && <br />}
          {l}
        </span>
      ))}
    </>
  );
}
