/**
 * The real coordinator Worker (workers/coordinator.worker.ts) that crashes: an uncaught error
 * 200 ms after a comparison starts in it, as a bug or an exhausted heap in the coordinator would.
 * For tests/browser/engine/coordinator.test.ts.
 */
import '../../../workers/coordinator.worker';

self.addEventListener('message', (e: MessageEvent) => {
  // Comlink's call message: { type: 'APPLY', path: ['compare'], … }
  if ((e.data as { path?: string[] } | null)?.path?.[0] !== 'compare') return;
  setTimeout(() => {
    throw new Error('boom in the coordinator');
  }, 200);
});
