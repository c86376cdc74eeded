/**
 * The outer archive's own entries (the tar that `docker save` writes, not the layers): header
 * times (archive.entry-mtime), owners (archive.entry-owner), modes and xattrs
 * (archive.entry-mode), header encoding and the archive's end (archive.tar-format), a layer
 * stored as a symlink on one side (archive.symlinked-layer), entries on one side only or with
 * other bytes that no image-level difference explains (archive.entry-added/-removed/-content),
 * and their order (archive.entry-order). All of these leave the images the same: same-image.
 */
import type { CauseId, DifferenceOf } from '../../types';
import type { Explainer } from '../types';
import { CATALOG } from '../catalog';
import { evidence, num as asNum } from '../fields';
import { capitalise, isoTime, list, num, octal, plural, show, tally } from '../format';
import { timePattern } from '../time-pattern';

const TIME = new Set(['mtime', 'atime', 'ctime']);
const OWNER = new Set(['uid', 'gid', 'uname', 'gname']);

type OuterDifference = DifferenceOf<'outer-entry' | 'outer-order' | 'outer-end'>;

function claim(d: OuterDifference): CauseId | null {
  if (d.subject === 'outer-order') return 'archive.entry-order';
  if (d.subject === 'outer-end') return 'archive.tar-format';
  if (d.kind === 'added') return 'archive.entry-added';
  if (d.kind === 'removed') return 'archive.entry-removed';
  const f = d.field ?? '';
  if (d.facts?.symlinkedLayer === true) return 'archive.symlinked-layer';
  if (TIME.has(f)) return 'archive.entry-mtime';
  if (OWNER.has(f)) return 'archive.entry-owner';
  if (f === 'mode' || f.startsWith('xattrs.')) return 'archive.entry-mode';
  if (d.facts?.tarFormat === true || f.startsWith('pax.') || f === 'devmajor' || f === 'devminor') return 'archive.tar-format';
  return 'archive.entry-content';
}

function path(d: OuterDifference): string {
  return d.scope.path ?? '';
}

function changeLine(d: OuterDifference): string {
  const f = d.field ?? '';
  const fmt = TIME.has(f) ? isoTime : f === 'mode' ? octal : show;
  return `${path(d) || 'archive'}: ${f} ${fmt(d.a)} → ${fmt(d.b)}`;
}

export const archiveEntriesExplainer: Explainer<'outer-entry' | 'outer-order' | 'outer-end'> = {
  name: 'archive entries',
  subjects: ['outer-entry', 'outer-order', 'outer-end'],
  ids: [
    'archive.entry-mtime',
    'archive.entry-owner',
    'archive.entry-mode',
    'archive.tar-format',
    'archive.symlinked-layer',
    'archive.entry-added',
    'archive.entry-removed',
    'archive.entry-content',
    'archive.entry-order',
  ],
  claim,
  describe(id, roots, ctx) {
    const n = roots.length;
    const entries = new Set(roots.map(path)).size;
    const remedy = CATALOG[id].remedy;
    const ev = (text = changeLine) => evidence(roots, ctx, text);
    switch (id) {
      case 'archive.entry-mtime': {
        const pattern = timePattern(
          roots.map((d) => ({ a: asNum(d.a), b: asNum(d.b) })),
          'time',
        );
        const fields = [...new Set(roots.map((d) => d.field))].join('/');
        return {
          summary: `${plural(entries, 'entry', 'entries')} of the archive itself ${entries === 1 ? 'has' : 'have'} another ${fields}${pattern ? `; ${pattern}` : ''} (the time of the export, not of the image)`,
          phrase: `the archive's own timestamps differ`,
          evidence: ev(),
          remedy,
        };
      }
      case 'archive.entry-owner': {
        const pairs = tally(roots.map((d) => `${d.field} ${show(d.a)} → ${show(d.b)}`));
        return {
          summary: `${plural(entries, 'archive entry', 'archive entries')} ${entries === 1 ? 'has' : 'have'} another owner: ${list(pairs.map((p) => p.value))}`,
          phrase: `the archive entries' owners differ`,
          evidence: ev(),
          remedy,
        };
      }
      case 'archive.entry-mode': {
        const pairs = tally(roots.map((d) => (d.field === 'mode' ? `${octal(d.a)} → ${octal(d.b)}` : `${d.field} differs`)));
        return {
          summary: `${plural(entries, 'archive entry', 'archive entries')} ${entries === 1 ? 'has' : 'have'} other modes: ${list(pairs.map((p) => p.value))}`,
          phrase: `the archive entries' modes differ`,
          evidence: ev(),
          remedy,
        };
      }
      case 'archive.tar-format': {
        const fields = tally(roots.map((d) => (d.subject === 'outer-end' ? `end of archive: ${d.field}` : (d.field ?? ''))));
        return {
          summary: `The archive's tar headers are written differently (${list(fields.map((f) => f.value))}); the entries and their metadata are the same`,
          phrase: `the archive's tar encoding differs`,
          evidence: ev((d) => (d.subject === 'outer-end' ? `end of archive: ${d.field} ${show(d.a)} → ${show(d.b)}` : changeLine(d))),
          remedy,
        };
      }
      case 'archive.symlinked-layer':
        return {
          summary: `${plural(entries, 'layer entry', 'layer entries')} of the archive ${entries === 1 ? 'is' : 'are'} stored as a symlink on one side and as a file on the other (a duplicate layer stored once)`,
          phrase: `duplicate layers are stored as symlinks on one side`,
          evidence: ev(),
          remedy,
        };
      case 'archive.entry-added':
      case 'archive.entry-removed': {
        const side = id === 'archive.entry-added' ? 'B' : 'A';
        const names = roots.map(path);
        return {
          summary: `${capitalise(plural(n, 'archive entry', 'archive entries'))} ${n === 1 ? 'exists' : 'exist'} in ${side} only: ${list(names)}; no image refers to ${n === 1 ? 'it' : 'them'}`,
          phrase: `${plural(n, 'extra archive entry', 'extra archive entries')} in ${side}`,
          evidence: ev((d) => `${path(d)}: only in ${side} (${show((side === 'B' ? d.b : d.a) as never)})`),
          remedy,
        };
      }
      case 'archive.entry-order': {
        const d = roots[0];
        // Only `outer-order` is claimed as this cause.
        const f = d.subject === 'outer-order' ? d.facts : undefined;
        const common = asNum(f?.common);
        const sorted = f?.aSorted === true ? 'A is sorted by name, B is not' : f?.bSorted === true ? 'B is sorted by name, A is not' : '';
        return {
          summary: `The archive holds the same ${common !== undefined ? `${num(common)} ` : ''}entries in another order${sorted ? `; ${sorted}` : ''}`,
          phrase: `the archive's entries are in another order`,
          evidence: [
            {
              text: `first difference at position ${num(asNum(f?.firstMismatch?.index) ?? 0)}: ${show(d.a)} in A, ${show(d.b)} in B`,
              difference: d.id,
              a: d.a,
              b: d.b,
              where: 'the archive',
            },
          ],
          remedy,
        };
      }
      default: {
        return {
          summary: `${capitalise(plural(entries, 'archive entry', 'archive entries'))} not tied to the images ${entries === 1 ? 'has' : 'have'} other bytes: ${list(roots.map(path))}`,
          phrase: `${plural(entries, 'archive entry', 'archive entries')} ${entries === 1 ? 'differs' : 'differ'}`,
          evidence: ev((d) => `${path(d)}: ${d.field} ${show(d.a)} → ${show(d.b)}`),
          remedy,
        };
      }
    }
  },
};
