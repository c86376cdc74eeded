/** The help text. Kept next to args.ts; the README's CLI section says the same. */
import { TOOL } from '../report/tool';

export function versionText(): string {
  return `tarscope ${TOOL.version}\n`;
}

const COMMON = `Output:
  -f, --format FORMAT    text (default), json, markdown or html; with --output, the
                         file's extension (.json, .md, .html) picks it when not given
  -o, --output FILE      write the report to FILE instead of standard output
      --threads N        worker threads (default: one per core, at most 8)
  -h, --help             this help
  -V, --version          the version`;

const DIFF = `tarscope diff A B [options]
  Explains why two container-image archives differ.

Ignore (the same options as the page):
      --ignore-timestamps    file and entry mtimes, atime/ctime, config and history
                             created, gzip MTIME, timestamp annotations, and .pyc,
                             zip/jar and .gz files that differ only in a time they embed
      --ignore-file-order    order of entries in tars
      --ignore-owner-names   uname/gname (uid/gid still compared)
      --ignore-tar-format    ustar / GNU / pax encoding of the same metadata
      --ignore-history       the config history
      --ignore-image-name    image names: ref.name / containerd name annotations,
                             RepoTags, repositories
      --ignore-file-mode-redundant-bits
                             modes that differ only in the file-type bits
      --ignore-path GLOB     paths inside layers, e.g. '/var/log/**' (repeatable)
      --semantic             all of the above except --ignore-path (diffoci's name)

Digests: only layers that differ are scanned, files compared by XXH64; then every blob
digest and diff_id is verified (SHA-256) and the layers both archives share are listed,
before the report is written.
      --no-verify            skip that pass: faster; the report says the digests were
                             not verified (integrity checks left out) and lists shared
                             layers without their files

Exit status: 0 same (verdict identical, or no cause left after the ignore options),
             1 different, 2 error (bad usage, unreadable file or archive).`;

const INSPECT = `tarscope inspect A [options]
  Describes one archive: layout, images, layers, integrity, files, packages.
      --sbom cyclonedx       write the packages the layers' databases list (dpkg, apk,
                             Python, npm) as a CycloneDX 1.5 JSON SBOM instead of the report

CI rules (dive's, over dive's efficiency figures; every format shows them):
      --lowest-efficiency R          fail when the efficiency score is below R (0-1)
      --highest-wasted-bytes N       fail when more than N bytes are wasted (20MB, 512KiB, 1000)
      --highest-user-wasted-percent R
                                     fail when wasted / bytes above the base layer exceeds R (0-1)
      --ci                           dive's defaults for the rules not given: 0.9, disabled, 0.1

Exit status: 0 readable and every integrity check passed, 1 integrity failures
             (or a layer that could not be read, or a CI rule failed), 2 error (unreadable
             archive, bad usage).`;

export function usageText(topic?: 'diff' | 'inspect'): string {
  const head = `tarscope ${TOOL.version}: why are these two container-image tarballs different?\n\n`;
  const env = `Environment:
  NO_COLOR=1 / FORCE_COLOR=1   colours off / on (default: on when stdout is a terminal)
  TARSCOPE_PROGRESS=0 / 1      progress line off / on (default: on when stderr is a terminal)`;
  if (topic === 'diff') return `${head}${DIFF}\n\n${COMMON}\n\n${env}\n`;
  if (topic === 'inspect') return `${head}${INSPECT}\n\n${COMMON}\n\n${env}\n`;
  return `${head}Usage:\n  tarscope diff A B [options]\n  tarscope inspect A [options]\n\n${DIFF}\n\n${INSPECT}\n\n${COMMON}\n\n${env}\n`;
}

/** One line for usage errors. */
export function usageHint(): string {
  return "Run 'tarscope --help' for usage.\n";
}
