/** A gzip file inside the layer (.gz logs, changelogs, man pages): which header fields differ. */
import { firstDifference } from '../bytes';
import { gzipHeaderDiff, headerDiffText, readGzipHeader } from '../gzip-header';
import type { Recogniser } from './types';

const WHAT = 'gzip file';

export const nestedGzip: Recogniser = {
  id: 'nested-gzip',
  explain(a, b) {
    const ha = readGzipHeader(a.bytes);
    const hb = readGzipHeader(b.bytes);
    if (!ha || !hb) return null;
    const fields = gzipHeaderDiff(ha, hb);
    const da = a.bytes.subarray(ha.headerSize);
    const db = b.bytes.subarray(hb.headerSize);
    const at = firstDifference(da, db);
    const same = at < 0 || (at === Math.min(da.length, db.length) && !(a.whole && b.whole) && a.size - ha.headerSize === b.size - hb.headerSize);
    const header = fields.length ? `header ${headerDiffText(fields)}` : 'same header';
    if (same) {
      const scope = a.whole && b.whole ? '' : ` (first ${Math.min(da.length, db.length)} bytes compared)`;
      return {
        what: WHAT,
        detail: fields.length
          ? `only the gzip header differs: ${headerDiffText(fields)}; the compressed data is identical${scope} — write it with \`gzip -n\``
          : `same header and compressed data${scope}`,
      };
    }
    return { what: WHAT, detail: `${header}; the compressed data differs from byte ${at} after the header` };
  },
};
