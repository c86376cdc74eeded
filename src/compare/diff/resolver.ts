/**
 * Digest and name → the root difference that explains why that blob changed. Levels register
 * what they found (a layer pair's root under both blob digests, diff_ids and outer entry
 * names; a config's root under both config digests; …) and later levels look up the digests a
 * changed JSON leaf or outer entry name mentions, to set `follows` (README: "follows").
 * The first registration of a key wins: paired images register before unpaired ones, so a
 * layer shared with an unpaired image keeps its own pair's root.
 */
import { hexesIn } from './values';

export class Resolver {
  private readonly keys = new Map<string, string>();

  /** Registers a digest ('sha256:<hex>'), an outer entry name, or a bare hex. */
  add(key: string | null | undefined, id: string | undefined): void {
    if (!key || !id) return;
    if (!this.keys.has(key)) this.keys.set(key, id);
    for (const h of hexesIn(key)) if (!this.keys.has(h)) this.keys.set(h, id);
  }

  /** The id registered for an exact key (an entry name, a digest). */
  exact(key: string | null | undefined): string | undefined {
    return key ? this.keys.get(key) : undefined;
  }

  /** The id registered for the first digest (64 hex) any of the strings mentions. */
  find(...values: unknown[]): string | undefined {
    for (const v of values) {
      if (typeof v === 'string') {
        const e = this.keys.get(v);
        if (e) return e;
      }
    }
    for (const h of hexesIn(...values)) {
      const id = this.keys.get(h);
      if (id) return id;
    }
    return undefined;
  }
}
