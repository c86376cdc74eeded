/** Verdicts in words (causes.md): the badge label, its meaning, and its colour class. Pure. */
import type { Verdict } from '../compare/types';

export const VERDICT_LABEL: Record<Verdict, string> = {
  identical: 'Identical',
  'same-image': 'Same image',
  'same-filesystem': 'Same filesystem',
  'metadata-only': 'Metadata only',
  'content-differs': 'Content differs',
  unreadable: 'Unreadable',
};

export const VERDICT_MEANING: Record<Verdict, string> = {
  identical: 'the two archives are byte-for-byte the same',
  'same-image': 'the images inside are the same (same config, same layer blobs); only the packaging of the archive differs',
  'same-filesystem': 'same config and same uncompressed layers (diff_ids); blobs, manifests or index differ',
  'metadata-only': 'the files and their contents are the same; timestamps, ownership, modes, order, tar format or config timestamps differ',
  'content-differs': "at least one file's content, existence or type differs, or a config field other than a timestamp",
  unreadable: 'an input could not be read far enough to compare; the report says what was read',
};

/** Colour family: same (green), packaging (teal), metadata (amber), content (red), unreadable (red, outlined). */
export const VERDICT_TONE: Record<Verdict, 'same' | 'packaging' | 'metadata' | 'content' | 'unreadable'> = {
  identical: 'same',
  'same-image': 'same',
  'same-filesystem': 'packaging',
  'metadata-only': 'metadata',
  'content-differs': 'content',
  unreadable: 'unreadable',
};

/** A shape next to the colour, so the verdict does not rely on colour alone (WCAG 1.4.1). */
export const VERDICT_ICON: Record<Verdict, string> = {
  identical: '=',
  'same-image': '≡',
  'same-filesystem': '≈',
  'metadata-only': '~',
  'content-differs': '≠',
  unreadable: '!',
};
