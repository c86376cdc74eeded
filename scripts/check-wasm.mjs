// Run by `npm test` (scripts/test.mjs): rebuilds wasm/*.wasm from wasm/src with the pinned
// toolchain (scripts/build-wasm.mjs) and fails if any byte differs from the committed files,
// naming any package that is not at its pinned version. Without the toolchain it says the
// check was skipped and why (exit 0), unless TARSCOPE_WASM_CHECK=required (CI: .ci/run).
import { runCheck } from './build-wasm.mjs';

process.exit(runCheck());
