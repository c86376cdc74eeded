/**
 * The outer archive: its layout, its entries (present on one side, every header field, the
 * content of entries that are not digest-named blobs), their order, and its end (zero blocks,
 * trailing bytes, global pax headers). Entries pair by normalised path, occurrence by
 * occurrence. The outer file's compression is in outer-compression.ts.
 */
import type { InputReport, OuterEntryRecord } from '../../report/types';
import type { ContentKnownBy } from '../types';
import { bestRoot, type Collector } from './emit';
import type { Resolver } from './resolver';
import type { DocName } from './index-json';
import { compareRecords, isRegular } from './records';
import { orderDifference } from './files';
import { jsonEqual } from './values';

export function diffLayout(c: Collector, a: InputReport, b: InputReport): string | undefined {
  // An input that stopped early may have lost the files that name its layout (docker save
  // writes manifest.json last): its layout is not known, so it is not a difference.
  if (a.error || b.error) return undefined;
  let root: string | undefined;
  const notes = { notesA: a.format.notes, notesB: b.format.notes };
  if (a.format.layout !== b.format.layout && a.format.layout !== null && b.format.layout !== null) {
    root = c.add({
      id: 'layout:layout',
      subject: 'layout',
      kind: 'changed',
      scope: {},
      field: 'layout',
      a: a.format.layout,
      b: b.format.layout,
      facts: notes,
    }).id;
  }
  if (a.format.layoutLabel !== b.format.layoutLabel && a.format.layoutLabel !== null && b.format.layoutLabel !== null) {
    const d = c.add({
      id: 'layout:label',
      subject: 'layout',
      kind: 'changed',
      scope: {},
      field: 'label',
      a: a.format.layoutLabel,
      b: b.format.layoutLabel,
      facts: notes,
    });
    root ??= d.id;
  }
  return root;
}

const DOCS: Record<string, DocName> = { 'index.json': 'index.json', 'manifest.json': 'manifest.json', repositories: 'repositories' };
/** Names that say their content's digest (OCI blobs, docker configs, ggcr layers). */
const DIGEST_NAME = [/^blobs\/([a-z0-9]+)\/([0-9a-f]{32,})$/, /^()([0-9a-f]{64})\.(?:json|tar|tar\.gz|tgz)$/, /^(sha256):([0-9a-f]{64})$/];

type Known = { kind: 'sha256' | 'json'; value: string } | null;

/** What this side knows of an entry's bytes (see README "identicalBytes"). */
class ContentKnowledge {
  private readonly layerBlobs = new Map<string, string>();
  private readonly untrusted = new Set<string>();
  readonly layerEntries = new Set<string>();

  constructor(private readonly x: InputReport) {
    for (const img of x.images) {
      for (const l of img.layers) {
        if (l.entry) {
          this.layerEntries.add(l.entry);
          if (l.computed.blobSha256 && !l.error) this.layerBlobs.set(l.entry, l.computed.blobSha256.replace(/^sha256:/, ''));
        }
        if (l.via) this.layerEntries.add(l.via);
      }
    }
    for (const k of x.integrity.checks) {
      if (k.ok || k.kind !== 'blob-digest') continue;
      const i = k.message.indexOf(' hashes to ');
      if (i > 0) this.untrusted.add(k.message.slice(0, i));
    }
  }

  of(e: OuterEntryRecord): Known {
    if (e.sha256) return { kind: 'sha256', value: e.sha256.replace(/^sha256:/, '') };
    const blob = this.layerBlobs.get(e.path);
    if (blob) return { kind: 'sha256', value: blob };
    if (!this.untrusted.has(e.path)) {
      for (const re of DIGEST_NAME) {
        const m = re.exec(e.path);
        if (m && (m[1] === '' || m[1] === 'sha256')) return { kind: 'sha256', value: m[2] };
      }
    }
    const doc = DOCS[e.path];
    if (doc) {
      const v = doc === 'index.json' ? this.x.index?.json : doc === 'manifest.json' ? this.x.dockerManifest : this.x.repositories;
      if (v !== null && v !== undefined) return { kind: 'json', value: JSON.stringify(v) };
    }
    return null;
  }
}

function keyed(entries: OuterEntryRecord[]): { keys: string[]; map: Map<string, OuterEntryRecord> } {
  const map = new Map<string, OuterEntryRecord>();
  const keys = entries.map((e) => {
    let k = e.path;
    for (let n = 2; map.has(k); n++) k = `${e.path}#${n}`;
    map.set(k, e);
    return k;
  });
  return { keys, map };
}

export interface OuterResult {
  /** Regular entries present on both sides whose content could not be compared. */
  unknownContent: string[];
}

