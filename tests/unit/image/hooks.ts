/** Node implementations of the image builders' hooks, and small helpers for image tests. */
import { gzipSync } from 'node:zlib';
import type { ImageHooks } from '../../builders/image';
import { factsFor, readOuter, sha256 } from '../../support/listing';
import { checkIntegrity, readLayout } from '../../../src/image';
import type { ImageArchive } from '../../../src/image/model';
import type { IntegrityCheck } from '../../../src/report/types';

export const hooks: ImageHooks = {
  sha256,
  gzip: (b) => new Uint8Array(gzipSync(b)),
};

/** readLayout over tar bytes, plus the integrity checks with facts computed from those bytes. */
export function inspect(tar: Uint8Array): { archive: ImageArchive; checks: IntegrityCheck[] } {
  const { listing, contents } = readOuter(tar);
  const archive = readLayout(listing);
  return { archive, checks: checkIntegrity(archive, factsFor(archive, contents)) };
}

export const failing = (checks: IntegrityCheck[]) => checks.filter((c) => !c.ok);
