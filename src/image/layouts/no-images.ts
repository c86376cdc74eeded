/**
 * An archive that a layout reader claims but that holds no image at all — manifest.json
 * holding `[]`, an index.json with no manifests, or only descriptors of media types that are
 * not image manifests — was read as if all were fine (exit 0). It is an error that names the
 * problem now: the archive was read to its end, but there is nothing in it to inspect.
 * Only when the reader found nothing wrong itself: otherwise its errors already say why.
 */
import type { ErrorInfo } from '../../io/errors';
import type { ImageArchive, OuterListing } from '../model';
import { Outer } from '../resolve';

export function noImagesError(archive: ImageArchive, l: OuterListing): ErrorInfo | null {
  if (archive.layout === 'plain' || archive.images.length > 0 || archive.errors.length > 0 || l.truncatedAt !== undefined) return null;
  const o = Outer.of(l);
  const files = ['index.json', 'manifest.json', 'repositories'].filter((f) => o.has(f));
  const component = files[0] ?? archive.layoutLabel ?? 'archive';
  const skipped = archive.notes.filter((n) => n.includes('not an image manifest'));
  const why = skipped.length ? `: ${skipped.length} descriptor${skipped.length > 1 ? 's' : ''} of other media types skipped` : '';
  const where = files.length ? files.join(' and ') : 'the archive';
  return { code: 'corrupt', component, message: `${component}: ${where} hold${files.length === 1 ? 's' : ''} no images${why}`, path: files[0] };
}
