/** An expected failure (a file that cannot be opened or written): one line, no stack, exit 2. */
export class CliError extends Error {}

const WHY: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
  ENOTREG: 'not a regular file',
  ELOOP: 'too many symbolic links',
  ENOSPC: 'no space left on device',
  EROFS: 'read-only file system',
};

/** "no such file or directory" for an fs error, else its message. */
export function fsReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return (err?.code && WHY[err.code]) || err?.message || String(e);
}
