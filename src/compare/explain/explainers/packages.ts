/**
 * package.upgraded / rebuilt / added / removed: a differing file that a package database
 * says a package installed is explained by that package (package-owners.ts), and folds under
 * it: "23 of 30 changed files belong to 12 apk packages: 11 upgraded (busybox 1.30.1-r3 →
 * 1.31.1-r9, …), 1 rebuilt at the same version (libtls-standalone 2.9.1-r0); 7 belong to
 * none". A package whose files changed at the same version is its own cause: the same
 * version built twice with other bytes is what a reproducibility check is for.
 */
import type { ImagePackage } from '../../../report/types';
import type { Difference, Evidence } from '../../types';
import type { Context } from '../context';
import type { Explainer } from '../types';
import { CATALOG } from '../catalog';
import { fileField, groupBy } from '../fields';
import { list, plural } from '../format';
import { type Attribution, PACKAGE_CAUSES, type PackageCauseId, packageIndex } from '../package-owners';
import { pathOf } from './file-common';

const change = (x: Attribution) =>
  x.a && x.b
    ? x.a.version === x.b.version
      ? `${x.a.name} ${x.a.version}`
      : `${x.a.name} ${x.a.version} → ${x.b.version}`
    : `${(x.b ?? x.a)!.name} ${(x.b ?? x.a)!.version}`;

/** Distinct changed-content paths among the roots (file pairs, else merged). */
function contentRoots(ctx: Context): Difference[] {
  const files = ctx.roots.filter((d) => d.subject === 'file' && fileField(d) === 'content');
  return files.length ? files : ctx.roots.filter((d) => d.subject === 'merged' && fileField(d) === 'content');
}

function ecosystems(ps: (ImagePackage | undefined)[]): string {
  const set = new Set(ps.filter((p) => p).map((p) => p!.ecosystem));
  return set.size === 1 ? `${[...set][0]} ` : '';
}

/** "23 of 30 changed files belong to 12 apk packages: 11 upgraded (…), 1 rebuilt at the same version (…); 7 belong to none" */
function overview(ctx: Context): string {
  const ix = packageIndex(ctx);
  const content = contentRoots(ctx);
  const attributed = content.map((d) => ix.attribute(d)).filter((x): x is Attribution => x !== null);
  if (!attributed.length) return '';
  const byPkg = groupBy(attributed, (x) => x.key);
  const firsts = [...byPkg.values()].map((g) => g[0]);
  const parts: string[] = [];
  for (const [id, word] of [
    ['package.upgraded', 'changed version'],
    ['package.rebuilt', 'rebuilt at the same version'],
    ['package.added', 'in B only'],
    ['package.removed', 'in A only'],
  ] as const) {
    const g = firsts.filter((x) => x.id === id);
    if (g.length) parts.push(`${g.length} ${id === 'package.upgraded' ? 'upgraded' : word} (${list(g.map(change), 3)})`);
  }
  const eco = ecosystems(firsts.map((x) => x.b ?? x.a));
  const none = content.length - attributed.length;
  return `${attributed.length} of ${plural(content.length, 'changed file')} ${attributed.length === 1 ? 'belongs' : 'belong'} to ${plural(byPkg.size, `${eco}package`)}: ${parts.join(', ')}${none ? `; ${none} ${none === 1 ? 'belongs' : 'belong'} to none` : ''}`;
}

function remedy(id: PackageCauseId, pkgs: Attribution[]): string {
  const ecos = new Set(pkgs.map((x) => (x.b ?? x.a)!.ecosystem));
  const pins: string[] = [];
  const one = pkgs[0].b ?? pkgs[0].a!;
  if (ecos.has('apk'))
    pins.push(
      `\`apk add ${one.name}=${one.version}\` and a pinned Alpine repository (\`https://dl-cdn.alpinelinux.org/alpine/v3.x/main\` of one release, or a mirror snapshot)`,
    );
  if (ecos.has('deb'))
    pins.push(
      `\`apt-get install ${one.name}=${one.version}\` from a fixed snapshot (\`snapshot.debian.org\`, \`apt-get -o Acquire::Check-Valid-Until=false\`)`,
    );
  if (ecos.has('python')) pins.push(`\`pip install ${one.name}==${one.version}\` with \`--require-hashes\` (a lock file)`);
  if (ecos.has('npm')) pins.push('a committed `package-lock.json` and `npm ci`');
  if (ecos.has('rpm')) pins.push(`\`dnf install ${one.name}-${one.version}\` from a fixed repository snapshot`);
  return `${CATALOG[id].remedy} Pin: ${pins.join('; ')}.`;
}

export const packagesExplainer: Explainer<'file' | 'merged'> = {
  name: 'packages',
  subjects: ['file', 'merged'],
  ids: [...PACKAGE_CAUSES],
  claim: (d, ctx) => packageIndex(ctx).attribute(d)?.id ?? null,
  describe(id, roots, ctx) {
    const pid = id as PackageCauseId;
    const ix = packageIndex(ctx);
    const att = roots.map((d) => [d, ix.attribute(d)!] as const);
    const groups = groupBy([...att], ([, x]) => x.key);
    const pkgs = [...groups.values()].map((g) => g[0][1]);
    const eco = ecosystems(pkgs.map((x) => x.b ?? x.a));
    const evidence: Evidence[] = [...groups.values()].map((g) => {
      const [d, x] = g[0];
      const paths = [...new Set(g.map(([r]) => pathOf(r)))];
      const e: Evidence = { text: `${change(x)}: ${plural(paths.length, 'file')} (${list(paths, 3)})`, difference: d.id, where: ctx.where(d) };
      if (x.a) e.a = x.a.version;
      if (x.b) e.b = x.b.version;
      return e;
    });
    const names = list(pkgs.map(change), 4);
    let summary: string;
    if (pid === 'package.upgraded') {
      const seen = new Set(pkgs.map((x) => x.key));
      const s = roots[0].scope;
      const quiet = ix.versionOnly(s.imageA, s.imageB, seen).map(([a, b]) => `${a.name} ${a.version} → ${b.version}`);
      summary = `${overview(ctx) || `${plural(roots.length, 'file')} belong to ${plural(pkgs.length, `${eco}package`)} that changed version: ${names}`}${quiet.length ? `. Also changed version, with no differing file: ${list(quiet, 3)}` : ''}`;
    } else if (pid === 'package.rebuilt') {
      summary = `Rebuilt at the same version: ${names} — ${plural(roots.length, 'file')} with other bytes although the package version is the same (the same version built twice with different results, or republished): not reproducible`;
    } else {
      const side = pid === 'package.added' ? 'B' : 'A';
      summary = `${plural(pkgs.length, `${eco}package`)} installed in ${side} only: ${names} (${plural(roots.length, 'file')})`;
    }
    return {
      summary,
      phrase:
        pid === 'package.rebuilt'
          ? `${plural(pkgs.length, 'package')} rebuilt at the same version`
          : `${plural(pkgs.length, 'package')} ${pid === 'package.upgraded' ? 'changed version' : pid === 'package.added' ? 'added' : 'removed'}`,
      evidence,
      remedy: remedy(pid, pkgs),
    };
  },
};
