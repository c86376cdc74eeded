/**
 * Which image of A is compared with which image of B (Pairing.images): by identity, not by
 * position: the same config digest, then the same tag, then the platform, then the position;
 * one image on each side pairs as 'only'. The order the archive lists them in is compared
 * apart (image-order.ts). Attestation manifests
 * (BuildKit provenance/SBOM, kind 'attestation') pair with the attestation of the image their
 * own image is paired with ('attests'); leftovers pair by position.
 */
import type { ImageReport, InputReport } from '../../report/types';
import type { Pairing } from '../types';

export type ImagePair = Pairing['images'][number];

/** docker.io/library/x:1, docker.io/x:1, x:1 are one name (distribution reference defaults). */
export function normalTag(t: string): string {
  let s = t.replace(/^docker\.io\//, '').replace(/^index\.docker\.io\//, '');
  s = s.replace(/^library\//, '');
  const slash = s.lastIndexOf('/');
  if (s.lastIndexOf(':') <= slash && !s.includes('@')) s += ':latest';
  return s;
}

/** The tag part alone (OCI `org.opencontainers.image.ref.name` is often just "v1"). */
function bareTag(t: string): string {
  const slash = t.lastIndexOf('/');
  const colon = t.lastIndexOf(':');
  return colon > slash ? t.slice(colon + 1) : t;
}

function platformKey(img: ImageReport): string {
  const p = img.platform;
  if (p) return `${p.os}/${p.architecture}${p.variant ? '/' + p.variant : ''}`;
  if (img.os || img.architecture) return `${img.os ?? '?'}/${img.architecture ?? '?'}`;
  return '';
}

export function imageLabel(img: ImageReport, j: number): string {
  const tag = img.tags[0] ?? `image ${j + 1}`;
  const p = platformKey(img);
  const base = p ? `${tag} (${p})` : tag;
  return img.kind === 'attestation' ? `attestation ${base}` : base;
}

/** Attestations are named after the image they attest: "attestation of app:1 (linux/amd64)". */
function labelOf(images: ImageReport[], i: number): string {
  const img = images[i];
  if (img.kind === 'attestation' && img.attests) {
    const s = images.findIndex((x) => x.manifest?.digest === img.attests);
    if (s >= 0) return `attestation of ${imageLabel(images[s], s)}`;
  }
  return imageLabel(img, i);
}

function pairBy(
  A: number[],
  B: number[],
  usedA: Set<number>,
  usedB: Set<number>,
  match: (i: number, j: number) => boolean,
  by: ImagePair['by'],
  out: Map<number, { b: number; by: ImagePair['by'] }>,
): void {
  for (const i of A) {
    if (usedA.has(i)) continue;
    for (const j of B) {
      if (usedB.has(j) || !match(i, j)) continue;
      usedA.add(i);
      usedB.add(j);
      out.set(i, { b: j, by });
      break;
    }
  }
}

export function pairImages(a: InputReport, b: InputReport): ImagePair[] {
  const ia = a.images;
  const ib = b.images;
  const mainA = ia.map((_, i) => i).filter((i) => ia[i].kind !== 'attestation');
  const mainB = ib.map((_, j) => j).filter((j) => ib[j].kind !== 'attestation');
  const attA = ia.map((_, i) => i).filter((i) => ia[i].kind === 'attestation');
  const attB = ib.map((_, j) => j).filter((j) => ib[j].kind === 'attestation');
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs = new Map<number, { b: number; by: ImagePair['by'] }>();

  if (mainA.length === 1 && mainB.length === 1) {
    pairBy(mainA, mainB, usedA, usedB, () => true, 'only', pairs);
  } else {
    const tagsA = ia.map((x) => new Set(x.tags.map(normalTag)));
    const bareA = ia.map((x) => new Set(x.tags.map(bareTag)));
    // Identity first: the same config digest is the same image (its layers and settings), and
    // among images sharing a config (one image under two tags), the same tag decides.
    const sameConfig = (i: number, j: number) => ia[i].config.digest !== null && ia[i].config.digest === ib[j].config.digest;
    pairBy(mainA, mainB, usedA, usedB, (i, j) => sameConfig(i, j) && ib[j].tags.some((t) => tagsA[i].has(normalTag(t))), 'config', pairs);
    pairBy(mainA, mainB, usedA, usedB, sameConfig, 'config', pairs);
    pairBy(mainA, mainB, usedA, usedB, (i, j) => ib[j].tags.some((t) => tagsA[i].has(normalTag(t))), 'tag', pairs);
    pairBy(mainA, mainB, usedA, usedB, (i, j) => ib[j].tags.some((t) => bareA[i].has(bareTag(t))), 'tag', pairs);
    pairBy(mainA, mainB, usedA, usedB, (i, j) => platformKey(ia[i]) !== '' && platformKey(ia[i]) === platformKey(ib[j]), 'platform', pairs);
    pairBy(mainA, mainB, usedA, usedB, () => true, 'position', pairs);
  }

  // Attestations follow their subjects' pairing.
  const byDigestB = new Map<string, number>();
  ib.forEach((x, j) => {
    if (x.manifest) byDigestB.set(x.manifest.digest, j);
  });
  const subjectA = (i: number) => ia.findIndex((x) => x.manifest?.digest === ia[i].attests);
  pairBy(
    attA,
    attB,
    usedA,
    usedB,
    (i, j) => {
      const s = subjectA(i);
      const pb = s >= 0 ? pairs.get(s)?.b : undefined;
      return pb !== undefined && ib[j].attests !== undefined && byDigestB.get(ib[j].attests!) === pb;
    },
    'attests',
    pairs,
  );
  pairBy(attA, attB, usedA, usedB, () => true, 'position', pairs);

  const out: ImagePair[] = [];
  for (let i = 0; i < ia.length; i++) {
    const p = pairs.get(i);
    const label = labelOf(ia, i);
    out.push(p ? { a: i, b: p.b, label, by: p.by } : { a: i, b: null, label, by: 'unpaired' });
  }
  for (let j = 0; j < ib.length; j++) if (!usedB.has(j)) out.push({ a: null, b: j, label: labelOf(ib, j), by: 'unpaired' });
  return out;
}
