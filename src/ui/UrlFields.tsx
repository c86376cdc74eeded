import { useState } from 'preact/hooks';
import type { UrlInputs } from '../remote/params';

/**
 * Archives by URL, next to the file pickers (issue 13): one address field per slot and an
 * "Open" button (Enter in either field opens too). The page opens them exactly as it opens
 * `?a=URL&b=URL` (useRemote: Range requests, the same explanations when a URL fails), and puts
 * them in the address bar so the view can be shared. An empty field leaves its slot as it is.
 */
export function UrlFields({ initial, onOpen }: { initial?: UrlInputs; onOpen: (urls: UrlInputs) => void }) {
  const [a, setA] = useState(initial?.a ?? '');
  const [b, setB] = useState(initial?.b ?? '');
  const submit = (e: Event) => {
    e.preventDefault();
    const urls: UrlInputs = {};
    if (a.trim()) urls.a = a.trim();
    if (b.trim()) urls.b = b.trim();
    if (urls.a || urls.b) onOpen(urls);
  };
  return (
    <form class="url-fields" aria-label="Archives at URLs" onSubmit={submit} noValidate>
      <label class="url-field">
        <span class="url-label">A from a URL</span>
        <input type="url" name="a" inputMode="url" autoComplete="url" placeholder="https://…/a.tar" value={a} onInput={(e) => setA(e.currentTarget.value)} />
      </label>
      <label class="url-field">
        <span class="url-label">B from a URL</span>
        <input type="url" name="b" inputMode="url" autoComplete="url" placeholder="https://…/b.tar" value={b} onInput={(e) => setB(e.currentTarget.value)} />
      </label>
      <button type="submit" class="url-open" disabled={!a.trim() && !b.trim()}>
        Open
      </button>
    </form>
  );
}
