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
  text ??= forShadow([...ordered(), embedCss].join('\n'));
  return text;
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
