/**
 * Archive names on the page are escaped exactly as the CLI escapes them: the one function is
 * src/present/escape.ts `visible()` (control characters, bidi and invisible formatting
 * characters become `\x1b`, `\u202e`, … — "Trojan Source", CVE-2021-42574). Two ways in:
 *
 *  - `shown(s)`: for a string used outside rendering (a document title, a file name offered
 *    to the user, a message built before it reaches a component);
 *  - the render hook below, installed by importing this module (App, ReportView,
 *    CompareView and the embed do): every text node Preact creates, and every string
 *    attribute of a DOM element (`title`, `aria-label`, `alt`, `placeholder`, …), goes
 *    through `visible()` before it reaches the DOM. The page shows hundreds of archive-derived
 *    strings in dozens of components; escaping where the DOM is written cannot miss one.
 *    Form values (`value`, what the user typed) are left as typed; `visible()` is idempotent
 *    (its output holds no character it would escape), so text already escaped
 *    (src/present/step.ts) is unchanged. No shortening here: components shorten where
 *    they choose to.
 *
 * A line break that is layout rather than data is an element (`<br>`, one block per line:
 * `Lines`), never a `\n` in a text node: a `\n` in a text node is shown as `\n`.
 */
import { options } from 'preact';
import { visible } from '../present/escape';

/** The CLI's escape (src/present/escape.ts), with the page's length cap. */
export function shown(s: string, max?: number): string {
  return visible(s, max);
}

const NO_CAP = Number.POSITIVE_INFINITY;
const esc = (s: string) => visible(s, NO_CAP);

/** What the user types (`value`) and the page's own hints (`placeholder`): left as they are. */
const AS_TYPED = new Set(['value', 'defaultValue', 'checked', 'placeholder', 'dangerouslySetInnerHTML', 'children', 'key', 'ref']);

let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  const previous = options.vnode;
  options.vnode = (vnode) => {
    if (vnode.type === null) {
      // A text node: its props is the string (or number) itself.
      const text = vnode.props as unknown;
      if (typeof text === 'string') (vnode as { props: unknown }).props = esc(text);
    } else if (typeof vnode.type === 'string') {
      const props = vnode.props as Record<string, unknown>;
      for (const k in props) {
        const v = props[k];
        if (typeof v === 'string' && !AS_TYPED.has(k)) props[k] = esc(v);
      }
    }
    previous?.(vnode);
  };
}

install();
