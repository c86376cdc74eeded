/**
 * The comparison's content evidence, as a CompareHooks for compareArchives: the bytes of a
 * few differing files and of recompressed layer blobs (src/compare/evidence), read with
 * extract jobs on the same runner, given to the causes' evidence items. The differences the
 * causes cite are served first, so what a person sees under a cause has its text diff or hex.
 */
import type { CompareHooks } from './compare';
import type { JobRunner } from './runner';
import { attachEvidence, gatherEvidence } from '../compare/evidence';

export function evidenceHooks(runner: JobRunner): CompareHooks {
  return {
    evidence: async (diff, reads, causes, signal) => {
      const prefer = causes.flatMap((c) => c.evidence.map((e) => e.difference).filter((d): d is string => !!d));
      const details = await gatherEvidence(diff, reads, runner, signal, { prefer });
      return attachEvidence(causes, details);
    },
  };
}
