/**
 * A conformance check of differences against their subject's type (ggcr `validate` spirit):
 * the kind, the field and every fact, with nothing the type does not name. The spec below is
 * typed against the per-level interfaces: a fact the type has and the spec lacks, a fact the
 * spec names and the type does not, or a check of the wrong type does not compile; so what the
 * tests check at run time is what the explainers read at compile time. For tests and for
 * reports read back from a file; the differ itself never calls it.
 */
import type { Difference, DifferenceOf, FactsOf, FieldOf, Subject } from './union';

type Guard<T> = (v: unknown) => v is T;
/** A fact the type marks optional: absent is fine. */
type Optional<T> = Guard<T | undefined> & { optional: true };

/** One check per fact: optional facts need an `opt(…)` check, required ones a plain one. */
type FactsSpec<F> = { [K in keyof F]-?: Partial<Pick<F, K>> extends Pick<F, K> ? Optional<Exclude<F[K], undefined>> : Guard<F[K]> };

interface SubjectSpec<S extends Subject> {
  kinds: DifferenceOf<S>['kind'][];
  /** The field when present (and whether it must be). */
  field: Guard<FieldOf<S>> | null;
  fieldRequired: boolean;
  facts: FactsSpec<FactsOf<S>>;
  factsRequired: boolean;
}

const str: Guard<string> = (v): v is string => typeof v === 'string';
const num: Guard<number> = (v): v is number => typeof v === 'number' && Number.isFinite(v);
const bool: Guard<boolean> = (v): v is boolean => typeof v === 'boolean';
const yes: Guard<true> = (v): v is true => v === true;
function oneOf<T extends string | null>(...values: T[]): Guard<T> {
  return (v): v is T => (values as unknown[]).includes(v);
}
function nullable<T>(g: Guard<T>): Guard<T | null> {
  return (v): v is T | null => v === null || g(v);
}
function arrayOf<T>(g: Guard<T>): Guard<T[]> {
  return (v): v is T[] => Array.isArray(v) && v.every(g);
}
function matching(re: RegExp): Guard<never> {
  return (v): v is never => typeof v === 'string' && re.test(v);
}
function record<T>(shape: { [K in keyof T]-?: Guard<T[K]> }): Guard<T> {
  return (v): v is T =>
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.entries(shape).every(([k, g]) => (g as Guard<unknown>)((v as Record<string, unknown>)[k]));
}
function opt<T>(g: Guard<T>): Optional<T> {
  return Object.assign((v: unknown): v is T | undefined => v === undefined || g(v), { optional: true as const });
}

const incomplete = opt(yes);
const side = oneOf('a', 'b');
const sides = { kinds: ['added', 'removed', 'changed'] as ('added' | 'removed' | 'changed')[] };
const errorCode = oneOf('truncated', 'corrupt', 'unsupported', 'cancelled', 'internal');
const integrityKind = oneOf('blob-digest', 'blob-size', 'diff-id', 'reference', 'layer-count');
const jsonHints = { incomplete, timestamp: opt(yes), digest: opt(bool), annotation: opt(yes), label: opt(yes) };
const presence = { incomplete, isDir: opt(yes), whiteout: opt(oneOf('file', 'opaque')) };
const recordFacts = {
  ...presence,
  linknameA: opt(str),
  linknameB: opt(str),
  modeA: opt(num),
  modeB: opt(num),
  tarFormat: opt(yes),
  sizeA: opt(num),
  sizeB: opt(num),
  contentUnknown: opt(yes),
  typeBitsOnly: opt(yes),
  sameId: opt(bool),
  delta: opt(num),
  xattr: opt(str),
  pax: opt(yes),
};
const RECORD_FIELD =
  /^(type|linkname|content|size|mode|uid|gid|uname|gname|mtime|atime|ctime|devmajor|devminor|typeflag|rawName|format|longName|paxHeaderName|base256|xattrs\..+|pax\..+)$/;
