/**
 * A comparison's summary in words, for the written reports: the verdict as a sentence and
 * what the options ignored. Apart from format.ts because the page does not use them (it has
 * its own badge words, src/ui/verdictText.ts), and format.ts is in the page's first chunk.
 */
import type { IgnoreOptions, Verdict } from '../compare/types';

export const VERDICT_TEXT: Record<Verdict, string> = {
  identical: 'identical: the two archives are byte-for-byte the same',
  'same-image': 'same image: only the packaging of the archive differs',
  'same-filesystem': 'same filesystem: same config and uncompressed layers; blobs, manifests or index differ',
  'metadata-only': 'metadata only: same files and contents; timestamps, ownership, modes, order or format differ',
  'content-differs': 'content differs: file contents, existence or type, or a config field differ',
  unreadable: 'unreadable: an input could not be read far enough to compare',
};

/** "timestamps, file order, paths /var/log/**" or "" when nothing is ignored. */
export function ignoredText(o: IgnoreOptions | undefined): string {
  if (!o) return '';
  const parts: string[] = [];
  if (o.timestamps) parts.push('timestamps');
  if (o.fileOrder) parts.push('file order');
  if (o.ownerNames) parts.push('owner names');
  if (o.tarFormat) parts.push('tar format');
  if (o.history) parts.push('history');
  if (o.imageName) parts.push('image names');
  if (o.modeBits) parts.push('redundant mode bits');
  if (o.paths?.length) parts.push(`paths ${o.paths.join(', ')}`);
  return parts.join(', ');
}
