/** The fallback: a tar that is not an image archive (its files are inspected as they are). */
import type { LayoutReader } from './types';

export const plain: LayoutReader = {
  id: 'plain',
  label: 'plain tar (not an image archive)',
  detect: () => true,
  read(l) {
    return {
      layout: 'plain',
      layoutLabel: this.label,
      notes: [
        l.entries.length
          ? `no manifest.json, index.json, oci-layout or repositories: read as a plain tar of ${l.entries.length} entries`
          : 'an empty tar: no entries before the end-of-archive marker',
      ],
      images: [],
      errors: [],
    };
  },
};
