/**
 * Problems of one side (diff/integrity.ts): an input that could not be read (`input`), and a
 * failed integrity check (`integrity`: a missing blob, bytes that do not match their digest or
 * size, a diff_id or layer count that disagrees with the config). Reported per side even when
 * the other side has the same problem (`sameOnBoth`).
 */
import type { InputReport, IntegrityKind } from '../../report/types';
import type { DifferenceCore, Incomplete, Side } from './base';

export type ErrorCode = InputReport['errors'][number]['code'];

/** From the side's first ErrorInfo, plus how many errors it has. */
export interface InputFacts {
  side: Side;
  code: ErrorCode;
  component: string;
  message: string;
  offset?: number;
  path?: string;
  count: number;
  /** Distinct codes of every error of that side. */
  codes: ErrorCode[];
  /** The other side stopped with the same error. */
  sameOnBoth: boolean;
}

/** `input:a` / `input:b`; a and b are both sides' `InputReport.error` (a message or null). */
export interface InputDifference extends DifferenceCore {
  subject: 'input';
  kind: 'changed';
  field: 'error';
  facts: InputFacts;
}

export interface IntegrityFacts extends Incomplete {
  side: Side;
  kind: IntegrityKind;
  /** What was checked: "layer 2 of nginx:latest (blobs/sha256/ab12…)". */
  subject: string;
  expected?: string;
  actual?: string;
  message: string;
  /** The other side has the same failed check. */
  sameOnBoth: boolean;
}

/** `integrity:<side>:<n>`: the failing side's value is the check's message. */
export interface IntegrityDifference extends DifferenceCore {
  subject: 'integrity';
  kind: 'changed';
  field: IntegrityKind;
  facts: IntegrityFacts;
}
