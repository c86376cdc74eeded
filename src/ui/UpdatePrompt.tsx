import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * The offline app's update rule: a new version never traps anyone on the old one, and never
 * throws away a report on screen. When a new service worker is waiting:
 * - the page is idle (nothing opened): it activates at once and the page reloads into it;
 * - a report is on screen or a run is going: a "Reload" button is offered instead, and the
 *   new version takes over as soon as the page is idle again (or at the next visit, when
 *   every tab of the old one has closed — the browser's own rule).
 */
export function UpdatePrompt({ idle }: { idle: boolean }) {
  const [waiting, setWaiting] = useState(false);
  const [offlineReady, setOfflineReady] = useState(false);
  const update = useRef<((reload?: boolean) => Promise<void>) | null>(null);

  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    import('./pwa').then(
      ({ register }) => {
        update.current = register({ onNeedRefresh: () => setWaiting(true), onOfflineReady: () => setOfflineReady(true) });
      },
      () => {}, // no service worker: the page still works online
    );
  }, []);

  useEffect(() => {
    if (waiting && idle) void update.current?.(true);
  }, [waiting, idle]);

  if (waiting && !idle) {
    return (
      <p class="update-prompt" role="status">
        A new version of tarscope is ready.{' '}
        <button type="button" class="button" onClick={() => void update.current?.(true)}>
          Reload
        </button>{' '}
        <span class="muted">(the report on screen will be closed; export it first if you need it)</span>
      </p>
    );
  }
  if (offlineReady) {
    return (
      <p class="update-prompt muted" role="status">
        Ready to work offline.
      </p>
    );
  }
  return null;
}
