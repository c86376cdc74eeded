/**
 * Building HTML so that escaping is the default: the `h` tagged template escapes every
 * interpolated value (strings through `htmlText()`: controls and bidi made visible, then
 * `& < > " '` as character references) unless it is `Html` made by `h` itself or by
 * `trusted()` for our own constants. Values are only ever interpolated into text or into
 * double-quoted attribute values; never into tag names, attribute names, URLs, `style`
 * or `<script>` (the embedded JSON has its own escape, escape.ts `jsonForScript`).
 */
import { htmlText, MAX_VISIBLE } from './escape';

export class Html {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

type Value = Html | string | number | boolean | null | undefined | Value[];

function render(v: Value): string {
  if (v instanceof Html) return v.html;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v === null || v === undefined || v === false || v === true) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return htmlText(String(v), MAX_VISIBLE);
}

export function h(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Html(out);
}

/** For markup and text we wrote ourselves (CSS, fixed labels): never for report data. */
export function trusted(s: string): Html {
  return new Html(s);
}

/** Untrusted text with another length cap than the default. */
export function text(s: string | null | undefined, max: number): Html {
  return new Html(htmlText(s ?? '', max));
}

export function join(items: Html[], sep = ''): Html {
  return new Html(items.map((i) => i.html).join(sep));
}