export function diffOuterEntries(
  c: Collector,
  r: Resolver,
  a: InputReport,
  b: InputReport,
  layoutRoot: string | undefined,
  docRoots: Map<DocName, string>,
): OuterResult {
  const res: OuterResult = { unknownContent: [] };
  const A = keyed(a.entries);
  const B = keyed(b.entries);
  const ka = new ContentKnowledge(a);
  const kb = new ContentKnowledge(b);
  const follows = (name: string) => r.exact(name) ?? r.find(name) ?? layoutRoot;
  const one = (key: string, e: OuterEntryRecord, side: 'a' | 'b') =>
    c.add({
      id: `outer:${key}:${side === 'a' ? '-' : '+'}`,
      subject: 'outer-entry',
      kind: side === 'a' ? 'removed' : 'added',
      scope: { path: e.path },
      ...(side === 'a' ? { a: { type: e.type, size: e.size } } : { b: { type: e.type, size: e.size } }),
      follows: follows(e.path),
      facts: { layer: ka.layerEntries.has(e.path) || kb.layerEntries.has(e.path) || undefined, isDir: e.type === 'dir' || undefined },
    });
  const commonA: string[] = [];
  a.entries.forEach((ea, i) => {
    const key = A.keys[i];
    const eb = B.map.get(key);
    if (!eb) {
      one(key, ea, 'a');
      return;
    }
    commonA.push(key);
    const symlinked = ka.layerEntries.has(ea.path) || kb.layerEntries.has(ea.path);
    compareRecords(
      ea,
      eb,
      (field, av, bv, facts) => {
        c.add({
          id: `outer:${key}:${field}`,
          subject: 'outer-entry',
          kind: 'changed',
          scope: { path: ea.path },
          field,
          a: av,
          b: bv,
          facts: { ...facts, ...(symlinked && (field === 'type' || field === 'linkname') ? { symlinkedLayer: true } : {}) },
        });
      },
      true,
    );
    if (ea.type !== eb.type || !isRegular(ea)) return;
    const xa = ka.of(ea);
    const xb = kb.of(eb);
    let known: ContentKnownBy;
    if (ea.size !== eb.size) known = 'size';
    else if (xa && xb && xa.kind === xb.kind) {
      if (xa.value === xb.value) return;
      known = xa.kind;
    } else {
      res.unknownContent.push(ea.path);
      return;
    }
    {
      const doc = DOCS[ea.path];
      c.add({
        id: `outer:${key}:content`,
        subject: 'outer-entry',
        kind: 'changed',
        scope: { path: ea.path },
        field: 'content',
        a: xa?.kind === 'sha256' ? xa.value : undefined,
        b: xb?.kind === 'sha256' ? xb.value : undefined,
        // A blob entry's bytes follow what explains that blob: its layer's root, or the failed
        // digest check when the bytes are not what the name promises.
        follows: doc ? docRoots.get(doc) : r.find(ea.path),
        facts: { sizeA: ea.size, sizeB: eb.size, known },
      });
    }
  });
  const commonB: string[] = [];
  b.entries.forEach((eb, j) => {
    const key = B.keys[j];
    if (A.map.has(key)) commonB.push(key);
    else one(key, eb, 'b');
  });
  const order = orderDifference(commonA, commonB);
  if (order) {
    const sorted = (x: OuterEntryRecord[]) => x.every((e, i) => i === 0 || x[i - 1].path <= e.path);
    c.add({
      id: 'outer-order',
      subject: 'outer-order',
      kind: 'reordered',
      scope: {},
      field: 'order',
      a: order.a,
      b: order.b,
      facts: {
        common: commonA.length,
        moved: order.moved,
        firstMismatch: { index: order.index, a: order.a, b: order.b },
        aSorted: sorted(a.entries),
        bSorted: sorted(b.entries),
      },
    });
  }
  return res;
}

export function diffOuterEnd(c: Collector, a: InputReport, b: InputReport): void {
  const ta = a.format.tar;
  const tb = b.format.tar;
  if (!ta || !tb) return;
  // Writers pad the tar to a whole record (GNU tar: 10 KiB): the zero blocks and bytes after
  // the end marker change with the size of what comes before. When anything else in the
  // archive differs, that padding follows it; alone, it is a difference of the writer.
  const padding = new Set(['zeroBlocks', 'trailingBytes']);
  const content = a.error || b.error ? undefined : bestRoot(c.list.filter((d) => !d.follows && d.subject !== 'input'));
  for (const k of ['zeroBlocks', 'trailingBytes', 'trailingGarbage', 'sawEndMarker'] as const) {
    if (ta[k] === tb[k]) continue;
    const follows = padding.has(k) ? content : undefined;
    c.add({ id: `outer-end:${k}`, subject: 'outer-end', kind: 'changed', scope: {}, field: k, a: ta[k], b: tb[k], ...(follows ? { follows } : {}) });
  }
  if (!jsonEqual(ta.globalPax, tb.globalPax)) {
    c.add({
      id: 'outer-end:globalPax',
      subject: 'outer-end',
      kind: 'changed',
      scope: {},
      field: 'globalPax',
      a: ta.globalPax,
      b: tb.globalPax,
      facts: { tarFormat: true },
    });
  }
}
