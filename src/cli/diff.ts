/** `tarscope diff A B`: waits for the engine's compareArchives (src/engine/compare.ts). */
import type { Command } from './args';
import type { CliIo } from './terminal';

export async function runDiff(_cmd: Extract<Command, { name: 'diff' }>, io: CliIo): Promise<number> {
  io.stderr.write('tarscope: diff is not available yet\n');
  return 2;
}
