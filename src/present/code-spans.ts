/**
 * Remedies and summaries mark commands with backticks (`gzip -n`, `SOURCE_DATE_EPOCH`, the
 * page's RichText convention). The written reports keep them as code: `<code>` in HTML, a
 * code span in Markdown — each part escaped for its format, so the text stays as safe as
 * plain text (escape.ts): inside a span nothing is interpreted, outside it `md()`/`h` apply.
 * An odd number of backticks leaves the last one literal, as on the page.
 */
import { MAX_VISIBLE, md, visible } from './escape';
import { h, type Html } from './html-kit';

/** Text and code parts, in order (odd indexes are code). */
export function codeParts(s: string, max = MAX_VISIBLE): string[] {
  const parts = visible(s, max).split('`');
  if (parts.length % 2 === 0) parts[parts.length - 2] += `\`${parts.pop()}`;
  return parts;
}

/** Markdown: text through `md()`, code as a code span (CommonMark §6.1; a part holds no backtick). */
export function mdWithCode(s: string, max = MAX_VISIBLE): string {
  return codeParts(s, max)
    .map((p, i) => {
      if (i % 2 === 0) return p ? md(p, p.length) : '';
      // A span that begins or ends with a space, or is empty, is padded so it stays one (§6.1).
      const pad = p === '' || p.startsWith(' ') || p.endsWith(' ') ? ' ' : '';
      return `\`${pad}${p}${pad}\``;
    })
    .join('');
}

/** HTML: text and code both escaped by `h`. */
export function htmlWithCode(s: string, max = MAX_VISIBLE): Html {
  return h`${codeParts(s, max).map((p, i) => (i % 2 === 1 ? h`<code>${p}</code>` : h`${p}`))}`;
}
