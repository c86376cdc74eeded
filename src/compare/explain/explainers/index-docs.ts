/**
 * The documents that tie an archive together (index.json, manifest.json, repositories) and
 * the set of images: annotations and tags (index.annotations), platforms or images present
 * on one side only (index.platforms), anything else no blob explains (index.field).
 * Descriptor digests that changed because a manifest did are consequences, never seen here.
 *
 * index.platforms is content-differs when a whole image is on one side only (the other side
 * lacks its filesystem: "same filesystem" would be false), same-filesystem when only a
 * descriptor's platform fields differ.
 */
import type { CauseId, DifferenceOf, Json } from '../../types';
import type { Explainer } from '../types';
import { CATALOG } from '../catalog';
import { evidence } from '../fields';
import { list, plural, show } from '../format';

type IndexDocsDifference = DifferenceOf<'index' | 'image'>;

function file(d: IndexDocsDifference): string {
  return (d.subject === 'index' ? d.facts?.file : undefined) ?? d.scope.path ?? 'index.json';
}

function claim(d: IndexDocsDifference): CauseId | null {
  if (d.subject === 'image') return 'index.platforms';
  if (d.kind === 'reordered') return 'archive.image-order';
  const f = d.field ?? '';
  if (/(^|\.)annotations\./.test(f) || /RepoTags/.test(f) || file(d) === 'repositories') return 'index.annotations';
  if (/\.platform(\.|$)/.test(f)) return 'index.platforms';
  return 'index.field';
}

function key(d: IndexDocsDifference): string {
  const f = d.field ?? '';
  const m = /annotations\.(.+)$/.exec(f);
  if (m) return m[1];
  if (/RepoTags/.test(f)) return `${file(d)} RepoTags`;
  return `${file(d)} ${fieldWords(d)}`;
}

/**
 * A `repositories` leaf is the JSON path `<repo>.<tag>` (json-diff joins keys with dots): said
 * as the tag it is, "tag app:latest", not "app.latest". The repository ends at the first dot
 * after its last slash (a registry host has dots, a plain repository name rarely does).
 */
function fieldWords(d: IndexDocsDifference): string {
  const f = d.field ?? '';
  if (file(d) !== 'repositories' || !f || f === '$') return f;
  const dot = f.indexOf('.', f.lastIndexOf('/') + 1);
  return dot > 0 ? `tag ${f.slice(0, dot)}:${f.slice(dot + 1)}` : `repository ${f}`;
}

export const indexDocsExplainer: Explainer<'index' | 'image'> = {
  name: 'index documents',
  subjects: ['index', 'image'],
  ids: ['index.annotations', 'index.platforms', 'index.field', 'archive.image-order'],
  claim,
  describe(id, roots, ctx) {
    const line = (d: IndexDocsDifference) =>
      d.subject === 'image' ? `${show(d.a ?? d.b)}: only in ${d.kind === 'added' ? 'B' : 'A'}` : `${file(d)} ${fieldWords(d)}: ${show(d.a)} → ${show(d.b)}`;
    const ev = evidence(roots, ctx, line, 5, undefined);
    const remedy = CATALOG[id].remedy;
    if (id === 'archive.image-order') {
      const files = [...new Set(roots.map(file))];
      const order = (v: Json | undefined) => (Array.isArray(v) ? v.map((x) => show(x)).join(', ') : show(v));
      return {
        summary: `${list(files)} ${files.length === 1 ? 'lists' : 'list'} the same images in another order (${roots
          .map((d) => `A: ${order(d.a)}; B: ${order(d.b)}`)
          .join('; ')}); each image is compared with its partner, not by position`,
        phrase: 'the images are listed in another order',
        evidence: evidence(roots, ctx, (d) => `${file(d)} order: ${order(d.a)} → ${order(d.b)}`, 5, undefined),
        remedy,
      };
    }
    if (id === 'index.annotations') {
      const keys = [...new Set(roots.map(key))];
      const stamps = roots.filter((d) => d.subject === 'index' && d.facts?.timestamp === true).length;
      return {
        summary: `Names and annotations of the images differ: ${list(keys, 4)}${stamps === roots.length ? ' (timestamps only)' : ''}`,
        phrase: `image names/annotations differ (${list(keys, 2)})`,
        evidence: ev,
        remedy,
      };
    }
    if (id === 'index.platforms') {
      const imgs = roots.filter((d) => d.subject === 'image');
      const onlyB = imgs.filter((d) => d.kind === 'added').map((d) => show(d.b));
      const onlyA = imgs.filter((d) => d.kind === 'removed').map((d) => show(d.a));
      const parts: string[] = [];
      if (onlyB.length) parts.push(`B has ${plural(onlyB.length, 'image')} A has not (${list(onlyB)})`);
      if (onlyA.length) parts.push(`A has ${plural(onlyA.length, 'image')} B has not (${list(onlyA)})`);
      if (imgs.length < roots.length) parts.push(`${plural(roots.length - imgs.length, 'platform field')} of the index differ`);
      return {
        summary: parts.join('; '),
        phrase: imgs.length
          ? `the sets of images differ (${list([...onlyA.map((x) => `${x} in A only`), ...onlyB.map((x) => `${x} in B only`)], 2)})`
          : 'index platforms differ',
        evidence: ev,
        remedy,
        category: imgs.length ? 'content-differs' : 'same-filesystem',
      };
    }
    const files = [...new Set(roots.map(file))];
    return {
      summary: `${plural(roots.length, 'field')} of ${list(files)} ${roots.length === 1 ? 'differs' : 'differ'} where no blob explains ${roots.length === 1 ? 'it' : 'them'}: ${list(
        roots.map((d) => d.field ?? '$'),
        4,
      )}`,
      phrase: `${list(files)} ${files.length === 1 ? 'differs' : 'differ'}`,
      evidence: ev,
      remedy,
    };
  },
};
