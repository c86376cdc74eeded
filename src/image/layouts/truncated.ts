/**
 * A listing cut short (the archive ends early) that no layout reader claims: docker save
 * writes manifest.json and repositories last, Docker 25+ writes index.json and oci-layout after
 * the blobs, so a truncated image archive often lost the very files that name its layout.
 * Rather than "plain tar (not an image archive)", say what it was becoming, from the names
 * read before the cut, and where it ends: "docker-archive, truncated at byte 52,428,800".
 * Its content is still read as a plain listing (layout `plain`): no image can be built from it.
 */
import type { ImageArchive, OuterListing } from '../model';
import { LEGACY_LABELS } from './docker-legacy';
import { plain } from './plain';

const HEX64 = '[0-9a-f]{64}';

const GUESSES: { label: string; test: (names: string[]) => boolean }[] = [
  {
    // docker save before 25: <id>/layer.tar, <id>/json, <id>/VERSION
    label: LEGACY_LABELS.docker,
    test: (ns) => ns.some((n) => new RegExp(`^${HEX64}/(layer\\.tar|json|VERSION)$`).test(n)),
  },
  {
    // containers/image's docker-archive (skopeo, podman): <hex>.tar layers, <hex>.json config
    label: 'docker-archive (containers/image writer: skopeo, podman)',
    test: (ns) => ns.some((n) => new RegExp(`^${HEX64}\\.(tar|json)$`).test(n)),
  },
  {
    // blobs/sha256/…: an OCI image layout; Docker 25+ writes the same blobs before its index.json, manifest.json
    label: 'OCI image layout or docker save (Docker 25+)',
    test: (ns) => ns.some((n) => n === 'oci-layout' || /^blobs\/[a-z0-9]+\/[0-9a-f]{32,}$/.test(n)),
  },
  {
    // ggcr's tarball writer (crane, kaniko, ko): <hex>.tar.gz layers, sha256:<hex> config
    label: 'image tarball (go-containerregistry writer: crane, kaniko, ko)',
    test: (ns) => ns.some((n) => new RegExp(`^(sha256:${HEX64}|${HEX64}\\.tar\\.gz)$`).test(n)),
  },
];

/** The layout a truncated listing was becoming, or null when its names say nothing. */
export function truncatedLayoutGuess(l: OuterListing): string | null {
  const names = l.entries.map((e) => e.name.replace(/^\.\//, '').replace(/\/$/, ''));
  return GUESSES.find((g) => g.test(names))?.label ?? null;
}

function entries(n: number): string {
  return n === 1 ? 'the 1 entry' : `the ${n.toLocaleString('en-US')} entries`;
}

export function readTruncated(l: OuterListing, at: number): ImageArchive {
  const base = plain.read(l);
  const guess = truncatedLayoutGuess(l);
  const where = `truncated at byte ${at.toLocaleString('en-US')}`;
  return {
    ...base,
    layoutLabel: `${guess ?? 'tar'}, ${where}`,
    notes: [
      guess
        ? `the archive ends at byte ${at.toLocaleString('en-US')}, before the files that name its layout: ${entries(l.entries.length)} read ${l.entries.length === 1 ? 'looks' : 'look'} like ${guess}`
        : `the archive ends at byte ${at.toLocaleString('en-US')}; ${entries(l.entries.length)} read ${l.entries.length === 1 ? 'does' : 'do'} not name an image layout`,
    ],
  };
}

/**
 * A reader claimed a truncated listing: its label gets where the archive ends. A legacy
 * docker save cut before its manifest.json (written last) looks like one from before Docker
 * 1.10 (which had none): the cut is the likelier reason, so it is named as a docker save.
 */
export function truncatedLabel(label: string, at: number): string {
  const base = label === LEGACY_LABELS.pre110 ? LEGACY_LABELS.docker : label;
  return `${base}, truncated at byte ${at.toLocaleString('en-US')}`;
}
