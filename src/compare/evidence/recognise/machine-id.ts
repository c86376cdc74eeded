/**
 * machine-id (machine-id(5)): 32 lowercase hex digits and a newline, generated once per
 * installation (systemd-machine-id-setup, dbus-uuidgen). An image should ship it empty or
 * absent; a build that generates one gets a random value every time.
 */
import { asText } from '../bytes';
import type { Recogniser } from './types';

const PATHS = /^(etc\/machine-id|var\/lib\/dbus\/machine-id)$/;
const WHAT = 'machine-id';

function describe(t: string | null): string {
  if (t === null) return 'not text';
  const v = t.trim();
  if (!v) return 'empty';
  return /^[0-9a-f]{32}$/.test(v) ? v : `“${v.slice(0, 40)}”`;
}

export const machineId: Recogniser = {
  id: 'machine-id',
  byPath: (path) => (PATHS.test(path) ? { what: WHAT, detail: 'a random id generated per installation; images should ship it empty' } : null),
  explain(a, b, path) {
    if (!PATHS.test(path)) return null;
    return {
      what: WHAT,
      detail: `random per-installation id: A ${describe(asText(a.bytes))}, B ${describe(asText(b.bytes))}; ship it empty (or remove it) so every build is the same`,
    };
  },
};
