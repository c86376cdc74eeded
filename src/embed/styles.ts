/**
 * The page's own stylesheets (src/ui/*.css), as text, adapted to a shadow root: the tokens
 * the page sets on `:root` (colours, fonts, light/dark) are set on `:host` instead, and
 * `html`/`body` rules apply to the host. The library build turns the components' plain
 * `import './x.css'` into nothing (vite.embed.config.ts), so no style reaches the host page.
 */
import embedCss from './embed.css?inline';

const sheets = import.meta.glob<string>('../ui/*.css', { query: '?inline', import: 'default', eager: true });

/** styles.css first: it defines the tokens every other sheet uses. */
function ordered(): string[] {
  const names = Object.keys(sheets).sort((x, y) => Number(!x.endsWith('/styles.css')) - Number(!y.endsWith('/styles.css')) || x.localeCompare(y));
  return names.map((n) => sheets[n]);
}

/** `:root`, `html`, `body` as selectors → `:host` (a shadow root has none of them). */
export function forShadow(css: string): string {
  return css.replace(/(^|[\s,{}>+~(])(?::root|html|body)(?=[\s,{:.[)]|$)/gm, '$1:host');
}

let sheet: CSSStyleSheet | null = null;
let text: string | null = null;

export function embedStyles(): string {
  text ??= themed(forShadow([...ordered(), embedCss].join('\n')));
  return text;
}

// Whitespace-tolerant: the library build minifies the CSS (`@media (prefers-color-scheme:dark){:host{…}}`).
const DARK_BLOCK = /@media\s*\(prefers-color-scheme:\s*dark\)\s*\{\s*:host\s*\{([^}]*)\}\s*\}/g;

/**
 * The page follows the OS (`@media (prefers-color-scheme: dark)` on `:root`); the element
 * follows its `theme` attribute or the host page (theme.ts), so its dark tokens apply to
 * `.embed[data-theme='dark']` instead, and it sets no `color-scheme` on the host element (that
 * value is the host page's, which `auto` reads).
 */
export function themed(css: string): string {
  if (!DARK_BLOCK.test(css)) throw new Error('embed styles: the dark tokens block of src/ui/styles.css was not found');
  DARK_BLOCK.lastIndex = 0;
  return css.replace(DARK_BLOCK, ".embed[data-theme='dark'] {$1}").replace(/(:host\s*\{[^}]*?)color-scheme:\s*light dark;?/g, '$1');
}

/** One constructed stylesheet shared by every element on the page (adoptedStyleSheets), or a <style> where that is missing. */
export function applyStyles(root: ShadowRoot): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(embedStyles());
    }
    root.adoptedStyleSheets = [sheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = embedStyles();
  root.append(style);
}
