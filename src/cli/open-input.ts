/** Opening an archive named on the command line, with an error that names it. */
import { openFileBlob, type FileBlob } from '../node/file-blob';

export class InputError extends Error {}

const WHY: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'not a regular file',
  ENOTREG: 'not a regular file',
  ELOOP: 'too many symbolic links',
};

export async function openInput(path: string): Promise<FileBlob> {
  try {
    return await openFileBlob(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = (err.code && WHY[err.code]) ?? err.message;
    throw new InputError(`cannot open ${path}: ${why}`);
  }
}
