/**
 * The custom elements: `<tarscope-diff a="URL" b="URL">` and `<tarscope-inspect src="URL">`.
 * Each renders EmbedView (the app's own components) into an open shadow root with the app's
 * CSS adopted there, so the host page's styles do not reach in and ours do not leak out.
 * Attributes are reactive: changing `a`, `b` or `src` aborts the run and starts again;
 * `compact` (or a column narrower than 40rem) shows the verdict and causes only; `app` is the
 * URL of the full app for an "Open in tarscope" link; `theme="light|dark|auto"` sets the colours
 * (auto, the default: the host page's computed `color-scheme`, theme.ts).
 */
import { render } from 'preact';
import { EmbedView } from './EmbedView';
import { applyStyles } from './styles';
import { parseTheme, resolveTheme, watchScheme } from './theme';

abstract class TarscopeElement extends HTMLElement {
  private root: ShadowRoot | null = null;
  private scheduled = false;
  private unwatch: (() => void) | null = null;

  protected abstract urls(): { a: string | null; b: string | null };

  connectedCallback(): void {
    if (!this.root) {
      this.root = this.attachShadow({ mode: 'open' });
      applyStyles(this.root);
    }
    this.unwatch ??= watchScheme(() => this.schedule());
    this.update();
  }

  disconnectedCallback(): void {
    this.unwatch?.();
    this.unwatch = null;
    // Unmounting aborts the run (useRun's cleanup) and terminates the engine's Workers.
    if (this.root) render(null, this.root);
  }

  attributeChangedCallback(_name: string, old: string | null, value: string | null): void {
    if (old === value || !this.isConnected) return;
    this.schedule();
  }

  /** Several attributes set in one task (a and b) start one run, not two. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.update();
    });
  }

  private update(): void {
    if (!this.root) return;
    const { a, b } = this.urls();
    const theme = resolveTheme(parseTheme(this.getAttribute('theme')), this);
    render(<EmbedView a={a} b={b} app={this.getAttribute('app')} theme={theme} />, this.root);
  }
}

export class TarscopeDiffElement extends TarscopeElement {
  static observedAttributes = ['a', 'b', 'app', 'theme'];
  protected urls() {
    return { a: this.getAttribute('a'), b: this.getAttribute('b') };
  }
}

export class TarscopeInspectElement extends TarscopeElement {
  static observedAttributes = ['src', 'app', 'theme'];
  protected urls() {
    return { a: this.getAttribute('src'), b: null };
  }
}

/** Defines both elements (once: a second copy of the script on the page is harmless). */
export function defineElements(registry: CustomElementRegistry = customElements): void {
  if (!registry.get('tarscope-diff')) registry.define('tarscope-diff', TarscopeDiffElement);
  if (!registry.get('tarscope-inspect')) registry.define('tarscope-inspect', TarscopeInspectElement);
}