const orderFacts = {
  incomplete,
  common: num,
  moved: num,
  firstMismatch: record<{ index: number; a: string; b: string }>({ index: num, a: str, b: str }),
  aSorted: bool,
  bSorted: bool,
};
const delta = (v: unknown): v is Record<string, { a: never; b: never }> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'object' && x !== null && 'a' in x && 'b' in x);
const algorithm = nullable(oneOf('none', 'gzip', 'zstd', 'bzip2', 'xz', 'lz4', 'unknown'));
const seekable = oneOf('estargz?', 'zstd:chunked?', null);
const platform = nullable(record<{ os: string; architecture: string }>({ os: str, architecture: str }));

export const SPECS: { [S in Subject]: SubjectSpec<S> } = {
  input: {
    kinds: ['changed'],
    field: oneOf('error'),
    fieldRequired: true,
    facts: { side, code: errorCode, component: str, message: str, offset: opt(num), path: opt(str), count: num, codes: arrayOf(errorCode), sameOnBoth: bool },
    factsRequired: true,
  },
  layout: {
    kinds: ['changed'],
    field: oneOf('layout', 'label'),
    fieldRequired: true,
    facts: { incomplete, notesA: arrayOf(str), notesB: arrayOf(str) },
    factsRequired: true,
  },
  'outer-compression': {
    kinds: ['changed'],
    field: matching(
      /^(algorithm|gzip\.(members|method|flags|mtime|xfl|os|ftext|fname|fcomment|extra|hcrc|compressedSize|uncompressedSize|crc32|trailingBytes)|zstd\.(frames|skippableFrames|kind|magic|windowSize|contentSize|dictionaryId|checksum|singleSegment|compressedSize|uncompressedSize|trailingBytes))$/,
    ),
    fieldRequired: true,
    facts: { incomplete, member: opt(num), frame: opt(num), header: opt(yes), streamOnly: opt(yes) },
    factsRequired: false,
  },
  'outer-entry': {
    ...sides,
    field: matching(RECORD_FIELD),
    fieldRequired: false,
    facts: { ...recordFacts, layer: opt(yes), symlinkedLayer: opt(yes), known: opt(oneOf('sha256', 'json', 'size')) },
    factsRequired: false,
  },
  'outer-order': { kinds: ['reordered'], field: oneOf('order'), fieldRequired: true, facts: orderFacts, factsRequired: true },
  'outer-end': {
    kinds: ['changed'],
    field: oneOf('zeroBlocks', 'trailingBytes', 'trailingGarbage', 'sawEndMarker', 'globalPax'),
    fieldRequired: true,
    facts: { incomplete, tarFormat: opt(yes) },
    factsRequired: false,
  },
  index: {
    kinds: [...sides.kinds, 'reordered'],
    field: str,
    fieldRequired: true,
    facts: { ...jsonHints, file: oneOf('index.json', 'manifest.json', 'repositories'), moved: opt(num) },
    factsRequired: true,
  },
  image: {
    kinds: ['added', 'removed'],
    field: null,
    fieldRequired: false,
    facts: { incomplete, kind: oneOf('image', 'attestation', 'unknown'), tags: arrayOf(str), platform, attests: opt(str), manifest: opt(str) },
    factsRequired: true,
  },
  manifest: {
    ...sides,
    field: str,
    fieldRequired: true,
    facts: { ...jsonHints, layerA: opt(num), layerB: opt(num), sameFields: opt(yes) },
    factsRequired: false,
  },
  config: { ...sides, field: str, fieldRequired: true, facts: { ...jsonHints, sameJson: opt(yes) }, factsRequired: false },
  history: { ...sides, field: matching(/^history(\[\d+\].*)?$/), fieldRequired: true, facts: jsonHints, factsRequired: false },
  layer: {
    kinds: ['added', 'removed'],
    field: null,
    fieldRequired: false,
    facts: {
      incomplete,
      diffId: nullable(str),
      duplicateOf: nullable(num),
      createdBy: nullable(str),
      mediaType: nullable(str),
      size: nullable(num),
      fileCount: nullable(num),
    },
    factsRequired: true,
  },
  'layer-blob': {
    kinds: ['changed'],
    field: oneOf('digest'),
    fieldRequired: true,
    facts: {
      incomplete,
      sameDiffId: bool,
      diffIdA: nullable(str),
      diffIdB: nullable(str),
      algorithmA: algorithm,
      algorithmB: algorithm,
      mediaTypeA: nullable(str),
      mediaTypeB: nullable(str),
      sizeA: nullable(num),
      sizeB: nullable(num),
      uncompressedSizeA: nullable(num),
      uncompressedSizeB: nullable(num),
      seekableA: seekable,
      seekableB: seekable,
      gzip: opt(delta),
      gzipMembersA: opt(nullable(num)),
      gzipMembersB: opt(nullable(num)),
      gzipHeaderOnly: opt(bool),
      zstd: opt(delta),
      zstdFramesA: opt(nullable(num)),
      zstdFramesB: opt(nullable(num)),
      filesUnknown: opt(yes),
      unreadSide: opt(oneOf('a', 'b', 'both')),
      filesEqual: opt(yes),
    },
    factsRequired: true,
  },
  integrity: {
    kinds: ['changed'],
    field: integrityKind,
    fieldRequired: true,
    facts: { incomplete, side, kind: integrityKind, subject: str, expected: opt(str), actual: opt(str), message: str, sameOnBoth: bool },
    factsRequired: true,
  },
  file: {
    ...sides,
    field: matching(RECORD_FIELD),
    fieldRequired: false,
    facts: { ...recordFacts, timestampOnly: opt(oneOf('pyc-source-mtime', 'zip-entry-times', 'gzip-mtime')) },
    factsRequired: false,
  },
  'file-order': { kinds: ['reordered'], field: oneOf('order'), fieldRequired: true, facts: orderFacts, factsRequired: true },
  merged: {
    ...sides,
    field: oneOf('version'),
    fieldRequired: false,
    facts: {
      incomplete,
      fields: opt(arrayOf(oneOf('type', 'content', 'size', 'linkname', 'mode', 'uid', 'gid', 'mtime'))),
      layerA: opt(num),
      layerB: opt(num),
    },
    factsRequired: true,
  },
};

