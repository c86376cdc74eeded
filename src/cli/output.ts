/**
 * Writing the presented report: to stdout, or to --output FILE (written whole, then
 * renamed over the target, so a failed run never leaves half a report where CI looks).
 */
import { closeSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import type { Stream } from './terminal';
import { CliError, fsReason } from './errors';

export function writeReport(text: string, output: string | null, stdout: Stream): void {
  if (output === null || output === '-') {
    stdout.write(text);
    return;
  }
  const tmp = join(dirname(output), `.${basename(output)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, output);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new CliError(`cannot write ${output}: ${fsReason(e)}`);
  }
}

/**
 * The same, from pieces (`produce` hands them to its sink: present/json-chunks.ts): a large
 * JSON report is never one string. To a file: each piece written as it comes. To stdout:
 * each piece handed to the stream.
 */
export function writeReportPieces(produce: (sink: (piece: string) => void) => void, output: string | null, stdout: Stream): void {
  if (output === null || output === '-') {
    produce((c) => stdout.write(c));
    return;
  }
  const tmp = join(dirname(output), `.${basename(output)}.${process.pid}.tmp`);
  let fd: number | null = null;
  try {
    const file = openSync(tmp, 'w');
    fd = file;
    produce((c) => writeSync(file, c));
    closeSync(file);
    fd = null;
    renameSync(tmp, output);
  } catch (e) {
    if (fd !== null) closeSync(fd);
    rmSync(tmp, { force: true });
    throw new CliError(`cannot write ${output}: ${fsReason(e)}`);
  }
}
