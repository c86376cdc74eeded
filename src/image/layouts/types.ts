import type { ImageArchive, LayoutId, OuterListing } from '../model';

/** One archive layout. Readers are tried in registry order; `read` never throws. */
export interface LayoutReader {
  id: LayoutId;
  label: string;
  detect(l: OuterListing): boolean;
  read(l: OuterListing): ImageArchive;
}
