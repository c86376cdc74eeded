// Types of scripts/build-wasm.mjs for the Node tests (tests/unit/kernels/wasm-build.test.ts).
/** Pinned Debian package versions of the wasm toolchain. */
export const PINS: Readonly<Record<string, string>>;
/** Each kernel's output file and its translation units in wasm/src. */
export const KERNELS: Readonly<Record<string, readonly string[]>>;
export const CFLAGS: readonly string[];
export const LDFLAGS: readonly string[];
/** dpkg's version of each pinned package: null when not installed, undefined without dpkg. */
export function installedVersions(): Record<string, string | null | undefined>;
/** "pkg: installed X, pinned Y" for each package off its pin. */
export function versionMismatches(versions?: Record<string, string | null | undefined>): string[];
export function toolchain(): { error: string } | { error?: undefined; version: string };
export function build(outDir: string): string[];
export function check(): { skipped: string } | { skipped?: undefined; differ: string[]; cc: string; mismatches: string[] };
export function runCheck(opts?: { required?: boolean }): number;
