/**
 * Package-manager state that a build writes with its own time or its mirror's state:
 * dpkg's log, apt's logs, apt's downloaded lists, and the dpkg/apt caches. Recognised by
 * path (Debian's locations); the bytes only add how many lines differ (the line diff
 * shows them).
 */
import { asText } from '../bytes';
import type { Recogniser, Recognised } from './types';

interface Kind {
  test: RegExp;
  what: string;
  why: string;
}

const KINDS: Kind[] = [
  { test: /^var\/log\/dpkg\.log(\.\d+)?$/, what: 'dpkg log', why: 'dpkg writes the date and time of every package action: it differs on every build' },
  { test: /^var\/log\/apt\/(history|term)\.log(\.\d+)?$/, what: 'apt log', why: 'apt logs the start and end time of every install' },
  { test: /^var\/log\/apt\/eipp\.log(\.xz)?$/, what: 'apt solver log', why: 'apt records the planning of each install, with times' },
  { test: /^var\/log\/alternatives\.log$/, what: 'update-alternatives log', why: 'update-alternatives logs the time of every change' },
  { test: /^var\/lib\/apt\/lists\/.+/, what: 'apt package list', why: 'downloaded by `apt-get update`: it changes whenever the mirror publishes' },
  { test: /^var\/cache\/apt\/.+\.bin$/, what: 'apt cache', why: 'apt’s binary package cache is rebuilt from the lists on every update' },
  { test: /^var\/cache\/debconf\/.+\.dat(-old)?$/, what: 'debconf database', why: 'debconf’s database changes with package configuration order' },
  { test: /^var\/lib\/dpkg\/status(-old)?$/, what: 'dpkg status', why: 'the installed package list; it differs when any package version differs' },
];

function match(path: string): Kind | undefined {
  return KINDS.find((k) => k.test.test(path));
}

export const packageLogs: Recogniser = {
  id: 'package-logs',
  byPath(path): Recognised | null {
    const k = match(path);
    return k ? { what: k.what, detail: k.why } : null;
  },
  explain(a, b, path): Recognised | null {
    const k = match(path);
    if (!k) return null;
    const ta = a.whole ? asText(a.bytes) : null;
    const tb = b.whole ? asText(b.bytes) : null;
    if (ta === null || tb === null) return { what: k.what, detail: k.why };
    const la = ta.split('\n').filter(Boolean);
    const lb = new Set(tb.split('\n').filter(Boolean));
    const onlyA = la.filter((l) => !lb.has(l)).length;
    const onlyB = [...lb].filter((l) => !la.includes(l)).length;
    return { what: k.what, detail: `${k.why}; ${onlyA} line${onlyA === 1 ? '' : 's'} only in A, ${onlyB} only in B` };
  },
};
