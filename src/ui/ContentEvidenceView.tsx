import type { ContentEvidence } from '../compare/types';
import { formatCount } from '../present/format';
import { HexDiff } from './HexDiff';
import { TextDiff } from './TextDiff';

/**
 * Rich evidence about a file's bytes: a line diff for text, a hex view for binaries, what
 * kind of file it was recognised as (Python bytecode with an embedded mtime, dpkg logs…), or
 * how two compressed streams differ. `label` names the file for accessible names.
 */
export function ContentEvidenceView({ detail, label }: { detail: ContentEvidence; label: string }) {
  switch (detail.kind) {
    case 'text-diff':
      return <TextDiff evidence={detail} label={label} />;
    case 'hex':
      return <HexDiff evidence={detail} label={label} />;
    case 'recognised':
      return (
        <p class="evidence-line recognised">
          <span class="evidence-kind">Recognised:</span> <strong>{detail.what}</strong> — {detail.detail}
        </p>
      );
    case 'compression':
      return (
        <p class="evidence-line compression">
          <span class="evidence-kind">Compression:</span> {detail.detail}
          {detail.divergesAt != null && <> · the compressed streams diverge at byte {formatCount(detail.divergesAt)}</>}
          {detail.matchesZlibLevel != null && <> · matches zlib level {detail.matchesZlibLevel}</>}
        </p>
      );
  }
}
