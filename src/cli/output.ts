/**
 * Writing the presented report: to stdout, or to --output FILE (written whole, then
 * renamed over the target, so a failed run never leaves half a report where CI looks).
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
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
