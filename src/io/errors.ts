/**
 * Every error tarscope raises names the component that failed and the place
 * (STYLE.md habit 6): "gzip: CRC32 mismatch in member 2 (offset 10485760): ...".
 * `code` maps onto the causes of causes.md: truncated -> input.truncated,
 * corrupt -> input.corrupt, unsupported -> input.unsupported.
 */
export type ErrorCode = 'truncated' | 'corrupt' | 'unsupported' | 'cancelled' | 'internal';

export interface ErrorInfo {
  code: ErrorCode;
  /** e.g. 'tar', 'gzip', 'zstd', 'docker archive', 'OCI layout', 'manifest.json' */
  component: string;
  message: string;
  /** byte offset in the stream the component reads, when known */
  offset?: number;
  /** where in the archive: outer entry name, layer, file inside a layer */
  path?: string;
}

export class TarscopeError extends Error {
  readonly code: ErrorCode;
  readonly component: string;
  readonly offset?: number;
  readonly path?: string;

  constructor(info: ErrorInfo) {
    super(formatError(info));
    this.name = 'TarscopeError';
    this.code = info.code;
    this.component = info.component;
    this.offset = info.offset;
    this.path = info.path;
  }

  toInfo(): ErrorInfo {
    const detail = this.message;
    return { code: this.code, component: this.component, message: detail, offset: this.offset, path: this.path };
  }
}

export function formatError(info: ErrorInfo): string {
  // The message is already prefixed with the component by callers that build it through
  // this function; avoid a double prefix when an info is formatted twice.
  if (info.message.startsWith(info.component + ':')) return info.message;
  const where: string[] = [];
  if (info.path) where.push(`in ${info.path}`);
  if (info.offset !== undefined) where.push(`at offset ${info.offset}`);
  return `${info.component}: ${info.message}${where.length ? ` (${where.join(', ')})` : ''}`;
}

/** Normalises anything thrown into an ErrorInfo, keeping TarscopeError's fields. */
export function toErrorInfo(e: unknown, component = 'tarscope'): ErrorInfo {
  if (e instanceof TarscopeError) return e.toInfo();
  if (e && typeof e === 'object' && 'name' in e && (e as { name: string }).name === 'AbortError') {
    return { code: 'cancelled', component, message: `${component}: cancelled` };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'internal', component, message: `${component}: ${message}` };
}

export function isAbort(e: unknown): boolean {
  return (
    (e instanceof TarscopeError && e.code === 'cancelled') || (!!e && typeof e === 'object' && 'name' in e && (e as { name: string }).name === 'AbortError')
  );
}
