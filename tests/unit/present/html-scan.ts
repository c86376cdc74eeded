/**
 * A strict reader for the HTML our presenter writes, used to check it. Sound because the
 * presenter escapes `<`, `>`, `&` and quotes in every value: so every `<` in the output
 * starts a tag we wrote, every attribute value is double-quoted without `"` or `>` inside,
 * and the only character references are numeric (`&#60;`).
 */
export interface Tag {
  name: string;
  closing: boolean;
  attrs: Record<string, string>;
  raw: string;
}

export function tags(html: string): Tag[] {
  const out: Tag[] = [];
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)) {
    const attrs: Record<string, string> = {};
    const rest = m[3].replace(/\/$/, '');
    const attrRe = /\s+([a-zA-Z-]+)(?:="([^"]*)")?/gy;
    let a: RegExpExecArray | null;
    let end = 0;
    while ((a = attrRe.exec(rest))) {
      attrs[a[1].toLowerCase()] = a[2] ?? '';
      end = attrRe.lastIndex;
    }
    if (rest.slice(end).trim()) throw new Error(`unparsable attributes in ${m[0].slice(0, 200)}`);
    out.push({ name: m[2].toLowerCase(), closing: m[1] === '/', attrs, raw: m[0] });
  }
  return out;
}

/** Numeric character references only (the presenter writes no named ones except none). */
export function decode(s: string): string {
  return s.replace(/&#(x[0-9a-f]+|\d+);/gi, (_, n: string) => String.fromCodePoint(n[0] === 'x' ? parseInt(n.slice(1), 16) : Number(n)));
}

/** The document's text: without <style> and <script> contents, tags removed, references decoded. */
export function textContent(html: string): string {
  const stripped = html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<script[^>]*>[\s\S]*?<\/script>/g, '');
  return decode(stripped.replace(/<[^>]*>/g, ''));
}

/** The contents of the one `<script>` element. */
export function scriptContents(html: string): string[] {
  return [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
}
