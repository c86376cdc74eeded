/**
 * Opening archives given as URLs (`?a=URL&b=URL` on the page, the embed's attributes):
 * src/remote is imported on first use only, so a page opened without URLs loads none of it.
 * Each side is `opening` (with download progress when the server ignores Range), `open`
 * (a Source for the page's slots) or `failed` (a RemoteProblem the page explains). Opening
 * again aborts what was being opened; a late answer is dropped.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RemoteProblem } from '../remote/errors';
import type { UrlInputs } from '../remote/params';
import type { Side, Slots, Source } from './sources';

export interface RemoteSlot {
  side: Side;
  url: string;
  state: 'opening' | 'open' | 'failed';
  /** Bytes read so far when the server ignores Range and the archive is read whole. */
  loaded?: number;
  total?: number | null;
  source?: Source;
  problem?: RemoteProblem;
}

function asProblem(url: string, e: unknown): RemoteProblem {
  if (e && typeof e === 'object' && 'failure' in e && 'fixes' in e) {
    const r = e as RemoteProblem;
    return { url: r.url, failure: r.failure, message: r.message, fixes: r.fixes };
  }
  // The remote module itself did not load (offline before it was cached, say).
  return { url, failure: 'unreachable', message: `The page could not load its URL reader: ${e instanceof Error ? e.message : String(e)}.`, fixes: [] };
}

export function useRemote() {
  const [slots, setSlots] = useState<RemoteSlot[]>([]);
  const current = useRef<AbortController | null>(null);

  /**
   * Opens the URLs; when every one is open, calls `then` with the Sources (only then: a
   * comparison with one side missing would say nothing useful, the error panel does).
   */
  function open(urls: UrlInputs, then: (sources: Partial<Slots>) => void): void {
    current.current?.abort();
    const ac = new AbortController();
    current.current = ac;
    const sides = (['a', 'b'] as const).filter((s) => urls[s]);
    const live = () => current.current === ac;
    const patch = (side: Side, p: Partial<RemoteSlot>) => {
      if (live()) setSlots((all) => all.map((s) => (s.side === side ? { ...s, ...p } : s)));
    };
    setSlots(sides.map((side) => ({ side, url: urls[side]!, state: 'opening' })));
    if (!sides.length) return;
    void import('../remote/open').then(
      async ({ openUrl }) => {
        const results = await Promise.all(
          sides.map(async (side) => {
            try {
              const r = await openUrl(urls[side]!, {
                signal: ac.signal,
                onDownload: (loaded, total) => patch(side, { loaded, total }),
              });
              const source: Source = { name: r.name, size: r.size, blob: r.blob, remote: { url: r.url, mode: r.mode } };
              patch(side, { state: 'open', source, url: r.url });
              return [side, source] as const;
            } catch (e) {
              if (!ac.signal.aborted) patch(side, { state: 'failed', problem: asProblem(urls[side]!, e) });
              return null;
            }
          }),
        );
        if (!live() || results.some((r) => r === null)) return;
        then(Object.fromEntries(results.map((r) => r!)) as Partial<Slots>);
      },
      (e) => {
        for (const side of sides) patch(side, { state: 'failed', problem: asProblem(urls[side]!, e) });
      },
    );
  }

  function clear(): void {
    current.current?.abort();
    current.current = null;
    setSlots([]);
  }

  useEffect(() => () => current.current?.abort(), []);

  return { slots, open, clear };
}
