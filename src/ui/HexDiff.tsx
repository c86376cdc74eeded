import type { ContentEvidence } from '../compare/types';
import { asciiOf, hexOffset, hexRows, type HexRow } from './evidenceRows';
import { formatCount } from '../present/format';

type HexEvidence = Extract<ContentEvidence, { kind: 'hex' }>;

/**
 * The bytes around the first difference of a binary file, as `hexdump -C` shows them: offset,
 * 16 bytes, their printable characters; A's row above B's, differing bytes highlighted (and
 * underlined, so the marking does not rely on colour alone).
 */
export function HexDiff({ evidence, label }: { evidence: HexEvidence; label: string }) {
  const rows = hexRows(evidence);
  return (
    <figure class="hex-diff">
      <figcaption class="evidence-caption">
        <span>
          Bytes from offset {formatCount(evidence.offset)} (0x{evidence.offset.toString(16)}), {formatCount(evidence.length)} shown
        </span>
      </figcaption>
      <div class="table-scroll">
        <table class="hex-table" aria-label={`Bytes of ${label}, A and B, differing bytes marked`}>
          <thead>
            <tr>
              <th scope="col">Offset</th>
              <th scope="col">Side</th>
              <th scope="col">Bytes</th>
              <th scope="col">Text</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <HexRowPair key={r.offset} row={r} />
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

function HexRowPair({ row }: { row: HexRow }) {
  const any = row.differs.some(Boolean);
  return (
    <>
      <tr class={`hex-a${any ? ' has-diff' : ''}`}>
        <th scope="row" rowSpan={2} class="hex-offset">
          {hexOffset(row.offset)}
        </th>
        <td class="hex-side">A</td>
        <td class="hex-bytes">
          <Bytes bytes={row.a} differs={row.differs} />
        </td>
        <td class="hex-ascii">{asciiOf(row.a)}</td>
      </tr>
      <tr class={`hex-b${any ? ' has-diff' : ''}`}>
        <td class="hex-side">B</td>
        <td class="hex-bytes">
          <Bytes bytes={row.b} differs={row.differs} />
        </td>
        <td class="hex-ascii">{asciiOf(row.b)}</td>
      </tr>
    </>
  );
}

function Bytes({ bytes, differs }: { bytes: (string | null)[]; differs: boolean[] }) {
  return (
    <>
      {bytes.map((h, i) => (
        <span key={i} class={differs[i] ? 'byte differs' : 'byte'}>
          {h ?? '  '}
        </span>
      ))}
    </>
  );
}
