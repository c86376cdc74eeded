/**
 * The tar reader's errors, one constructor per message so the wording stays exact (tests
 * assert it; README.md lists them). Messages start with "tar: " and carry the absolute
 * offset; with a path (e.g. the layer) they end in " (in <path>)" and set error.path.
 */
import { TarscopeError, type ErrorCode } from '../../io/errors';

export function tarError(code: ErrorCode, offset: number, message: string, path?: string): TarscopeError {
  return new TarscopeError({ code, component: 'tar', offset, path, message: path ? `${message} (in ${path})` : message });
}

export function badChecksum(at: number, first: boolean, stored: string, computed: number, path?: string): TarscopeError {
  // At the stream's first block a bad checksum almost always means the input is not a
  // tar at all (compressed, or another format), so say so.
  const what = first ? 'not a tar archive: bad header checksum' : 'bad header checksum';
  return tarError('corrupt', at, `tar: ${what} at offset ${at}: stored ${stored}, computed ${computed.toString(8)}`, path);
}

export function truncatedHeader(at: number, path?: string): TarscopeError {
  return tarError('truncated', at, `tar: archive truncated inside a header at offset ${at}`, path);
}

export function truncatedData(name: string, at: number, read: number, size: number, path?: string): TarscopeError {
  return tarError('truncated', at, `tar: archive truncated in the data of '${name}' at offset ${at} (${read} of ${size} bytes read)`, path);
}

export function truncatedPadding(name: string, at: number, path?: string): TarscopeError {
  return tarError('truncated', at, `tar: archive truncated in the block padding after '${name}' at offset ${at}`, path);
}

/**
 * Errors raised below the parser (header fields, pax records) do not know which tar they
 * are in: the parser adds its path on the way out.
 */
export function withPath(e: unknown, path: string | undefined): unknown {
  if (!path || !(e instanceof TarscopeError) || e.component !== 'tar' || e.path !== undefined) return e;
  const info = e.toInfo();
  return new TarscopeError({ ...info, path, message: `${info.message} (in ${path})` });
}
