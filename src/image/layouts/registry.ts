/**
 * The layout readers, most specific first (STYLE.md: registries, not switch statements).
 * Docker 25+ (OCI layout + manifest.json) must come before plain OCI; the ggcr tarball
 * (top-level layer files) before legacy docker save (which also has manifest.json).
 */
import { toErrorInfo } from '../../io/errors';
import type { ImageArchive, OuterListing } from '../model';
import { dockerLegacy } from './docker-legacy';
import { dockerOci } from './docker-oci';
import { dockerTarball } from './docker-tarball';
import { oci } from './oci';
import { plain } from './plain';
import { readTruncated, truncatedLabel } from './truncated';
import { noImagesError } from './no-images';
import type { LayoutReader } from './types';

export type { LayoutReader } from './types';

export const LAYOUTS: readonly LayoutReader[] = [dockerOci, oci, dockerTarball, dockerLegacy, plain];

/** The first reader that detects the listing reads it; never throws. A truncated listing says
 *  where it ends in its label; one that only `plain` claims is named by the layout it was
 *  becoming (truncated.ts). */
export function readLayout(l: OuterListing): ImageArchive {
  for (const r of LAYOUTS) {
    let hit = false;
    try {
      hit = r.detect(l);
    } catch {
      hit = false; // a detector that trips over odd input just does not claim it
    }
    if (!hit) continue;
    if (r === plain && l.truncatedAt !== undefined) return readTruncated(l, l.truncatedAt);
    try {
      const archive = r.read(l);
      const none = noImagesError(archive, l);
      if (none) archive.errors.push(none);
      if (l.truncatedAt !== undefined) archive.layoutLabel = truncatedLabel(archive.layoutLabel, l.truncatedAt);
      return archive;
    } catch (e) {
      // A reader bug must still leave a report: say which reader failed.
      return { layout: r.id, layoutLabel: r.label, notes: [], images: [], errors: [toErrorInfo(e, `${r.label} reader`)] };
    }
  }
  return plain.read(l);
}
