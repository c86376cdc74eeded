// Run by `npm test` (scripts/test.mjs): rebuilds wasm/*.wasm from wasm/src when Debian's
// clang with the wasm32-wasi target is present and fails if any byte differs from the
// committed files; without the toolchain it says the check was skipped and why (exit 0).
import { check } from './build-wasm.mjs';

const r = check();
if (r.skipped) {
  console.log(r.skipped);
} else if (r.differ.length) {
  console.error(`wasm check FAILED: ${r.differ.join(', ')} differ from a rebuild with ${r.cc}. Run npm run build:wasm and commit the result.`);
  process.exit(1);
} else {
  console.log(`wasm check: rebuilt byte-identical with ${r.cc}`);
}
