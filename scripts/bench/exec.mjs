// Running commands for the benchmark: a shell one-liner (bash -euo pipefail) run to
// completion, optionally timed and with a time limit. Timing is wall-clock around the
// whole process, the way a person would time it with `time`.
import { spawn, spawnSync } from 'node:child_process';

/** Runs a bash script synchronously; throws with its stderr when it fails. */
export function sh(script, { cwd, env, quiet = true } = {}) {
  const r = spawnSync('bash', ['-euo', 'pipefail', '-c', script], {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', quiet ? 'pipe' : 'inherit'],
  });
  if (r.status !== 0) {
    throw new Error(`command failed (${r.status ?? r.signal}): ${script}\n${(r.stderr ?? '').slice(-2000)}`);
  }
  return r.stdout;
}

export function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Runs a bash script asynchronously and times it.
 * Resolves { ms, code, signal, timedOut, stdout, stderr } (never rejects for a failing command).
 */
export function timed(script, { cwd, env, timeoutMs = 0, keepStdout = true } = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    // detached: its own process group, so a timeout can end the whole pipeline.
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      if (keepStdout && stdout.length < 16 << 20) stdout += d;
    });
    child.stderr.on('data', (d) => {
      if (stderr.length < 1 << 20) stderr += d;
    });
    let timedOut = false;
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            try {
              process.kill(-child.pid, 'SIGKILL');
            } catch {}
          }, timeoutMs)
        : null;
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ ms: performance.now() - t0, code, signal, timedOut, stdout, stderr });
    });
  });
}

/** Runs jobs (functions returning promises) with at most `concurrency` at once, in order. */
export async function pool(jobs, concurrency) {
  const results = new Array(jobs.length);
  let next = 0;
  async function lane() {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, lane));
  return results;
}
