/**
 * Command-line parsing (node:util parseArgs, strict): `tarscope diff A B`, `tarscope
 * inspect A`, their options, `--help`, `--version`. Returns a Command or throws a
 * UsageError whose message says what was wrong; main.ts prints it with the usage and
 * exits 2.
 */
import { parseArgs } from 'node:util';
import { isFormat, FORMATS, type Format } from '../present';
import type { IgnoreOptions } from '../compare/types';
import { SBOM_FORMATS, type SbomFormat } from '../present/sbom';
import { DIVE_CI_DEFAULTS, thresholdError, type CiThresholds } from '../present/ci-rules';

export class UsageError extends Error {}

export interface CommonOptions {
  format: Format;
  /** Write here instead of stdout. */
  output: string | null;
  /** Worker threads; null: one per core, at most 8. */
  threads: number | null;
}

export type Command =
  | { name: 'help'; topic?: 'diff' | 'inspect' }
  | { name: 'version' }
  | ({ name: 'inspect'; file: string; sbom?: SbomFormat; ci?: CiThresholds } & CommonOptions)
  | ({ name: 'diff'; a: string; b: string; ignore: IgnoreOptions; verify: boolean } & CommonOptions);

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  threads: { type: 'string' },
  'ignore-timestamps': { type: 'boolean' },
  'ignore-file-order': { type: 'boolean' },
  'ignore-owner-names': { type: 'boolean' },
  'ignore-tar-format': { type: 'boolean' },
  'ignore-history': { type: 'boolean' },
  'ignore-image-name': { type: 'boolean' },
  'ignore-file-mode-redundant-bits': { type: 'boolean' },
  'ignore-path': { type: 'string', multiple: true },
  semantic: { type: 'boolean' },
  'no-verify': { type: 'boolean' },
  sbom: { type: 'string' },
  ci: { type: 'boolean' },
  'lowest-efficiency': { type: 'string' },
  'highest-wasted-bytes': { type: 'string' },
  'highest-user-wasted-percent': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

const IGNORE_FLAGS = [
  'ignore-timestamps',
  'ignore-file-order',
  'ignore-owner-names',
  'ignore-tar-format',
  'ignore-history',
  'ignore-image-name',
  'ignore-file-mode-redundant-bits',
  'ignore-path',
  'semantic',
] as const;

/** dive's CI rules: flag, rule (dive's name). */
const CI_FLAGS = [
  ['lowest-efficiency', 'lowestEfficiency'],
  ['highest-wasted-bytes', 'highestWastedBytes'],
  ['highest-user-wasted-percent', 'highestUserWastedPercent'],
  ['ci', null],
] as const;

/** The thresholds given (`--ci` alone: dive's defaults for the rules not given), or null. */
function ciThresholds(o: {
  ci?: boolean;
  'lowest-efficiency'?: string;
  'highest-wasted-bytes'?: string;
  'highest-user-wasted-percent'?: string;
}): CiThresholds | null {
  const t: CiThresholds = o.ci ? { ...DIVE_CI_DEFAULTS } : {};
  for (const [flag, rule] of CI_FLAGS) {
    if (!rule) continue;
    const v = o[flag];
    if (v === undefined) continue;
    const err = thresholdError(rule, v);
    if (err) throw new UsageError(err);
    t[rule] = v;
  }
  return Object.keys(t).length ? t : null;
}

/** --output's extension picks the format when --format is not given. */
const BY_EXTENSION: [RegExp, Format][] = [
  [/\.json$/i, 'json'],
  [/\.(md|markdown)$/i, 'markdown'],
  [/\.html?$/i, 'html'],
];

export function parseCommand(argv: string[]): Command {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const { values: o, positionals } = parsed;
  const [sub, ...files] = positionals;
  const topic = sub === 'diff' || sub === 'inspect' ? sub : undefined;
  if (o.help || sub === 'help') return { name: 'help', topic: topic ?? (files[0] === 'diff' || files[0] === 'inspect' ? files[0] : undefined) };
  if (o.version) return { name: 'version' };
  if (!sub) throw new UsageError('missing command: diff or inspect');
  if (!topic) throw new UsageError(`unknown command "${sub}": expected diff or inspect`);

  const output = o.output ?? null;
  if (output === '') throw new UsageError('--output needs a file name');
  const format = o.format ?? BY_EXTENSION.find(([re]) => output && re.test(output))?.[1] ?? 'text';
  if (!isFormat(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${format}")`);
  let threads: number | null = null;
  if (o.threads !== undefined) {
    threads = Number(o.threads);
    if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new UsageError(`--threads must be a whole number from 1 to 64 (got "${o.threads}")`);
  }
  const common: CommonOptions = { format, output, threads };

  if (topic === 'inspect') {
    const used = IGNORE_FLAGS.filter((f) => o[f] !== undefined);
    if (used.length) throw new UsageError(`--${used[0]} applies to diff, not inspect`);
    if (o['no-verify']) throw new UsageError('--no-verify applies to diff, not inspect (an inspection always checks every digest)');
    if (files.length !== 1) throw new UsageError(`inspect takes one archive (got ${files.length})`);
    if (o.sbom !== undefined && !(SBOM_FORMATS as string[]).includes(o.sbom))
      throw new UsageError(`--sbom must be one of ${SBOM_FORMATS.join(', ')} (got "${o.sbom}")`);
    const ci = ciThresholds(o);
    return { name: 'inspect', file: files[0], ...common, ...(o.sbom ? { sbom: o.sbom as SbomFormat } : {}), ...(ci ? { ci } : {}) };
  }
  if (o.sbom !== undefined) throw new UsageError('--sbom applies to inspect, not diff');
  for (const f of CI_FLAGS) if (o[f[0]] !== undefined) throw new UsageError(`--${f[0]} applies to inspect, not diff`);
  if (files.length !== 2) throw new UsageError(`diff takes two archives (got ${files.length})`);
  const all = !!o.semantic;
  const ignore: IgnoreOptions = {
    timestamps: all || !!o['ignore-timestamps'],
    fileOrder: all || !!o['ignore-file-order'],
    ownerNames: all || !!o['ignore-owner-names'],
    tarFormat: all || !!o['ignore-tar-format'],
    history: all || !!o['ignore-history'],
    imageName: all || !!o['ignore-image-name'],
    modeBits: all || !!o['ignore-file-mode-redundant-bits'],
    paths: o['ignore-path'] ?? [],
  };
  return { name: 'diff', a: files[0], b: files[1], ignore, verify: !o['no-verify'], ...common };
}
