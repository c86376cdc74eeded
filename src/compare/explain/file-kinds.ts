/**
 * Kinds of files that differ between builds, told from the path alone (the explainer has no
 * bytes; the evidence pass, ../evidence/recognise, says more later), each with what it is in
 * a summary and the remedy that fits it. A remedy names only the tools of its kind: Python's
 * for bytecode, the package manager whose database it is, the archive's writer for zip/jar.
 * Ordered, first match wins (STYLE.md habit 4: a registry, not a switch).
 */
import type { FileKindId as ContractKind } from '../types';

/** The contract's kinds (../types.ts) but `other`, which is no kind. */
export type FileKindId = Exclude<ContractKind, 'other'>;

export interface FileKind {
  id: FileKindId;
  test: RegExp;
  /** In a summary: "2 Python bytecode (embeds the source mtime)". */
  what: string;
  /** One or two sentences: what to change in the build for files of this kind. */
  remedy: string;
}

export const FILE_KINDS: readonly FileKind[] = [
  {
    id: 'pyc',
    test: /\.pyc$/,
    what: 'Python bytecode (embeds the source mtime)',
    remedy:
      'Python bytecode embeds the mtime of its source file: set `PYTHONDONTWRITEBYTECODE=1`, or compile with `python -m compileall --invalidation-mode unchecked-hash` (or `checked-hash`), or set `SOURCE_DATE_EPOCH` (py_compile then writes hash-based .pyc files).',
  },
  {
    id: 'log',
    test: /^var\/log\//,
    what: 'log files',
    remedy: 'Logs record the time of the build: remove them (`rm -rf /var/log/*` or the files named) in the same RUN step that writes them.',
  },
  {
    id: 'ldconfig',
    test: /^var\/cache\/ldconfig\/aux-cache$/,
    what: 'the ldconfig aux-cache',
    remedy: 'The ldconfig aux-cache records file times: remove `/var/cache/ldconfig/aux-cache` in the same RUN step that runs ldconfig (or installs packages).',
  },
  {
    id: 'machine-id',
    test: /(^|\/)machine-id$/,
    what: 'machine-id',
    remedy: 'machine-id is random per install: empty it (`: > /etc/machine-id`) in the same RUN step that creates it; it is set again at boot.',
  },
  {
    id: 'dpkg',
    test: /^var\/lib\/dpkg\//,
    what: 'the dpkg package database',
    remedy:
      'Other Debian packages or versions were installed: pin them (`apt-get install pkg=version`) and install from a fixed snapshot of the archive (snapshot.debian.org, or a pinned mirror); compare the package versions in `var/lib/dpkg/status`.',
  },
  {
    id: 'apt',
    test: /^var\/lib\/apt\//,
    what: 'apt lists and state',
    remedy:
      'apt lists are the index of the mirror at build time: remove `/var/lib/apt/lists/*` in the same RUN step as `apt-get update`, and install from a fixed snapshot (snapshot.debian.org) with pinned versions.',
  },
  {
    id: 'apk',
    test: /^lib\/apk\/db\//,
    what: 'the apk package database',
    remedy:
      'Other Alpine packages or versions were installed: pin them (`apk add pkg=version`) against a fixed repository release; compare `lib/apk/db/installed`.',
  },
  {
    id: 'rpm',
    test: /^(var\/lib\/rpm|usr\/lib\/sysimage\/rpm)\//,
    what: 'the rpm database',
    remedy:
      'Other RPM packages or versions were installed: pin them (`dnf install pkg-version`) against a fixed repository snapshot; compare `rpm -qa` of both images.',
  },
  {
    id: 'apt-cache',
    test: /^var\/cache\/(apt|debconf)\//,
    what: 'apt/debconf caches',
    remedy:
      'Package caches are written at install time: `apt-get clean` and remove `/var/cache/apt/*` and `/var/cache/debconf/*-old` in the same RUN step that installs.',
  },
  {
    id: 'jar',
    test: /\.(jar|war|ear)$/,
    what: 'Java archives (zip entry times)',
    remedy:
      'Java archives store a time per entry: Maven `project.build.outputTimestamp`, Gradle `preserveFileTimestamps = false` and `reproducibleFileOrder = true` on the archive tasks, or `strip-nondeterminism` on the built archive (`SOURCE_DATE_EPOCH` for other jar writers).',
  },
  {
    id: 'wheel',
    test: /\.whl$/,
    what: 'Python wheels (zip entry times)',
    remedy:
      'Wheels are zip files with a time per entry: build them with `SOURCE_DATE_EPOCH` set (pip, build and setuptools honour it), or run `strip-nondeterminism` on them.',
  },
  {
    id: 'zip',
    test: /\.zip$/,
    what: 'zip archives (entry times)',
    remedy:
      'Zip archives store a time per entry: zip files whose mtimes are fixed (`touch -d @$SOURCE_DATE_EPOCH`, `zip -X`), or run `strip-nondeterminism` on the archive.',
  },
  {
    id: 'gzip',
    test: /\.(gz|tgz)$/,
    what: 'gzip files (header name and time)',
    remedy:
      'gzip stores the name and mtime of its input in its header: compress with `gzip -n` (and a `.tar.gz` from `tar --sort=name --mtime=@$SOURCE_DATE_EPOCH`).',
  },
  {
    id: 'compressed',
    test: /\.(xz|bz2|zst)$/,
    what: 'compressed files',
    remedy:
      'These compressed files hold no time of their own: compare what is inside them (a real change in the build inputs, or a tar inside with other times).',
  },
];

export function fileKind(path: string): FileKind | null {
  for (const k of FILE_KINDS) if (k.test.test(path)) return k;
  return null;
}
