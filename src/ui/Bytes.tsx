import { exactBytes, formatBytes } from '../present/format';

/** A human size ("12.3 MiB") with the exact byte count in its title. */
export function Bytes({ n }: { n: number | null | undefined }) {
  return (
    <span class="bytes" title={exactBytes(n)}>
      {formatBytes(n)}
    </span>
  );
}
