/** `tarscope diff A B`: why two archives differ; exit 0 same / 1 different / 2 error. */
import type { Command } from './args';
import type { CliIo } from './terminal';
import { useColor, useProgress } from './terminal';
import { ProgressLine } from './progress-line';
import { writeReport, writeReportPieces } from './output';
import { writeJson } from '../present/json-chunks';
import { openInput } from './open-input';
import { DIFF_EXIT, EXIT } from './exit-codes';
import { createNodeEngine } from '../node/engine';
import { PRESENTERS, comparisonOutcome } from '../present';
import { visible } from '../present/escape';

export async function runDiff(cmd: Extract<Command, { name: 'diff' }>, io: CliIo, signal?: AbortSignal): Promise<number> {
  const [a, b] = await Promise.all([openInput(cmd.a), openInput(cmd.b)]);
  const engine = createNodeEngine({ size: cmd.threads ?? undefined });
  const progress = useProgress(io) ? new ProgressLine(io.stderr) : null;
  try {
    const report = await engine.compare(a, cmd.a, b, cmd.b, { signal, ignore: cmd.ignore, verify: cmd.verify, onProgress: (p) => progress?.update(p) });
    progress?.clear();
    if (signal?.aborted) return EXIT.interrupted;
    if (cmd.format === 'json') writeReportPieces((sink) => writeJson(report, sink), cmd.output, io.stdout);
    else writeReport(PRESENTERS[cmd.format](report, { color: useColor(io, cmd.output !== null) }), cmd.output, io.stdout);
    const outcome = comparisonOutcome(report);
    if (outcome === 'error') {
      // Which side: the two inputs' errors read alike ("tar: archive truncated…").
      report.inputs.forEach((i, n) => {
        if (i.error) io.stderr.write(`tarscope: ${n === 0 ? 'A' : 'B'} (${visible(i.name, 200)}): ${visible(i.error, 400)}\n`);
      });
    }
    return DIFF_EXIT[outcome];
  } finally {
    progress?.clear();
    engine.dispose();
  }
}
