/**
 * The real coordinator Worker (workers/coordinator.worker.ts) that hangs: 200 ms after a
 * comparison starts, its thread spins forever and answers nothing, not even a cancel.
 * For tests/browser/engine/coordinator.test.ts.
 */
import '../../../workers/coordinator.worker';

self.addEventListener('message', (e: MessageEvent) => {
  if ((e.data as { path?: string[] } | null)?.path?.[0] !== 'compare') return;
  setTimeout(() => {
    for (;;);
  }, 200);
});
