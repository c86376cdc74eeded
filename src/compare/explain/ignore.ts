/**
 * The ignore options (diffoci `--semantic` spirit): which option, if any, ignores a root
 * difference. Decided per root, after it is claimed (the cause id says most of it); an ignored
 * root is dropped together with everything that follows it.
 *
 *  timestamps  file mtime/atime/ctime (and pax time records), outer entry times, config
 *              `created` and other config/history/index/manifest values the differ marks as
 *              timestamps (`facts.timestamp`), the gzip header MTIME of the whole file, and a
 *              layer recompression whose only difference is the gzip header MTIME (same diff_id),
 *              and a file content difference the evidence pass marked `timestampOnly` (a .pyc's
 *              source mtime, zip entry times, a gzip file's MTIME: evidence/timestamp-only.ts)
 *  fileOrder   order of entries in layers and in the archive
 *  ownerNames  uname/gname of files and archive entries
 *  tarFormat   header encoding (file.tar-format, archive.tar-format)
 *  history     every config history difference
 *  imageName   image names: index.json's ref.name / io.containerd.image.name annotations,
 *              manifest.json RepoTags, `repositories` (diffoci --ignore-image-name)
 *  modeBits    file modes that differ only in the redundant file-type bits (`typeBitsOnly`;
 *              diffoci --ignore-file-mode-redundant-bits)
 *  paths       file and merged-filesystem differences whose path matches a glob (paths.ts)
 * Input errors and integrity failures are never ignored.
 */
import { is, type CauseId, type Difference, type IgnoreOptions } from '../types';
import { gzipMtimeOnly } from './explainers/layer-blob';
import { isPaxTime } from './explainers/file-times';
import type { PathTest } from './paths';

export type IgnoreReason = 'paths' | 'history' | 'timestamps' | 'fileOrder' | 'ownerNames' | 'tarFormat' | 'imageName' | 'modeBits';

/** How the headline names each option. */
export const REASON_WORDS: Record<IgnoreReason, string> = {
  paths: 'the ignored paths',
  history: 'history',
  timestamps: 'timestamps',
  fileOrder: 'file order',
  ownerNames: 'owner names',
  tarFormat: 'tar format',
  imageName: 'image names',
  modeBits: 'redundant mode bits',
};

const TIME_IDS = new Set<CauseId>(['file.mtime', 'file.atime-ctime', 'archive.entry-mtime', 'config.created']);

function isTimestamp(d: Difference, id: CauseId): boolean {
  if (TIME_IDS.has(id)) return true;
  if (is(d, 'index', 'manifest', 'config', 'history') && d.facts?.timestamp === true) return true;
  if (d.subject === 'outer-compression') return d.field === 'gzip.mtime';
  if (d.subject === 'layer-blob') return gzipMtimeOnly(d);
  // a .pyc / zip / .gz whose bytes the evidence pass found to differ only in an embedded timestamp
  if (d.subject === 'file' && d.field === 'content') return d.facts?.timestampOnly !== undefined;
  if ((d.subject === 'file' || d.subject === 'outer-entry') && d.field)
    return d.field === 'mtime' || d.field === 'atime' || d.field === 'ctime' || isPaxTime(d.field);
  return false;
}

const IMAGE_NAME_ANNOTATIONS = /(^|\.)annotations\.(org\.opencontainers\.image\.ref\.name|io\.containerd\.image\.name)$/;

/** An image's name: its ref.name / containerd name annotation, a RepoTags entry, a `repositories` leaf. */
function isImageName(d: Difference): boolean {
  if (d.subject !== 'index') return false;
  const f = d.field ?? '';
  return IMAGE_NAME_ANNOTATIONS.test(f) || /RepoTags/.test(f) || d.facts?.file === 'repositories' || d.scope.path === 'repositories';
}

export function ignoreReason(d: Difference, id: CauseId, o: IgnoreOptions, paths: PathTest | null): IgnoreReason | null {
  if (d.subject === 'input' || d.subject === 'integrity') return null;
  if (paths && (d.subject === 'file' || d.subject === 'merged') && d.scope.path && paths(d.scope.path)) return 'paths';
  if (o.history && d.subject === 'history') return 'history';
  if (o.timestamps && isTimestamp(d, id)) return 'timestamps';
  if (o.fileOrder && (id === 'file.order' || id === 'archive.entry-order' || id === 'archive.image-order')) return 'fileOrder';
  if (o.ownerNames && (id === 'file.owner-name' || (id === 'archive.entry-owner' && (d.field === 'uname' || d.field === 'gname')))) return 'ownerNames';
  if (o.tarFormat && (id === 'file.tar-format' || id === 'archive.tar-format')) return 'tarFormat';
  if (o.imageName && id === 'index.annotations' && isImageName(d)) return 'imageName';
  if (o.modeBits && id === 'file.mode' && d.subject === 'file' && d.facts?.typeBitsOnly === true) return 'modeBits';
  return null;
}
