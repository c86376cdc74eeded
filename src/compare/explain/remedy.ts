/**
 * The remedy of a cause, composed from its evidence and the builder the images say they came
 * from (builder.ts), so that it names only tools the evidence points to:
 * - times (file.mtime, file.atime-ctime, config.created, config.history): the detected
 *   builder's setting first (builder-knobs.ts); when A and B were built by different builders,
 *   both, after saying so; when no builder is recognised, the catalog's remedy (catalog.ts);
 * - file.tar-format: the normalising tar invocation, BuildKit named only for BuildKit images;
 * - file.content, file.added, file.removed: one sentence per kind of file among the paths
 *   (file-kinds.ts: bytecode, logs, package databases, zip/jar, gzip…), and for paths of no
 *   known kind "a real change in <path>: compare the build inputs".
 * - archive.entry-mtime and layer.compression of oci-archives of a buildah image: containers/image
 *   wrote them (buildah push, skopeo copy), not docker save;
 * - manifest.annotations: BuildKit's rewritten-epoch, the base-image annotations, or the others;
 * Every other cause keeps the remedy its explainer gave. Pure; the builders are read once per
 * explain() call.
 */
import type { CauseId, Difference, RemedyBasis } from '../types';
import type { Context } from './context';
import { type Builder, detectBuilder } from './builder';
import { KNOBS, type Knobs } from './builder-knobs';
import { type FileKind, type FileKindId, FILE_KINDS, fileKind } from './file-kinds';
import { capitalise, list } from './format';
import { pathOf } from './explainers/file-common';

export interface Builders {
  a: Builder;
  b: Builder;
}

const seen = new WeakMap<Context, Builders>();

/** The builders of A and B (memoised per explain() call). */
export function buildersOf(ctx: Context): Builders {
  let b = seen.get(ctx);
  if (!b) {
    b = { a: detectBuilder(ctx.a), b: detectBuilder(ctx.b) };
    seen.set(ctx, b);
  }
  return b;
}

const TAR_NORMALISE = '`tar --sort=name --mtime=@$SOURCE_DATE_EPOCH --owner=0 --group=0 --numeric-owner --pax-option=delete=atime,delete=ctime`';

/** "buildah (or podman build) built both images (label …): <its setting>." — null when neither builder is known. */
export function builderSentence(which: keyof Knobs, { a, b }: Builders): string | null {
  if (a.id === 'unknown' && b.id === 'unknown') return null;
  if (a.id === b.id) return `${capitalise(a.name)} built both images (${a.evidence}): ${KNOBS[a.id as keyof typeof KNOBS][which]}.`;
  if (a.id === 'unknown' || b.id === 'unknown') {
    const [side, k] = a.id === 'unknown' ? ['B', b] : ['A', a];
    return `${side} was built by ${k.name} (${k.evidence}): ${KNOBS[k.id as keyof typeof KNOBS][which]}.`;
  }
  const knob = (x: Builder) => `${capitalise(x.name)}: ${KNOBS[x.id as keyof typeof KNOBS][which]}.`;
  return `A was built by ${a.name} (${a.evidence}), B by ${b.name} (${b.evidence}): build both with the same builder. ${knob(a)} ${knob(b)}`;
}

/**
 * Archives written by containers/image (`buildah push`, `podman save`, `skopeo copy`), not by
 * `docker save`, whose remedies (the containerd image store) do not apply: a docker-archive the
 * layout reader recognises as theirs, or an oci-archive of an image buildah built.
 */
function writtenByContainersImage(ctx: Context): boolean {
  const { a, b } = buildersOf(ctx);
  const labelled = (s: 'a' | 'b') => (ctx.side(s).format.layoutLabel ?? '').includes('containers/image');
  if (labelled('a') && labelled('b')) return true; // skopeo's and podman's docker-archive
  return ctx.a.format.layout === 'oci' && ctx.b.format.layout === 'oci' && (a.id === 'buildah' || b.id === 'buildah');
}

/**
 * manifest.annotations: BuildKit's `rewritten-epoch` keeps the catalog's remedy; the base-image
 * annotations (`org.opencontainers.image.base.name` / `.digest`, written by buildah and by
 * BuildKit) point at the FROM line; other keys at the annotation settings of the build or push.
 */
function annotationsRemedy(roots: Difference[], fallback: string): string {
  const keys = roots.map((d) => (d.subject === 'manifest' ? d.field : '').replace(/^annotations\./, ''));
  if (keys.some((k) => k.startsWith('buildkit/'))) return fallback;
  if (keys.length && keys.every((k) => k.startsWith('org.opencontainers.image.base.')))
    return "The base image differs: `org.opencontainers.image.base.name` / `.digest` record the FROM image's name and digest. Build both FROM the same image by digest (`FROM name@sha256:…`).";
  return 'Build and push both with the same annotation settings (`--annotation`, labels copied to annotations); set any time in them from `SOURCE_DATE_EPOCH`.';
}

/** True when every history root is a `created` time. */
function onlyHistoryTimes(roots: Difference[]): boolean {
  return roots.every((d) => d.subject === 'history' && d.kind === 'changed' && /\.created$/.test(d.field));
}

