/**
 * Where the CLI's output goes and what it may do there: colours only when stdout is a
 * terminal (NO_COLOR, https://no-color.org, turns them off; FORCE_COLOR=1 on), and the
 * progress line only when stderr is a terminal (TARSCOPE_PROGRESS=1 / 0 force it on or
 * off: for tests, and for CI logs that render carriage returns).
 */
export interface Stream {
  write(chunk: string): boolean;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIo {
  stdout: Stream;
  stderr: Stream;
  env: Record<string, string | undefined>;
}

export function useColor(io: CliIo, toFile: boolean): boolean {
  if (toFile) return false;
  const { FORCE_COLOR, NO_COLOR, TERM } = io.env;
  if (FORCE_COLOR !== undefined && FORCE_COLOR !== '' && FORCE_COLOR !== '0' && FORCE_COLOR !== 'false') return true;
  if (NO_COLOR !== undefined && NO_COLOR !== '') return false;
  return !!io.stdout.isTTY && TERM !== 'dumb';
}

export function useProgress(io: CliIo): boolean {
  const forced = io.env.TARSCOPE_PROGRESS;
  if (forced === '1') return true;
  if (forced === '0') return false;
  return !!io.stderr.isTTY && io.env.TERM !== 'dumb';
}
