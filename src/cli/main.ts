/**
 * The CLI entry (built to dist-cli/tarscope.mjs; bin/tarscope.mjs calls `run`).
 * `main` takes its streams and environment as arguments and returns the exit code, so
 * nothing here touches the process except `run`.
 */
import { parseCommand, UsageError, type Command } from './args';
import { usageHint, usageText, versionText } from './usage';
import type { CliIo } from './terminal';
import { EXIT } from './exit-codes';
import { CliError } from './errors';
import { runInspect } from './inspect';
import { runDiff } from './diff';

type Runner<C extends Command['name']> = (cmd: Extract<Command, { name: C }>, io: CliIo, signal?: AbortSignal) => Promise<number>;

const COMMANDS: { [C in Command['name']]: Runner<C> } = {
  help: async (cmd, io) => (io.stdout.write(usageText(cmd.topic)), EXIT.ok),
  version: async (_, io) => (io.stdout.write(versionText()), EXIT.ok),
  inspect: runInspect,
  diff: runDiff,
};

export async function main(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  let cmd: Command;
  try {
    cmd = parseCommand(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`tarscope: ${e.message}\n${usageHint()}`);
    return EXIT.error;
  }
  try {
    return await (COMMANDS[cmd.name] as Runner<Command['name']>)(cmd, io, signal);
  } catch (e) {
    const msg = e instanceof CliError ? e.message : `internal error: ${(e as Error)?.stack ?? String(e)}`;
    io.stderr.write(`tarscope: ${msg}\n`);
    return EXIT.error;
  }
}

/** The process around `main`: real streams, Ctrl-C aborts the run (a second one exits). */
export async function run(argv: string[]): Promise<number> {
  const ac = new AbortController();
  const onSigint = () => {
    if (ac.signal.aborted) process.exit(EXIT.interrupted);
    process.stderr.write('\ntarscope: interrupted\n');
    ac.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    const code = await main(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env }, ac.signal);
    return ac.signal.aborted ? EXIT.interrupted : code;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
