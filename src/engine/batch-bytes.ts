/** Batches byte-count callbacks so a worker posts at most ~20 progress messages a second. */
export function batchBytes(cb?: (n: number) => void, everyMs = 50) {
  let pending = 0;
  let last = 0;
  const flush = () => {
    if (cb && pending !== 0) void cb(pending);
    pending = 0;
    last = Date.now();
  };
  return {
    add: (n: number) => {
      pending += n;
      if (Date.now() - last >= everyMs) flush();
    },
    flush,
  };
}
