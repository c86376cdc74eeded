import type { InputReport } from '../report/types';

/**
 * What the tar readers warned about and read on (issue 12, point 4): no end-of-archive
 * marker (the archive may be truncated), trailing garbage, a short final record, signed
 * checksums, ignored pax times. Everything below was read; this says the archive is not clean.
 */
export function WarningsPanel({ input, id = 'warnings' }: { input: InputReport; id?: string }) {
  const warnings = input.warnings ?? [];
  if (!warnings.length) return null;
  return (
    <section class="panel warnings" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{warnings.length === 1 ? 'Warning' : `Warnings (${warnings.length})`}</h2>
      <ul>
        {warnings.map((w) => (
          <li key={`${w.path ?? ''}:${w.code}`} data-code={w.code}>
            {w.message}
            {w.count > 1 && ` (${w.count} times)`}
            {w.path && <span class="muted"> — in {w.path}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
