/**
 * An inspection's packages as an SBOM: CycloneDX 1.5 JSON (src/packages/sbom-cyclonedx.ts),
 * for `tarscope inspect A --sbom cyclonedx`. One BOM per archive: the packages of every image
 * that has any (a multi-platform index lists each platform's; the bom-refs stay unique).
 * An archive with no package database read gives a BOM with no components, and says so in
 * `sbomNote`.
 */
import { cyclonedx } from '../packages/sbom-cyclonedx';
import type { ImagePackage, ImagePackages, InspectionReport } from '../report/types';

export type SbomFormat = 'cyclonedx';
export const SBOM_FORMATS: SbomFormat[] = ['cyclonedx'];

function packagesOf(r: InspectionReport): ImagePackages {
  const packages: ImagePackage[] = [];
  const notes: string[] = [];
  let distro: string | undefined;
  for (const input of r.inputs) {
    for (const img of input.images) {
      if (!img.packages) continue;
      packages.push(...img.packages.packages);
      notes.push(...img.packages.notes);
      distro ??= img.packages.distro;
    }
  }
  return { packages, notes, ...(distro ? { distro } : {}) };
}

export function presentSbom(r: InspectionReport, _format: SbomFormat): string {
  const input = r.inputs[0];
  const tag = input?.images.find((i) => i.tags.length)?.tags[0];
  const bom = cyclonedx(packagesOf(r), { name: input?.name ?? 'archive', ...(tag ? { version: tag } : {}), timestamp: r.createdAt, tool: r.tool });
  return `${JSON.stringify(bom, null, 2)}\n`;
}

/** Why the SBOM is empty or partial, for stderr (null when every database was read). */
export function sbomNote(r: InspectionReport): string | null {
  const pk = packagesOf(r);
  if (!pk.packages.length) return 'no package database (dpkg, apk, Python dist-info, npm) was found in the layers: the SBOM lists no component';
  return pk.notes.length ? `some package databases were not read: ${pk.notes.join('; ')}` : null;
}
