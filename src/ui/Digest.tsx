import { useState } from 'preact/hooks';
import { DASH, shortDigest } from '../present/format';

/**
 * A digest shown short (12 hex digits) with the full value in its title and a copy button.
 * Where the Clipboard API is refused (non-secure origins, permissions), the full value is
 * shown in a selected read-only field instead, so it can still be copied by hand.
 */
export function Digest({ value, label = 'digest' }: { value: string | null | undefined; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  if (!value) return <span class="muted">{DASH}</span>;
  const full = value;
  async function copy() {
    try {
      await navigator.clipboard.writeText(full);
      setState('copied');
      setTimeout(() => setState('idle'), 1500);
    } catch {
      setState('manual');
    }
  }
  if (state === 'manual') {
    return (
      <input
        class="digest-full"
        readOnly
        value={full}
        aria-label={`Full ${label}`}
        ref={(el) => el?.select()}
        onBlur={() => setState('idle')}
        size={Math.min(full.length, 72)}
      />
    );
  }
  return (
    <span class="digest">
      <code title={full}>{shortDigest(full)}</code>
      <button type="button" class="icon-button" onClick={copy} aria-label={`Copy ${label}`} title={`Copy ${full}`}>
        <svg aria-hidden="true" width="14" height="14" viewBox="0 0 16 16" fill="none" stroke="currentColor" stroke-width="1.5">
          {state === 'copied' ? (
            <path d="M3 8.5l3 3 7-7" />
          ) : (
            <>
              <rect x="5.5" y="5.5" width="8.5" height="8.5" rx="1.5" />
              <path d="M10.5 3.5V3a1 1 0 0 0-1-1H3a1 1 0 0 0-1 1v6.5a1 1 0 0 0 1 1h.5" />
            </>
          )}
        </svg>
      </button>
    </span>
  );
}
