// The diffoscope reference: `diffoscope --json <out> A B` with its defaults, timed, with a
// time limit, and what it found read back from its JSON (a tree of {source1, source2,
// unified_diff, details}) so the doc can say whether tarscope finds the same things.
//
// For an image archive, diffoscope's tree is: outer tar → its members (manifest.json,
// repositories, config <hex>.json, layer <hex>.tar paired by fuzzy hashing when the names
// differ) → for a layer: "file list" (a `tar -tv`-like listing diff: metadata) and one node
// per member whose bytes differ.
import { existsSync, readFileSync } from 'node:fs';
import { have, sh, timed } from './exec.mjs';
import { median } from './stats.mjs';

/** Packages that make diffoscope do its best on image archives (fuzzy pairing, JSON, Debian files). */
export const DIFFOSCOPE_PACKAGES = ['diffoscope-minimal', 'python3-tlsh', 'python3-jsondiff', 'python3-debian', 'xxd'];

export function diffoscopeVersion() {
  if (!have('diffoscope')) return null;
  try {
    return sh('diffoscope --version').trim();
  } catch {
    return null;
  }
}

const LISTING = /^[-+]([-dlcbpsh][rwxsStT-]{9})\s+\d+\s+\d+\s+\d+\s+(?:\d+|\d+,\s*\d+)\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? (.*)$/;

export const norm = (p) => p.replace(/^\.\//, '').replace(/\/$/, '');

/** Paths on +/- lines of a `file list` diff (entries added, removed or whose metadata changed). */
function listingPaths(diff) {
  const out = new Set();
  for (const line of (diff ?? '').split('\n')) {
    const m = LISTING.exec(line);
    if (m) out.add(norm(m[1].startsWith('l') ? m[2].split(' -> ')[0] : m[2]));
  }
  return out;
}

/**
 * What diffoscope reported: { outer: [names], layers: [{ a, b, metadataPaths, contentPaths }],
 * configCompared, contentPaths, metadataPaths } (path sets as sorted arrays).
 */
export function diffoscopeFindings(json) {
  const outer = [];
  const layers = [];
  let configCompared = false;
  for (const n of json.details ?? []) {
    if (n.source1 === 'file list') continue;
    outer.push(n.source1 === n.source2 ? n.source1 : `${n.source1} ↔ ${n.source2}`);
    const kids = n.details ?? [];
    if (/\.json$/.test(n.source1) && /^[0-9a-f]{64}\.json$|blobs\/sha256\//.test(n.source1) && (n.unified_diff || kids.length)) configCompared = true;
    const list = kids.find((k) => k.source1 === 'file list');
    if (!list) continue;
    layers.push({
      a: n.source1,
      b: n.source2,
      pairedBy: n.comments?.find((c) => /similar/.test(c)) ?? 'name',
      metadataPaths: [...listingPaths(list.unified_diff)].sort(),
      contentPaths: kids
        .filter((k) => k.source1 !== 'file list')
        .map((k) => norm(k.source1))
        .sort(),
    });
  }
  const all = (k) => [...new Set(layers.flatMap((l) => l[k]))].sort();
  return { outer, layers, configCompared, contentPaths: all('contentPaths'), metadataPaths: all('metadataPaths') };
}

/**
 * Runs diffoscope `runs` times. Returns { available, version, runsMs, medianMs, timedOut,
 * exitCodes, findings, command, note }.
 */
export async function runDiffoscope(a, b, { runs = 3, timeoutMs = 30 * 60_000, jsonOut, log = () => {} }) {
  const version = diffoscopeVersion();
  if (!version) return { available: false, note: 'diffoscope is not installed (apt-get install diffoscope-minimal); skipped' };
  const command = `diffoscope --json <out.json> A.tar B.tar`;
  const runsMs = [];
  const exitCodes = [];
  let timedOut = false;
  for (let r = 0; r < runs; r++) {
    const res = await timed(`diffoscope --json '${jsonOut}' '${a}' '${b}'`, { timeoutMs, keepStdout: false });
    exitCodes.push(res.timedOut ? 'timeout' : res.code);
    // 0 = no differences, 1 = differences found; anything else is a failure.
    if (res.timedOut) {
      timedOut = true;
      runsMs.push(null);
      log(`diffoscope run ${r + 1}: timed out after ${timeoutMs / 1000} s`);
      break;
    }
    runsMs.push(res.code === 0 || res.code === 1 ? res.ms : null);
    log(`diffoscope run ${r + 1}/${runs}: ${(res.ms / 1000).toFixed(1)} s (exit ${res.code})${res.code > 1 ? ' ' + res.stderr.slice(-300) : ''}`);
  }
  const findings = existsSync(jsonOut) ? diffoscopeFindings(JSON.parse(readFileSync(jsonOut, 'utf8'))) : null;
  return { available: true, version, command, runsMs, medianMs: median(runsMs), timedOut, timeoutMs, exitCodes, findings };
}
