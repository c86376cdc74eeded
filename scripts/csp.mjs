// The Content-Security-Policy of the built page (issue 12 point 7), one directive per need.
// vite.config.ts puts it in index.html as <meta http-equiv="Content-Security-Policy"> at build
// time only (the dev server's HMR client needs ws: and inline modules; the policy is for what
// is shipped); tests/e2e/csp.test.ts checks in Chromium that the page works under it and that
// it blocks an injected inline script. A <meta> policy cannot set frame-ancestors, report-uri
// or sandbox: a host that wants those sends them as a header.
export const CSP_DIRECTIVES = [
  // Everything not named below: only the page's own origin.
  ['default-src', "'self'"],
  // The hashed bundles only: no inline script, no eval. 'wasm-unsafe-eval' lets
  // WebAssembly.instantiate/compile run (zstd, hash-wasm, the kernels) and nothing else that
  // 'unsafe-eval' would allow. The engine's wasm runs in Workers, whose policy comes with their
  // own response (CSP3): in Chromium the page compares archives without it (checked by hand,
  // December 2026). Kept for a browser that gives a Worker its page's policy, and for wasm that
  // may one day run on the main thread.
  ['script-src', "'self' 'wasm-unsafe-eval'"],
  // The engine's coordinator Worker (a same-origin module script started by the page) and the
  // service worker (sw.js). The job Workers are started by the coordinator, under the
  // coordinator's own policy (that of its response, CSP3), not this one.
  ['worker-src', "'self'"],
  // The built stylesheets. Preact sets style properties through the CSSOM (el.style),
  // which style-src does not govern: no 'unsafe-inline'.
  ['style-src', "'self'"],
  // The icons.
  ['img-src', "'self'"],
  // ?a=URL&b=URL (and the URL fields) read archives from any http(s) origin the user names,
  // in Range requests: connect-src cannot list them in advance. http: for servers on a local
  // network or localhost (a page served over https cannot reach them anyway: mixed content).
  ['connect-src', "'self' https: http:"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
];

export const CSP = CSP_DIRECTIVES.map(([k, v]) => `${k} ${v}`).join('; ');

/** The vite plugin: the policy as the first element of <head>, in the build only. */
export function cspMeta() {
  return {
    name: 'tarscope-csp',
    apply: 'build',
    transformIndexHtml() {
      return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }];
    },
  };
}
