/**
 * Exit codes, the convention of diffoscope and diffoci (`diff` too): 0 same, 1 different,
 * 2 trouble. present/outcome.ts defines the outcomes precisely.
 *   diff:     0 same, 1 different, 2 error (unreadable input, bad usage, cannot open a file)
 *   inspect:  0 ok, 1 read to its end but an integrity check failed or a layer or document
 *             could not be read, 2 the archive itself could not be read to its end
 * Interrupted (SIGINT): 130, as shells report it.
 */
import type { ComparisonOutcome, InspectionOutcome } from '../present/outcome';

export const EXIT = { ok: 0, different: 1, error: 2, interrupted: 130 } as const;

export const DIFF_EXIT: Record<ComparisonOutcome, number> = { same: 0, different: 1, error: 2 };

export const INSPECT_EXIT: Record<InspectionOutcome, number> = { ok: 0, failed: 1, unreadable: 2 };
