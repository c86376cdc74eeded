/**
 * Which tool built an image, told from the image itself, so that a remedy can name that
 * tool's setting instead of another's. The config's history says it best: each builder writes
 * its own `created_by` / `comment` / `author` forms, and the last entry a builder wrote is the
 * step that made this image (earlier entries may come from a base image built by another tool).
 *
 * Forms (read from real images and the builders' sources):
 * - BuildKit: `comment: "buildkit.dockerfile.v0"`, `created_by` ending in ` # buildkit`
 *   (ggcr hello-world-v25, dive's OCI images, stereoscope's valid-oci).
 * - legacy `docker build`: `created_by: "/bin/sh -c #(nop) …"` or `"/bin/sh -c <RUN>"`, with
 *   `docker_version` in the config (dive's docker image, containers/image almostempty).
 * - buildah / podman: the same `/bin/sh -c` forms, but the config carries the label
 *   `io.buildah.version`; a history `comment: "FROM <base>"` (buildah#2996) (ggcr whiteout_dir,
 *   Debian's buildah 1.28).
 * - kaniko: `author: "kaniko"` (dive's kaniko image).
 * - ko: `author: "ko"`, `created_by: "ko build ko://…"`; apko: `author`/`created_by: "apko"`.
 * - Jib: `author: "Jib"`, `created_by: "jib"` or `"jib-maven-plugin:<v>"` / `"jib-gradle-plugin:<v>"`.
 * - Bazel (rules_docker, rules_oci): `author: "Bazel"`, `created_by: "bazel build …"` (ggcr test images).
 */
import type { InputReport } from '../../report/types';
import type { BuilderId } from '../types';

export type { BuilderId };

export interface Builder {
  id: BuilderId;
  /** "BuildKit", "buildah (or podman build)" */
  name: string;
  /** What in the image says so: `history comment "buildkit.dockerfile.v0"`; '' when unknown. */
  evidence: string;
}

export const BUILDER_NAMES: Record<BuilderId, string> = {
  buildkit: 'BuildKit',
  'docker-legacy': 'the legacy docker builder',
  buildah: 'buildah (or podman build)',
  kaniko: 'kaniko',
  ko: 'ko',
  jib: 'Jib',
  bazel: 'Bazel',
  apko: 'apko',
  unknown: 'an unknown builder',
};

interface HistoryLike {
  created_by?: unknown;
  comment?: unknown;
  author?: unknown;
}

type EntryForm = { id: BuilderId | 'shell'; evidence: string } | null;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** What one history entry's form says (a registry of forms, most specific first). */
const FORMS: ((h: HistoryLike) => EntryForm)[] = [
  (h) => (str(h.comment) === 'buildkit.dockerfile.v0' ? { id: 'buildkit', evidence: 'history comment "buildkit.dockerfile.v0"' } : null),
  (h) => (/ # buildkit$/.test(str(h.created_by)) ? { id: 'buildkit', evidence: 'history created_by ending in "# buildkit"' } : null),
  (h) => (str(h.author) === 'kaniko' ? { id: 'kaniko', evidence: 'history author "kaniko"' } : null),
  (h) =>
    str(h.author) === 'ko' || /^ko (build|publish|resolve|apply)\b/.test(str(h.created_by)) ? { id: 'ko', evidence: `history created_by "${short(h)}"` } : null,
  (h) => (str(h.author) === 'apko' || str(h.created_by) === 'apko' ? { id: 'apko', evidence: 'history author "apko"' } : null),
  (h) =>
    str(h.author) === 'Jib' || /^(jib|jib-(maven|gradle)-plugin(:.*)?|jib-cli(:.*)?)$/.test(str(h.created_by))
      ? { id: 'jib', evidence: `history created_by "${short(h)}"` }
      : null,
  (h) => (str(h.author) === 'Bazel' || /^bazel build\b/.test(str(h.created_by)) ? { id: 'bazel', evidence: 'history created_by "bazel build …"' } : null),
  (h) => (/^FROM \S/.test(str(h.comment)) ? { id: 'buildah', evidence: 'history comment "FROM <base>"' } : null),
  (h) => (/^\/bin\/sh -c /.test(str(h.created_by)) ? { id: 'shell', evidence: 'history created_by "/bin/sh -c …"' } : null),
];

function short(h: HistoryLike): string {
  const s = str(h.created_by) || str(h.author);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function formOf(h: HistoryLike): EntryForm {
  for (const f of FORMS) {
    const hit = f(h);
    if (hit) return hit;
  }
  return null;
}

const UNKNOWN: Builder = { id: 'unknown', name: BUILDER_NAMES.unknown, evidence: '' };

const make = (id: BuilderId, evidence: string): Builder => ({ id, name: BUILDER_NAMES[id], evidence });

/** The builder of one image config (the parsed JSON). */
export function builderOfConfig(config: unknown): Builder {
  if (!config || typeof config !== 'object') return UNKNOWN;
  const c = config as { history?: unknown; config?: { Labels?: unknown }; docker_version?: unknown };
  const labels = c.config?.Labels && typeof c.config.Labels === 'object' ? (c.config.Labels as Record<string, unknown>) : {};
  const buildah = typeof labels['io.buildah.version'] === 'string' ? `label io.buildah.version=${labels['io.buildah.version']}` : '';
  const history = Array.isArray(c.history) ? (c.history as HistoryLike[]) : [];
  // The last entry with a known form made this image; earlier ones may be the base image's.
  for (let i = history.length - 1; i >= 0; i--) {
    const f = history[i] && typeof history[i] === 'object' ? formOf(history[i]) : null;
    if (!f) continue;
    if (f.id === 'shell' || f.id === 'buildah') {
      // buildah writes the legacy builder's forms too: its label tells them apart.
      if (buildah) return make('buildah', `${buildah}; ${f.evidence}`);
      if (f.id === 'buildah') return make('buildah', f.evidence);
      return make('docker-legacy', typeof c.docker_version === 'string' ? `${f.evidence}; docker_version ${c.docker_version}` : f.evidence);
    }
    return make(f.id, f.evidence);
  }
  return buildah ? make('buildah', buildah) : UNKNOWN;
}

/** The builder of an input: its first image (not an attestation) whose builder is known. */
export function detectBuilder(input: InputReport): Builder {
  for (const img of input.images) {
    if (img.kind === 'attestation') continue;
    const b = builderOfConfig(img.config.json);
    if (b.id !== 'unknown') return b;
  }
  return UNKNOWN;
}
