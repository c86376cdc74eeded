/**
 * ldconfig's aux-cache (glibc elf/cache.c, "glibc-ld.so.cache" aux cache): ldconfig records
 * every library's device, inode, mtime and ctime there to skip unchanged files next time, so
 * it differs whenever the build ran on another filesystem or at another time, even with the
 * same libraries. Remedy: remove /var/cache/ldconfig/aux-cache in the step that ran ldconfig.
 */
import { startsWith, type Recogniser } from './types';

const MAGIC = [...new TextEncoder().encode('glibc-ld.so.auxcache-1.0')];
const WHAT = 'ldconfig aux-cache';
const WHY = 'ldconfig records each library’s inode, mtime and ctime here: it differs on every build, even with the same libraries';

export const ldconfigAuxCache: Recogniser = {
  id: 'ldconfig-aux-cache',
  byPath: (path) => (/^var\/cache\/ldconfig\/aux-cache$/.test(path) ? { what: WHAT, detail: WHY } : null),
  explain(a, b, path) {
    if (!/(^|\/)aux-cache$/.test(path) && !(startsWith(a.bytes, MAGIC) && startsWith(b.bytes, MAGIC))) return null;
    return { what: WHAT, detail: WHY };
  },
};
