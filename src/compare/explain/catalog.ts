/**
 * Every cause id (causes.md, and the extra ids of types.ts) with its level, the verdict
 * category it puts a comparison in, and its remedy. docs/causes.md documents the same table
 * for people; tests check that both name the same ids.
 */
import type { CauseId, Level } from '../types';
import type { Category } from './types';

export interface CatalogEntry {
  level: Level;
  category: Category;
  remedy: string;
}

const EPOCH =
  'Build with `SOURCE_DATE_EPOCH` set and BuildKit `rewrite-timestamp=true` (`--output type=docker,rewrite-timestamp=true` or `type=oci,…`), or normalise the layer with `tar --sort=name --mtime=@$SOURCE_DATE_EPOCH --owner=0 --group=0 --numeric-owner --pax-option=delete=atime,delete=ctime`.';
const TAR_NORMALISE =
  'Write layers with one normalising tar invocation: `tar --sort=name --mtime=@$SOURCE_DATE_EPOCH --owner=0 --group=0 --numeric-owner --pax-option=delete=atime,delete=ctime`, or let BuildKit write them with `rewrite-timestamp=true`.';
const SAVE =
  'Export both the same way: the same Docker version and storage backend (the containerd image store keeps the pulled blobs, so repeated saves are byte-stable), the same `docker save` argument (by tag or by digest), or `skopeo copy` to a fixed format (`docker-archive:` or `oci-archive:`).';
const NOTHING_TO_FIX_EXPORT =
  'Nothing in the image to fix: this is how the archive was written. Export both with the same tool and version; for stable archive timestamps use the containerd image store or normalise with `tar --sort=name --mtime=@EPOCH`.';
const REEXPORT =
  'Nothing to fix in the image: the archive is damaged or incomplete. Copy or export it again (compare its size and sha256 with the original) and re-run the comparison.';

