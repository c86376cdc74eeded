/**
 * Making untrusted strings safe to show. Everything that comes from an archive (entry
 * names, link targets, tags, annotations, config values, file contents in evidence) is
 * attacker-controlled: a tar entry name may hold `<script>`, quotes, newlines, ESC
 * sequences that repaint a terminal, or bidi overrides that make `gpj.exe` read as
 * `exe.jpg` (CVE-2021-42574, "Trojan Source"). Two steps, in this order:
 *
 *  1. `visible()` — format-independent: control characters, bidi and invisible formatting
 *     characters become visible escapes (`\n`, `\x1b`, `\u202e`); very long strings are
 *     shortened in the middle. Display only: the JSON report keeps the exact names.
 *  2. a per-format escape: `html()` (text and attribute values), `md()` (Markdown text,
 *     table cells included), or nothing for the terminal (step 1 already removed every
 *     byte a terminal interprets).
 */

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '\\0' };

/**
 * C0 and C1 controls, DEL; bidi embeddings/overrides/isolates and marks (U+061C, U+200E,
 * U+200F, U+202A–U+202E, U+2066–U+2069); zero-width and invisible formatting (U+200B–U+200D,
 * U+2060–U+2064, U+FEFF); line/paragraph separators (U+2028, U+2029); lone surrogates.
 */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Default display cap for one value (a name, a field): long enough for any real path. */
export const MAX_VISIBLE = 1024;

/** Control and formatting characters made visible, then shortened to `max` characters. */
export function visible(s: string, max = MAX_VISIBLE): string {
  const clean = s.replace(UNSAFE, escapeChar);
  return shorten(clean, max);
}

/**
 * At most `max` characters, keeping both ends (where paths differ): "usr/lib/…/libc.so.6".
 * Long caps (≥ 200, names in reports) also say how much was left out.
 */
export function shorten(s: string, max: number): string {
  if (s.length <= max) return s;
  const note = max >= 200 ? ` (${s.length} characters)` : '';
  const keep = Math.max(2, max - 1 - note.length);
  const head = Math.ceil(keep * 0.6);
  return `${s.slice(0, head)}…${s.slice(s.length - (keep - head))}${note}`;
}

/** For HTML text and double- or single-quoted attribute values. */
export function html(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `visible()` then `html()`: the one call for any untrusted string in the HTML report. */
export function htmlText(s: string, max = MAX_VISIBLE): string {
  return html(visible(s, max));
}

/**
 * Markdown text (GitHub-flavoured), safe in paragraphs, list items and table cells:
 * HTML-significant characters and `|` become numeric references (GFM splits table rows on
 * raw `|` before inline parsing, so `&#124;` stays in its cell); the characters that
 * start emphasis, code, links, images, strikethrough and math are backslash-escaped
 * (CommonMark §2.4: any ASCII punctuation may be); so are a leading `-`, `+` or `1.`
 * (lists inside list items). Untrusted text is never put in a code span: a backtick
 * inside one cannot be escaped.
 *
 * GitHub's own references are not Markdown and no escape stops them: GitHub finds `@user`
 * (a mention: a notification to that user) and `#123` (a backlink in that issue) in the
 * rendered text, after `\@` or `&#64;` have become a plain `@` again; only code, links and a
 * character between `@` and the name stop it. So a zero-width space (U+200B) follows every
 * `@` and every `#` before a digit, as Dependabot does in the release notes it quotes: the
 * name still reads the same, nobody is notified, nothing is cross-referenced. (It is ours,
 * after `visible()`: a U+200B in the name itself is shown as `\u200b`.) Known limit: GitHub
 * still autolinks a name that is literally a URL or an e-mail address.
 */
export function md(s: string, max = MAX_VISIBLE): string {
  return visible(s, max)
    .replace(/[\\`*_[\]#!~$]/g, (c) => `\\${c}`)
    .replace(/@|#(?=\d)/g, `$&${MD_REF_BREAK}`) // before the numeric references below add `&#`
    .replace(/[&<>"|]/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/^([-+])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** The zero-width space `md()` puts after `@` and before an issue number (see `md`). */
export const MD_REF_BREAK = '\u200b';

/**
 * A fenced code block for untrusted lines (text-diff evidence): the fence is one backtick
 * longer than the longest run of backticks in the content (CommonMark §4.5: the closing
 * fence must be at least as long), so no line of the content can close it.
 */
export function mdFence(lines: string[], info = ''): string {
  const body = lines.map((l) => visible(l, 400));
  let longest = 2;
  for (const l of body) for (const m of l.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${body.join('\n')}\n${fence}`;
}

/**
 * JSON inside `<script type="application/json">`: `<`, `>` and `&` as \u escapes, so no
 * `</script>` or `<!--` can appear in the element's text (HTML §4.12.1.3); U+2028/2029
 * for old JavaScript parsers; DEL, C1 controls, bidi and invisible formatting characters
 * so that viewing the page source shows nothing reordered or hidden. Still valid JSON:
 * JSON.parse gives back the same value (JSON.stringify already escapes C0 controls and
 * lone surrogates).
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
