/**
 * The embed's colours: `theme="light|dark|auto"` on the element. `auto` (the default) follows
 * the host page's `color-scheme` — the computed value on the host element, which inherits it
 * from the page (`:root { color-scheme: dark }`, a `<meta name="color-scheme">`, a class that
 * sets it) — not the operating system's preference: a light documentation page gets a light
 * element even on a dark desktop. Only when the page says it supports both ("light dark") is
 * the OS preference the tie-breaker, as the browser itself does for that page (CSS Color
 * Adjustment 1, §2.1: the user agent picks the preferred scheme among the supported ones).
 * A page that says nothing ("normal") is light.
 */
export type Theme = 'light' | 'dark' | 'auto';
export type Scheme = 'light' | 'dark';

export function parseTheme(value: string | null): Theme {
  return value === 'light' || value === 'dark' ? value : 'auto';
}

/** The scheme a `color-scheme` value asks for: "dark", "only light", "light dark", "normal"… */
export function schemeOf(colorScheme: string, prefersDark: boolean): Scheme {
  const named = colorScheme.split(/\s+/).filter((t): t is Scheme => t === 'light' || t === 'dark');
  if (named.includes('light') && named.includes('dark')) return prefersDark ? 'dark' : 'light';
  return named[0] ?? 'light';
}

export function resolveTheme(theme: Theme, host: Element): Scheme {
  if (theme !== 'auto') return theme;
  const prefersDark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  return schemeOf(getComputedStyle(host).colorScheme || 'normal', prefersDark);
}

/**
 * Calls `onChange` when what `auto` depends on may have changed: the OS preference, or the
 * page's root or body attributes (a theme switch sets a class or a `style` there). Returns
 * the function that stops listening.
 */
export function watchScheme(onChange: () => void): () => void {
  const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  media?.addEventListener('change', onChange);
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true });
  if (document.body) observer.observe(document.body, { attributes: true });
  const meta = document.querySelector('meta[name="color-scheme"]');
  if (meta) observer.observe(meta, { attributes: true });
  return () => {
    media?.removeEventListener('change', onChange);
    observer.disconnect();
  };
}
