/** Opening an archive named on the command line, with an error that names it. */
import { openFileBlob, type FileBlob } from '../node/file-blob';
import { CliError, fsReason } from './errors';

export async function openInput(path: string): Promise<FileBlob> {
  try {
    return await openFileBlob(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`cannot open ${path}: ${code === 'EISDIR' ? 'not a regular file' : fsReason(e)}`);
  }
}
