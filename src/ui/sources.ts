/**
 * What an input slot holds, and where dropped files go. A `Source` is a re-readable Blob
 * (STYLE.md habit 3: never buffered) with the name the report shows. Today sources come from
 * file inputs and drops; a later `?a=URL&b=URL` loader only has to produce `Source`s and hand
 * them to `App` through its `initial` prop (or `choose()`), nothing else in the page changes.
 */
export type Side = 'a' | 'b';

export interface Source {
  name: string;
  size: number;
  blob: Blob;
  /** Set when the archive came from a URL (src/remote): where, and how it is read. */
  remote?: { url: string; mode: 'range' | 'download' };
}

export interface Slots {
  a: Source | null;
  b: Source | null;
}

export const NO_SLOTS: Slots = { a: null, b: null };

export function fileSource(file: File): Source {
  return { name: file.name, size: file.size, blob: file };
}

/**
 * Where files dropped (or picked several at once) go. Two or more: the first is Archive A,
 * the second Archive B, the rest are ignored. One file dropped on a slot goes to that slot;
 * dropped elsewhere on the page it fills the first empty slot, and when both are full it
 * replaces B, so A stays the reference a person compares other archives against.
 */
export function assignFiles(files: readonly File[], slots: Slots, target?: Side): Partial<Record<Side, File>> {
  if (files.length === 0) return {};
  if (files.length >= 2) return { a: files[0], b: files[1] };
  const f = files[0];
  if (target) return { [target]: f };
  if (!slots.a) return { a: f };
  return { b: f };
}

/** What the page does with the slots: nothing, inspect the one archive, or compare the two. */
export type Plan = { kind: 'none' } | { kind: 'inspect'; source: Source } | { kind: 'compare'; a: Source; b: Source };

export function plan(slots: Slots): Plan {
  if (slots.a && slots.b) return { kind: 'compare', a: slots.a, b: slots.b };
  const one = slots.a ?? slots.b;
  return one ? { kind: 'inspect', source: one } : { kind: 'none' };
}
