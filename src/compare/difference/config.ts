/**
 * The image config (diff/config.ts, OCI image-spec config.md) leaf by leaf: `history[…]`
 * leaves are `history` differences, the rest (and the config's digest) `config`.
 */
import type { DifferenceCore, JsonHints } from './base';

export interface ConfigFacts extends JsonHints {
  /** `digest` when the parsed JSON is equal (same content serialised differently). */
  sameJson?: true;
}

/** `field`: a JSON path (`created`, `config.Env[3]`, `config.Labels.x`, `rootfs.diff_ids[1]`) or `digest`. */
export interface ConfigDifference extends DifferenceCore {
  subject: 'config';
  kind: 'added' | 'removed' | 'changed';
  field: string;
  facts?: ConfigFacts;
}

/** `field`: `history[2].created`, `history[2].created_by`, `history[3]`… */
export interface HistoryDifference extends DifferenceCore {
  subject: 'history';
  kind: 'added' | 'removed' | 'changed';
  field: string;
  facts?: JsonHints;
}