export const CATALOG: Record<CauseId, CatalogEntry> = {
  'archive.entry-mtime': { level: 'outer tar', category: 'same-image', remedy: NOTHING_TO_FIX_EXPORT },
  'archive.entry-order': { level: 'outer tar', category: 'same-image', remedy: SAVE },
  'archive.entry-owner': {
    level: 'outer tar',
    category: 'same-image',
    remedy: 'Export as the same user, or repack the archive with `tar --owner=0 --group=0 --numeric-owner`.',
  },
  'archive.entry-mode': { level: 'outer tar', category: 'same-image', remedy: 'Export with the same umask, or repack the archive with `tar --mode=go-w`.' },
  'archive.tar-format': {
    level: 'outer tar',
    category: 'same-image',
    remedy: 'Export both with the same tool and version (the archive headers are written differently: ustar, GNU or pax; padding at the end).',
  },
  'archive.layout': { level: 'outer tar', category: 'same-image', remedy: SAVE },
  'archive.symlinked-layer': {
    level: 'outer tar',
    category: 'same-image',
    remedy: 'Duplicate layers are stored once and linked (moby/moby#42766): export both with the same Docker version.',
  },
  'archive.outer-compression': {
    level: 'outer file',
    category: 'same-image',
    remedy:
      'Compress the archive reproducibly: `gzip -n` / `pigz -n` (no name or time in the header) with a fixed level, or `zstd` with a fixed level; or compare the uncompressed archives.',
  },
  'archive.entry-added': { level: 'outer tar', category: 'same-image', remedy: SAVE },
  'archive.entry-removed': { level: 'outer tar', category: 'same-image', remedy: SAVE },
  'archive.entry-content': { level: 'outer tar', category: 'same-image', remedy: SAVE },
  'archive.image-order': {
    level: 'outer tar',
    category: 'same-image',
    remedy:
      'Nothing in the images to fix: the archive lists them in another order (`docker save` of several images writes manifest.json in Go map order: moby image/tarexport save.go). Save one image per archive, or compare with the file-order ignore option.',
  },
  'index.annotations': {
    level: 'index',
    category: 'same-filesystem',
    remedy:
      'Save by the same reference: `docker save app:1` writes the tag into `org.opencontainers.image.ref.name` / `io.containerd.image.name` and `RepoTags`, saving by digest does not (moby/moby#45440). Set annotation timestamps from `SOURCE_DATE_EPOCH`.',
  },
  'index.platforms': {
    level: 'index',
    category: 'content-differs',
    remedy: 'Pull and save the same platforms on both sides: `docker save --platform …` (Docker 27+), or pull every platform before saving (moby/moby#44833).',
  },
  'index.attestations': {
    level: 'index',
    category: 'same-filesystem',
    remedy:
      'Build both with the same attestation settings: `--provenance=false --sbom=false` when attestations are not wanted (provenance records the build time and invocation id, so it differs on every build).',
  },
  'index.field': { level: 'index', category: 'same-filesystem', remedy: SAVE },
  'manifest.media-type': {
    level: 'manifest',
    category: 'same-filesystem',
    remedy: 'Export both with the same media types: `--output type=oci` vs `type=docker`, or `skopeo copy --format oci|v2s2`.',
  },
  'manifest.annotations': {
    level: 'manifest',
    category: 'same-filesystem',
    remedy: 'Build with the same annotation settings; with `rewrite-timestamp=true` BuildKit adds `buildkit/rewritten-epoch` — enable it on both builds.',
  },
  'manifest.field': {
    level: 'manifest',
    category: 'same-filesystem',
    remedy: 'Export both with the same tool and version (the manifest or config JSON is serialised differently).',
  },
  'config.created': {
    level: 'config',
    category: 'metadata-only',
    remedy: 'Set `SOURCE_DATE_EPOCH` for the build (BuildKit and Buildah use it for the config `created` time and the history; moby/moby#40754).',
  },
  'config.history': {
    level: 'config',
    category: 'metadata-only',
    remedy:
      'Set `SOURCE_DATE_EPOCH` for history times; build both from the same Dockerfile with the same builder (BuildKit and the legacy builder write `created_by` and `comment` differently; moby/buildkit#4614).',
  },
  'config.field': {
    level: 'config',
    category: 'content-differs',
    remedy:
      'Compare the Dockerfiles and build arguments: these config fields (Env, Labels, Cmd, Entrypoint, User, platform) come from the build definition, not from the build time.',
  },
  'layer.compression': {
    level: 'layer',
    category: 'same-filesystem',
    remedy:
      'Compress layers reproducibly: a fixed compressor and level (`gzip -n` / `pigz -n`, BuildKit `compression=gzip,compression-level=N,force-compression=true`), or keep the pulled blobs (containerd image store) instead of recompressing on save/push (docker/cli#5515).',
  },
  'layer.changed': {
    level: 'layer',
    category: 'content-differs',
    remedy: 'Wait for the deep comparison (or read the layers on both sides) to see which files differ.',
  },
  'layer.added': {
    level: 'layer',
    category: 'content-differs',
    remedy: 'Compare the build steps: a layer exists on one side only (an extra RUN/COPY step, or a cache that merged steps).',
  },
  'layer.removed': {
    level: 'layer',
    category: 'content-differs',
    remedy: 'Compare the build steps: a layer exists on one side only (an extra RUN/COPY step, or a cache that merged steps).',
  },
  'package.upgraded': {
    level: 'file',
    category: 'content-differs',
    remedy: 'Install the same package versions on both builds: pin each version and read the packages from a fixed snapshot of the repository.',
  },
  'package.rebuilt': {
    level: 'file',
    category: 'content-differs',
    remedy:
      'The same version with other bytes: the package was built twice (not reproducible) or republished. Take it from one fixed repository snapshot on both builds, and report it to the distribution (reproducible-builds.org).',
  },
  'package.added': {
    level: 'file',
    category: 'content-differs',
    remedy: 'Compare the install steps (the package lists of `apt-get install` / `apk add` / `pip install`) and pin the package set.',
  },
  'package.removed': {
    level: 'file',
    category: 'content-differs',
    remedy: 'Compare the install steps (the package lists of `apt-get install` / `apk add` / `pip install`) and pin the package set.',
  },
  'layer.layering': {
    level: 'layer',
    category: 'metadata-only',
    remedy:
      'Nothing a container sees differs: the layers build the same merged filesystem another way (squashed vs layered, an opaque directory vs per-file whiteouts, files a later layer replaces or deletes). Build both with the same steps and the same builder (`--squash` on both or neither) to get the same layers; delete files in the step that creates them so no lower layer keeps them.',
  },
  'layer.missing-blob': {
    level: 'integrity',
    category: 'content-differs',
    remedy:
      'Export the image again with all its blobs (`docker save` of a partially pulled multi-platform image omits blobs: moby/moby#49473; pull the platform first).',
  },
  'layer.digest-mismatch': { level: 'integrity', category: 'content-differs', remedy: REEXPORT },
  'file.mtime': { level: 'file', category: 'metadata-only', remedy: EPOCH },
  'file.atime-ctime': {
    level: 'file',
    category: 'metadata-only',
    remedy:
      'Do not write access/change times: `tar --pax-option=delete=atime,delete=ctime` (GNU tar `--format=posix` adds them by default), or BuildKit `rewrite-timestamp=true`.',
  },
  'file.order': {
    level: 'file',
    category: 'metadata-only',
    remedy: 'Write layer entries in a fixed order: `tar --sort=name` (directory order depends on the filesystem: moby/moby#10612).',
  },
  'file.owner': {
    level: 'file',
    category: 'metadata-only',
    remedy: 'Set ownership explicitly (`COPY --chown=0:0`, `tar --owner=0 --group=0 --numeric-owner`); build with the same user namespace settings.',
  },
  'file.owner-name': {
    level: 'file',
    category: 'metadata-only',
    remedy:
      'Write numeric owners only: `tar --numeric-owner` (BuildKit leaves uname/gname empty, other writers fill them from the build host: moby/buildkit#3688).',
  },
  'file.mode': {
    level: 'file',
    category: 'metadata-only',
    remedy: 'Build with the same umask and set modes explicitly (`COPY --chmod=…`, `chmod` in the same RUN); `tar --mode=go-w` to normalise.',
  },
  'file.xattrs': {
    level: 'file',
    category: 'metadata-only',
    remedy:
      'Set capabilities and extended attributes in the build itself (`setcap` in a RUN step), not from the build host; build with the same user namespace settings (moby/moby#41723).',
  },
  'file.tar-format': { level: 'file', category: 'metadata-only', remedy: TAR_NORMALISE },
  'file.content': {
    level: 'file',
    category: 'content-differs',
    remedy:
      'Make the build deterministic: `PYTHONDONTWRITEBYTECODE=1` or `python -m compileall --invalidation-mode checked-hash`; remove `/var/log/*`, `/var/cache/ldconfig/aux-cache`, apt lists and caches in the same RUN step that makes them; pin package versions.',
  },
  'file.added': {
    level: 'file',
    category: 'content-differs',
    remedy: 'Compare the build steps that write these paths; caches and logs (`/var/cache`, `/var/log`, `__pycache__`) are best removed in the same RUN step.',
  },
  'file.removed': {
    level: 'file',
    category: 'content-differs',
    remedy: 'Compare the build steps that write these paths; caches and logs (`/var/cache`, `/var/log`, `__pycache__`) are best removed in the same RUN step.',
  },
  'file.type': {
    level: 'file',
    category: 'content-differs',
    remedy: 'Compare the build steps that create these paths (a file replaced by a symlink or a hardlink, another link target).',
  },
  'file.whiteout': {
    level: 'file',
    category: 'content-differs',
    remedy:
      'A deletion happens in one image only: compare the RUN steps that remove files (moby/buildkit#3168, #3981); delete in the same step that creates, so no whiteout is needed.',
  },
  'input.truncated': { level: 'input', category: 'unreadable', remedy: REEXPORT },
  'input.corrupt': { level: 'input', category: 'unreadable', remedy: REEXPORT },
  'input.unsupported': {
    level: 'input',
    category: 'unreadable',
    remedy: 'This archive uses a format or feature tarscope does not read yet; convert it (`skopeo copy … oci-archive:…`) or file an issue naming it.',
  },
};

/** Best to worst; the index is the category's weight. */
export const CATEGORY_ORDER: Category[] = ['same-image', 'same-filesystem', 'metadata-only', 'content-differs', 'unreadable'];

export function categoryRank(c: Category): number {
  return CATEGORY_ORDER.indexOf(c);
}
