/**
 * zstd error codes and their names. The zstd-wasm 0.0.9 build exports ZSTD_isError but not
 * ZSTD_getErrorName, and its error strings are stripped; a zstd error result is
 * (size_t)-code, so the code is recovered here and named with the strings zstd's
 * lib/common/error_private.c gives for the codes pinned in lib/zstd_errors.h (stable since
 * v1.3.1, "only values < 100 are considered stable").
 */
import type { ErrorCode } from '../../io/errors';

const NAMES: Record<number, string> = {
  1: 'Error (generic)',
  10: 'Unknown frame descriptor',
  12: 'Version not supported',
  14: 'Unsupported frame parameter',
  16: 'Frame requires too much memory for decoding',
  20: 'Data corruption detected',
  22: "Restored data doesn't match checksum",
  24: "Header of Literals' block doesn't respect format specification",
  30: 'Dictionary is corrupted',
  32: 'Dictionary mismatch',
  34: 'Cannot create Dictionary from provided samples',
  40: 'Unsupported parameter',
  41: 'Unsupported combination of parameters',
  42: 'Parameter is out of bound',
  44: 'tableLog requires too much memory : unsupported',
  46: 'Unsupported max Symbol Value : too large',
  48: 'Specified maxSymbolValue is too small',
  50: 'pledged buffer stability condition is not respected',
  60: 'Operation not authorized at current processing stage',
  62: 'Context should be init first',
  64: 'Allocation error : not enough memory',
  66: 'workSpace buffer is not large enough',
  70: 'Destination buffer is too small',
  72: 'Src size is incorrect',
  74: 'Operation on NULL destination buffer',
  80: 'Operation made no progress over multiple calls, due to output buffer being full',
  82: 'Operation made no progress over multiple calls, due to input being empty',
};

/** Named error codes used by the decoder. */
export const ZSTD_ERROR = {
  prefixUnknown: 10,
  windowTooLarge: 16,
  dictionaryWrong: 32,
  memoryAllocation: 64,
} as const;

/** The code inside a zstd size_t error result, as returned through a wasm32 i32. */
export function zstdErrorCode(result: number): number {
  return (0 - (result | 0)) >>> 0;
}

export function zstdErrorName(code: number): string {
  return NAMES[code] ?? `Unspecified error code ${code}`;
}

/**
 * Which tarscope error code a zstd error maps to: a frame asking for more than this
 * decoder can give (window over 2^27 = zstd's default ZSTD_WINDOWLOG_LIMIT_DEFAULT, a
 * dictionary we do not have, memory) is 'unsupported'; the rest is damaged input.
 */
export function tarscopeCodeFor(code: number): ErrorCode {
  switch (code) {
    case ZSTD_ERROR.windowTooLarge:
    case ZSTD_ERROR.dictionaryWrong:
    case ZSTD_ERROR.memoryAllocation:
      return 'unsupported';
    default:
      return 'corrupt';
  }
}