/** The kinds among the paths with their paths, most paths first (`null`: no kind, or one outside `only`). */
function groupKinds(paths: string[], only?: ReadonlySet<FileKindId>): [FileKind | null, string[]][] {
  const groups = new Map<FileKind | null, string[]>();
  for (const p of paths) {
    let k = fileKind(p);
    if (k && only && !only.has(k.id)) k = null;
    const g = groups.get(k);
    if (g) g.push(p);
    else groups.set(k, [p]);
  }
  const order = (k: FileKind | null) => (k ? FILE_KINDS.indexOf(k) : FILE_KINDS.length);
  return [...groups.entries()].sort(([ka, pa], [kb, pb]) => pb.length - pa.length || order(ka) - order(kb));
}

/** One sentence per kind of file among the paths (most paths first); `other` for the rest. */
export function kindsRemedy(paths: string[], other: (paths: string[]) => string, only?: ReadonlySet<FileKindId>): string {
  return groupKinds(paths, only)
    .map(([k, ps]) => (k ? k.remedy : other(ps)))
    .join(' ');
}

function byKinds(paths: string[], other: (paths: string[]) => string, only?: ReadonlySet<FileKindId>): Remedy {
  return { text: kindsRemedy(paths, other, only), basis: { kinds: groupKinds(paths, only).map(([k]) => k?.id ?? 'other') } };
}

/** Kinds whose presence on one side only is what their remedy is about (not times inside them). */
const PRESENCE_KINDS: ReadonlySet<FileKindId> = new Set(['pyc', 'log', 'ldconfig', 'machine-id', 'apt', 'apt-cache']);

const quoted = (paths: string[]) => list(paths.map((p) => p || './'));

/** A remedy and what it was chosen from (`basis` absent: the explainer's, the catalog's). */
export interface Remedy {
  text: string;
  basis?: RemedyBasis;
}

/** The remedy of cause `id` over `roots`; `fallback` is the explainer's (the catalog's). */
export function remedyFor(id: CauseId, roots: Difference[], ctx: Context, fallback: string): Remedy {
  const keep: Remedy = { text: fallback };
  const builders = () => {
    const { a, b } = buildersOf(ctx);
    return { builders: { a: a.id, b: b.id } };
  };
  const timed = (which: keyof Knobs, tail = ''): Remedy => {
    const s = builderSentence(which, buildersOf(ctx));
    return s ? { text: `${s}${tail}`, basis: builders() } : keep;
  };
  const containersImage = (text: string): Remedy => (writtenByContainersImage(ctx) ? { text, basis: { writer: 'containers-image' } } : keep);
  switch (id) {
    case 'file.mtime':
      return timed('fileTimes', ` Or normalise the layer with ${TAR_NORMALISE}.`);
    case 'file.atime-ctime':
      return timed(
        'fileTimes',
        ' Or write the layer without them: `tar --pax-option=delete=atime,delete=ctime` (GNU tar `--format=posix` adds them by default).',
      );
    case 'config.created':
      return timed('configTimes');
    case 'config.history':
      return timed(
        'configTimes',
        onlyHistoryTimes(roots)
          ? ''
          : ' Build both from the same Containerfile with the same builder and version (builders write `created_by` and `comment` differently; moby/buildkit#4614).',
      );
    case 'file.tar-format': {
      const { a, b } = buildersOf(ctx);
      if (a.id === 'unknown' || a.id === 'buildkit' || b.id === 'buildkit') return keep;
      return {
        text: `Write layers with one normalising tar invocation: ${TAR_NORMALISE}; or build both with the same ${a.id === b.id ? `${a.name} version` : 'builder and version'}.`,
        basis: builders(),
      };
    }
    case 'file.content':
      return byKinds(
        [...new Set(roots.map(pathOf))],
        (ps) =>
          `A real change in ${quoted(ps)}: compare the build inputs (the files the build copies in, its arguments, the versions it fetches); the content evidence shows what changed.`,
      );
    case 'file.added':
    case 'file.removed':
      return byKinds([...new Set(roots.map(pathOf))], (ps) => `Compare the build steps and inputs that write ${quoted(ps)}.`, PRESENCE_KINDS);
    case 'layer.compression':
      return containersImage(
        'containers/image compressed these layers (`buildah push`, `podman push`, `skopeo copy`): push or copy both with the same `--compression-format` and `--compression-level` (skopeo: `--dest-compress-format`, `--dest-compress-level`) and the same tool version, or compare the uncompressed layers (the same diff_id).',
      );
    case 'manifest.annotations': {
      const text = annotationsRemedy(roots, fallback);
      return text === fallback ? keep : { text };
    }
    case 'archive.entry-mtime':
      return containersImage(
        "Nothing in the image to fix: `buildah push`, `podman save` and `skopeo copy` (containers/image) write the archive's entries with the time of the export. Compare the images, not the archive files, or repack with `tar --sort=name --mtime=@EPOCH`.",
      );
    default:
      return keep;
  }
}
