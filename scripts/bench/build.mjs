// Builds the app for the benchmark: the working tree (what `npm run build` builds), or with
// --ref a clean snapshot of one commit (`git archive`), so that a run measures committed code
// while others edit the tree. Returns { commit } — what the doc names as measured.
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './cache.mjs';
import { sh } from './exec.mjs';

function commitOf(ref) {
  try {
    return sh(`git -C '${ROOT}' rev-parse --short ${ref}`).trim();
  } catch {
    return null;
  }
}

export function buildApp(outDir, { ref } = {}) {
  const viteBuild = (cwd) => sh(`npx vite build --logLevel warn --outDir '${outDir}' --emptyOutDir`, { cwd });
  if (!ref) {
    viteBuild(ROOT);
    let commit = commitOf('HEAD');
    try {
      if (commit && sh(`git -C '${ROOT}' status --porcelain -- src workers wasm index.html vite.config.ts public`).trim()) commit += ' + uncommitted changes';
    } catch {}
    return { commit, source: 'working tree' };
  }
  const commit = commitOf(ref);
  if (!commit) throw new Error(`--ref ${ref}: not a commit of this repository`);
  const dir = mkdtempSync(join(tmpdir(), 'tarscope-bench-src-'));
  try {
    sh(`git -C '${ROOT}' archive --format=tar ${commit} | tar -x -C '${dir}'`);
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    viteBuild(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { commit, source: `git archive ${ref}` };
}
