/**
 * Text with `backticked` spans shown as code, for remedies and summaries that name commands
 * (`gzip -n`, `SOURCE_DATE_EPOCH`). Only the backtick convention: no HTML is ever interpreted.
 */
export function RichText({ text }: { text: string }) {
  const parts = text.split('`');
  // An odd number of backticks leaves the last one literal.
  if (parts.length % 2 === 0) parts[parts.length - 2] += '`' + parts.pop();
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 1 ? (
          <code key={i} class="command">
            {p}
          </code>
        ) : (
          p
        ),
      )}
    </>
  );
}
