/**
 * The explainers, in order (STYLE habit 4: a registry, not a switch). Each root goes to the
 * first explainer, among those listed for its subject, whose `claim` returns a cause id: so
 * every root is explained by exactly one cause. The attestation explainer comes first (inside
 * an attestation everything is "the attestation differs"); file-content comes last among the
 * file explainers (it takes any field the others do not know). `FALLBACK` names the cause of
 * a root no explainer claims (a differ shape added later); the tests assert it is never used.
 */
import type { CauseId, Difference, Subject } from '../types';
import type { Context } from './context';
import type { Explainer } from './types';
import { attestationsExplainer } from './explainers/attestations';
import { inputExplainer } from './explainers/input';
import { integrityExplainer } from './explainers/integrity';
import { archiveLayoutExplainer } from './explainers/archive-layout';
import { outerCompressionExplainer } from './explainers/outer-compression';
import { archiveEntriesExplainer } from './explainers/archive-entries';
import { indexDocsExplainer } from './explainers/index-docs';
import { manifestExplainer } from './explainers/manifest';
import { configExplainer } from './explainers/config';
import { historyExplainer } from './explainers/history';
import { layersExplainer } from './explainers/layers';
import { layeringExplainer } from './explainers/layering';
import { layerBlobExplainer } from './explainers/layer-blob';
import { packagesExplainer } from './explainers/packages';
import { fileWhiteoutExplainer } from './explainers/file-whiteout';
import { fileExistsExplainer } from './explainers/file-exists';
import { fileMtimeExplainer } from './explainers/file-mtime';
import { fileTimesExplainer } from './explainers/file-times';
import { fileOwnerExplainer } from './explainers/file-owner';
import { fileModeExplainer } from './explainers/file-mode';
import { fileXattrsExplainer } from './explainers/file-xattrs';
import { fileTarFormatExplainer } from './explainers/file-tar-format';
import { fileTypeExplainer } from './explainers/file-type';
import { fileOrderExplainer } from './explainers/file-order';
import { fileContentExplainer } from './explainers/file-content';

export const EXPLAINERS: Explainer[] = [
  attestationsExplainer,
  inputExplainer,
  integrityExplainer,
  archiveLayoutExplainer,
  outerCompressionExplainer,
  archiveEntriesExplainer,
  layerBlobExplainer,
  manifestExplainer,
  indexDocsExplainer,
  configExplainer,
  historyExplainer,
  // before every explainer of layers and files: in an image pair whose merged filesystem is
  // the same, what would read as a content difference is layering (explainers/layering.ts)
  layeringExplainer,
  layersExplainer,
  // a differing file a package database owns is explained by its package (before the file kinds)
  packagesExplainer,
  fileWhiteoutExplainer,
  fileExistsExplainer,
  fileMtimeExplainer,
  fileTimesExplainer,
  fileOwnerExplainer,
  fileModeExplainer,
  fileXattrsExplainer,
  fileTarFormatExplainer,
  fileTypeExplainer,
  fileOrderExplainer,
  fileContentExplainer,
];

export const FALLBACK: Record<Subject, CauseId> = {
  input: 'input.corrupt',
  'outer-compression': 'archive.outer-compression',
  'outer-entry': 'archive.entry-content',
  'outer-order': 'archive.entry-order',
  'outer-end': 'archive.tar-format',
  layout: 'archive.layout',
  index: 'index.field',
  image: 'index.platforms',
  manifest: 'manifest.field',
  config: 'config.field',
  history: 'config.history',
  layer: 'layer.added',
  'layer-blob': 'layer.changed',
  integrity: 'layer.digest-mismatch',
  file: 'file.content',
  'file-order': 'file.order',
  merged: 'file.content',
};

const BY_SUBJECT = new Map<Subject, Explainer[]>();
for (const e of EXPLAINERS) for (const s of e.subjects) BY_SUBJECT.set(s, [...(BY_SUBJECT.get(s) ?? []), e]);

/** The explainer that describes each cause id. */
export const OWNER = new Map<CauseId, Explainer>();
for (const e of EXPLAINERS) {
  for (const id of e.ids) {
    if (OWNER.has(id)) throw new Error(`explainers: ${id} is described by both ${OWNER.get(id)!.name} and ${e.name}`);
    OWNER.set(id, e);
  }
}

export interface Claim {
  id: CauseId;
  /** null when no explainer claimed it (FALLBACK used). */
  by: Explainer | null;
}

export function claim(d: Difference, ctx: Context): Claim {
  const list = BY_SUBJECT.get(d.subject);
  if (list) {
    for (const e of list) {
      const id = e.claim(d, ctx);
      if (id) return { id, by: e };
    }
  }
  return { id: FALLBACK[d.subject] ?? 'file.content', by: null };
}
