/**
 * Each builder's settings for the times it writes, for remedies that name the builder the
 * image says it came from (builder.ts) and not another's. Checked against the builders' own
 * documentation and changes:
 * - BuildKit: `SOURCE_DATE_EPOCH` (build arg, BuildKit ≥ 0.11) sets the config and history
 *   times; `rewrite-timestamp=true` on the exporter (≥ 0.13, moby/buildkit#4057) clamps the
 *   layers' file times to it.
 * - buildah / podman build: `--timestamp <epoch>` sets the created time, the history and every
 *   file time of the new layers; buildah ≥ 1.41 adds `--source-date-epoch` (default
 *   `$SOURCE_DATE_EPOCH`) and `--rewrite-timestamp` (containers/buildah#6208).
 * - kaniko: `--reproducible` strips the times from the config and the layers.
 * - legacy `docker build`: no setting (moby/moby#43124): build with BuildKit.
 * - ko, Jib, apko, Bazel's rules write fixed times by default; a time means a setting differs.
 */
import type { BuilderId } from './builder';

export interface Knobs {
  /** The config `created` time and the history times. */
  configTimes: string;
  /** The file times inside the layers (mtime, and atime/ctime records). */
  fileTimes: string;
}

const LEGACY =
  'the legacy builder (`docker build` without BuildKit) has no setting for these times (moby/moby#43124): build with BuildKit (`docker buildx build`) and set `SOURCE_DATE_EPOCH` with `rewrite-timestamp=true` on the output';

export const KNOBS: Record<Exclude<BuilderId, 'unknown'>, Knobs> = {
  buildkit: {
    configTimes:
      'set `SOURCE_DATE_EPOCH` for the build (`--build-arg SOURCE_DATE_EPOCH=…`): BuildKit uses it for the config `created` time and the history times',
    fileTimes:
      'set `SOURCE_DATE_EPOCH` and `rewrite-timestamp=true` on the output (`--output type=docker,rewrite-timestamp=true` or `type=oci,…`): BuildKit then clamps the file times of the layers to it',
  },
  buildah: {
    configTimes:
      'build with `--timestamp <epoch>` (`buildah build` and `podman build`): it fixes the created time and the history; buildah ≥ 1.41 also takes `--source-date-epoch` (default `$SOURCE_DATE_EPOCH`)',
    fileTimes:
      'build with `--timestamp <epoch>` (`buildah build` and `podman build`): it sets every file time in the new layers; buildah ≥ 1.41: `--source-date-epoch` with `--rewrite-timestamp` clamps them',
  },
  kaniko: {
    configTimes: 'run the kaniko executor with `--reproducible`: it strips the times from the config and the history',
    fileTimes: 'run the kaniko executor with `--reproducible`: it strips the file times from the layers',
  },
  'docker-legacy': { configTimes: LEGACY, fileTimes: LEGACY },
  ko: {
    configTimes: 'ko writes fixed times by default, so one build set `SOURCE_DATE_EPOCH`: set the same value (or none) for both',
    fileTimes:
      'ko writes fixed times by default, so one build set `SOURCE_DATE_EPOCH` or `KO_DATA_DATE_EPOCH` (kodata files): set the same values (or none) for both',
  },
  jib: {
    configTimes:
      'Jib writes the epoch by default, so this time comes from `jib.container.creationTime` (e.g. `USE_CURRENT_TIMESTAMP`): leave it unset or give both builds the same value',
    fileTimes:
      'Jib writes fixed file times by default, so these come from `jib.container.filesModificationTime`: leave it unset or give both builds the same value',
  },
  bazel: {
    configTimes: 'Bazel image rules write fixed times unless stamping: build both without `--stamp`, or with the same stamp values',
    fileTimes: 'Bazel image rules write fixed file times unless an input carries its own: build both without `--stamp` and from the same inputs',
  },
  apko: {
    configTimes: 'apko takes its times from `SOURCE_DATE_EPOCH`: set the same value for both builds',
    fileTimes: 'apko takes its times from `SOURCE_DATE_EPOCH`: set the same value for both builds',
  },
};
