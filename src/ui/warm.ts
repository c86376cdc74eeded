/**
 * The engine warmed while the page is idle (issue 14), so that the first archive does not wait
 * for the coordinator Worker, a job Worker and the wasm kernel to start. Only where it costs
 * nothing a person would notice: after the first paint, in idle time (requestIdleCallback; a
 * browser without it is not warmed), on a device with 2 cores or more (the page's main thread
 * keeps one while the Workers start), at least 4 GB of memory where the browser tells
 * (Chromium's `deviceMemory`), and no Data Saver. On 2 cores the start is 200–310 ms of the
 * realistic pair's end to end that the first comparison no longer waits for (issue 14;
 * docs/benchmarks.md "outside the engine").
 */
interface DeviceHints {
  hardwareConcurrency?: number;
  deviceMemory?: number;
  connection?: { saveData?: boolean };
}

export function capableDevice(nav: DeviceHints = navigator as DeviceHints): boolean {
  return (nav.hardwareConcurrency ?? 0) >= 2 && (nav.deviceMemory ?? 4) >= 4 && !nav.connection?.saveData;
}

/** Runs `f` in the first idle period from now on; returns what cancels it. */
export function whenIdle(f: () => void): () => void {
  if (typeof requestIdleCallback !== 'function') return () => {};
  const id = requestIdleCallback(() => f());
  return () => cancelIdleCallback(id);
}
