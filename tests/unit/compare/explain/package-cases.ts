/**
 * The package causes (explainers/packages.ts) from the real differ on built reports: the
 * inputs of cases.ts with `images[0].packages` set the way src/packages builds it from the
 * layers' databases (an apk database in layer 1 owning usr/bin/busybox and usr/bin/old).
 */
import type { ImagePackage, InputReport } from '../../../../src/report/types';
import { fakeHex, fileRecord } from '../../../builders/report';
import type { Case } from './cause-cases';
import { mapFiles, pair } from './cases';

function apk(name: string, version: string, files: string[]): ImagePackage {
  return { ecosystem: 'apk', name, version, files, layer: 0, db: 'lib/apk/db/installed', fileCount: files.length };
}

function withPackages([a, b]: [InputReport, InputReport], pa: ImagePackage[], pb: ImagePackage[]): [InputReport, InputReport] {
  a.images[0].packages = { packages: pa, notes: [] };
  b.images[0].packages = { packages: pb, notes: [] };
  return [a, b];
}

const busyboxChanged = () => pair((b) => mapFiles(b, 0, (f) => (f.path === 'usr/bin/busybox' ? { ...f, sha256: fakeHex('bb2') } : f)));

export const PACKAGE_CASES: Case[] = [
  {
    name: 'a package upgraded: its file folds under it',
    inputs: () => withPackages(busyboxChanged(), [apk('busybox', '1.30.1-r3', ['usr/bin/busybox'])], [apk('busybox', '1.31.1-r9', ['usr/bin/busybox'])]),
    verdict: 'content-differs',
    causes: { 'package.upgraded': 1 },
    summaries: { 'package.upgraded': /^1 of 1 changed file belongs to 1 apk package: 1 upgraded \(busybox 1\.30\.1-r3 → 1\.31\.1-r9\)$/ },
  },
  {
    name: 'a package rebuilt at the same version',
    inputs: () => withPackages(busyboxChanged(), [apk('busybox', '1.31.1-r9', ['usr/bin/busybox'])], [apk('busybox', '1.31.1-r9', ['usr/bin/busybox'])]),
    verdict: 'content-differs',
    causes: { 'package.rebuilt': 1 },
    summaries: { 'package.rebuilt': /^Rebuilt at the same version: busybox 1\.31\.1-r9 — 1 file with other bytes/ },
  },
  {
    name: 'a package installed in B only',
    inputs: () =>
      withPackages(
        pair((b) => b.layers[0].files.push(fileRecord('usr/bin/curl', { size: 200_000, mode: 0o755 }))),
        [apk('busybox', '1.31.1-r9', ['usr/bin/busybox'])],
        [apk('busybox', '1.31.1-r9', ['usr/bin/busybox']), apk('curl', '8.5.0-r0', ['usr/bin/curl'])],
      ),
    verdict: 'content-differs',
    causes: { 'package.added': 1 },
    summaries: { 'package.added': /^1 apk package installed in B only: curl 8\.5\.0-r0 \(1 file\)$/ },
  },
  {
    name: 'a package installed in A only',
    inputs: () =>
      withPackages(
        pair((b) => (b.layers[0].files = b.layers[0].files.filter((f) => f.path !== 'usr/bin/old'))),
        [apk('busybox', '1.31.1-r9', ['usr/bin/busybox']), apk('old', '1.0-r0', ['usr/bin/old'])],
        [apk('busybox', '1.31.1-r9', ['usr/bin/busybox'])],
      ),
    verdict: 'content-differs',
    causes: { 'package.removed': 1 },
    summaries: { 'package.removed': /^1 apk package installed in A only: old 1\.0-r0 \(1 file\)$/ },
  },
];