const KEYS = new Set(['id', 'subject', 'kind', 'scope', 'field', 'a', 'b', 'follows', 'facts']);

/** What is wrong with one difference ([] when it is what its subject's type says). */
export function differenceErrors(d: unknown): string[] {
  if (typeof d !== 'object' || d === null) return ['not an object'];
  const x = d as Record<string, unknown>;
  const id = typeof x.id === 'string' ? x.id : '(no id)';
  const spec = (SPECS as Record<string, SubjectSpec<Subject> | undefined>)[String(x.subject)];
  if (!spec) return [`${id}: unknown subject ${String(x.subject)}`];
  const out: string[] = [];
  for (const k of Object.keys(x)) if (!KEYS.has(k)) out.push(`${id}: unknown key ${k}`);
  if (typeof x.id !== 'string') out.push(`${id}: no id`);
  if (typeof x.scope !== 'object' || x.scope === null) out.push(`${id}: no scope`);
  if (x.follows !== undefined && typeof x.follows !== 'string') out.push(`${id}: follows is not an id`);
  if (!(spec.kinds as unknown[]).includes(x.kind)) out.push(`${id}: kind ${String(x.kind)} is not one of ${spec.kinds.join(', ')}`);
  if (x.field === undefined) {
    if (spec.fieldRequired) out.push(`${id}: no field`);
  } else if (!spec.field?.(x.field)) out.push(`${id}: field ${JSON.stringify(x.field)} is not one of ${x.subject}'s`);
  if (x.facts === undefined) {
    if (spec.factsRequired) out.push(`${id}: no facts`);
    return out;
  }
  if (typeof x.facts !== 'object' || x.facts === null || Array.isArray(x.facts)) return [...out, `${id}: facts is not an object`];
  const facts = x.facts as Record<string, unknown>;
  const checks = spec.facts as Record<string, Guard<unknown>>;
  for (const k of Object.keys(facts)) if (!checks[k]) out.push(`${id}: fact ${k} is not one of ${x.subject}'s`);
  for (const [k, g] of Object.entries(checks)) if (!g(facts[k])) out.push(`${id}: fact ${k} = ${JSON.stringify(facts[k])} does not fit`);
  return out;
}

/** Every error of a list of differences (a DiffResult's, a report's). */
export function differencesErrors(list: readonly (Difference | unknown)[]): string[] {
  return list.flatMap(differenceErrors);
}
