/** The report's stylesheet, inline (no external requests): system fonts, light and dark. */
export const CSS = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;
--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--add:#dafbe1;--del:#ffebe9;--accent:#0969da}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--soft:#151b23;
--ok:#3fb950;--bad:#f85149;--warn:#d29922;--add:#12261e;--del:#25171c;--accent:#4493f8}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:1200px;margin:0 auto;padding:24px 16px 48px}
h1{font-size:1.5rem;margin:0 0 4px}h2{font-size:1.2rem;margin:32px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:1rem;margin:20px 0 6px}
.muted{color:var(--muted)}.small{font-size:12px}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
code{overflow-wrap:anywhere;unicode-bidi:isolate}
h1 code,h2 code,h3 code,summary code{font-size:.9em}
code.digest{white-space:nowrap;overflow-wrap:normal}
table.values{width:auto;min-width:40%}
pre{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:8px;overflow:auto;margin:6px 0;unicode-bidi:isolate}
table{border-collapse:collapse;width:100%;margin:6px 0}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{font-weight:600;background:var(--soft)}
td.num,th.num{text-align:right;white-space:nowrap}
details{border:1px solid var(--line);border-radius:6px;margin:8px 0;padding:0 12px}
details[open]{padding-bottom:8px}
summary{cursor:pointer;padding:8px 0;font-weight:600}
.verdict{border-radius:8px;padding:12px 16px;margin:16px 0;border:2px solid var(--line)}
.verdict .word{font-weight:700;text-transform:uppercase;margin-right:8px}
.same{border-color:var(--ok)}.same .word{color:var(--ok)}
.different{border-color:var(--bad)}.different .word{color:var(--bad)}
.error{border-color:var(--warn)}.error .word{color:var(--warn)}
.ok{color:var(--ok)}.bad{color:var(--bad)}.warn{color:var(--warn)}
.diff .add{background:var(--add);display:block}.diff .del{background:var(--del);display:block}.diff .ctx{display:block}
.diff .hunk{color:var(--muted);display:block}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:6px 0}dt{color:var(--muted)}dd{margin:0;min-width:0}
ul.evidence{padding-left:18px}ul.evidence li{margin:6px 0}
footer{margin-top:40px;color:var(--muted);font-size:12px}
`;
