/** Opening an archive named on the command line, with an error that names it. */
import { openFileBlob, type FileBlob } from '../node/file-blob';

export class InputError extends Error {}

export async function openInput(path: string): Promise<FileBlob> {
  try {
    return await openFileBlob(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why =
      err.code === 'ENOENT' ? 'no such file' : err.code === 'EACCES' ? 'permission denied' : err.code === 'EISDIR' ? 'is a directory' : err.message;
    throw new InputError(`cannot open ${path}: ${why}`);
  }
}
