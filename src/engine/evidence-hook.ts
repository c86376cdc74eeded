/**
 * The comparison's content evidence, as a CompareHooks for compareArchives: the bytes of a
 * few differing files and of recompressed layer blobs (src/compare/evidence), read through the
 * EvidenceSource port the engine implements (evidence-port.ts: extract and forensics jobs on
 * the same runner). The differences the causes cite are served first, so what a person sees
 * under a cause has its text diff or hex. compare.ts attaches the details to the causes (and
 * again to the causes of the verified report, without reading again) and reports the port's
 * failures in `stats.evidenceErrors`.
 */
import type { CompareHooks } from './compare';
import type { JobRunner } from './runner';
import { evidenceSource } from './evidence-port';
import { gatherEvidence } from '../compare/evidence';

export function evidenceHooks(runner: JobRunner): CompareHooks {
  return {
    evidence: async (diff, reads, causes, signal) => {
      const prefer = causes.flatMap((c) => c.evidence.map((e) => e.difference).filter((d): d is string => !!d));
      return gatherEvidence(diff, evidenceSource(reads, runner), signal, { prefer });
    },
  };
}
