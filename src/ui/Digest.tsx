import { useState } from 'preact/hooks';
import { DASH, shortDigest } from './format';

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
        {state === 'copied' ? '✓' : '⧉'}
      </button>
    </span>
  );
}
