/** `tarscope inspect A`: one archive's report, exit 0 ok / 1 integrity failures / 2 unreadable. */
import type { Command } from './args';
import type { CliIo } from './terminal';
import { useColor, useProgress } from './terminal';
import { ProgressLine } from './progress-line';
import { writeReport, writeReportPieces } from './output';
import { writeJson } from '../present/json-chunks';
import { openInput } from './open-input';
import { EXIT, INSPECT_EXIT } from './exit-codes';
import { createNodeEngine } from '../node/engine';
import { PRESENTERS, inspectionOutcome } from '../present';
import { visible } from '../present/escape';
import { warningText } from '../present/warnings';
import { presentSbom, sbomNote } from '../present/sbom';
import { evaluateCi } from '../present/ci-rules';

export async function runInspect(cmd: Extract<Command, { name: 'inspect' }>, io: CliIo, signal?: AbortSignal): Promise<number> {
  const file = await openInput(cmd.file);
  const engine = createNodeEngine({ size: cmd.threads ?? undefined });
  const progress = useProgress(io) ? new ProgressLine(io.stderr) : null;
  try {
    const report = await engine.inspect(file, cmd.file, { signal, onProgress: (p) => progress?.update(p) });
    progress?.clear();
    // dive's CI rules go into the report, so every format shows them and the exit code reads them.
    if (cmd.ci) report.ci = evaluateCi(report, cmd.ci);
    if (signal?.aborted) return EXIT.interrupted;
    if (cmd.sbom) {
      writeReport(presentSbom(report, cmd.sbom), cmd.output, io.stdout);
      const note = sbomNote(report);
      if (note) io.stderr.write(`tarscope: ${visible(note, 400)}\n`);
    } else if (cmd.format === 'json') writeReportPieces((sink) => writeJson(report, sink), cmd.output, io.stdout);
    else writeReport(PRESENTERS[cmd.format](report, { color: useColor(io, cmd.output !== null) }), cmd.output, io.stdout);
    // What the readers warned about (no end-of-archive marker, trailing garbage, …) goes to
    // stderr as well, whatever the format, as GNU tar does; it does not change the exit code.
    for (const i of report.inputs) for (const w of i.warnings ?? []) io.stderr.write(`tarscope: warning: ${visible(warningText(w), 400)}\n`);
    const outcome = inspectionOutcome(report);
    if (outcome === 'unreadable') {
      for (const i of report.inputs) if (i.error) io.stderr.write(`tarscope: ${visible(i.error, 400)}\n`);
    }
    return INSPECT_EXIT[outcome];
  } finally {
    progress?.clear();
    engine.dispose();
  }
}
