/**
 * A CycloneDX 1.5 JSON SBOM (cyclonedx.org/docs/1.5/json) of an image's packages: one
 * `library` component per package, with its purl, license, and tarscope properties (the
 * database it is listed in, the layer that installed it). Deterministic: no serial number,
 * the timestamp is the report's. Validated against the official schema in
 * tests/unit/packages/sbom.test.ts.
 */
import { purl } from './purl';
import type { ImagePackages } from './types';

export interface SbomSubject {
  /** What the SBOM describes: the archive name and the image's tag or digest. */
  name: string;
  version?: string;
  timestamp: string;
  tool: { name: string; version: string };
}

export function cyclonedx(pk: ImagePackages, subject: SbomSubject): Record<string, unknown> {
  const seen = new Set<string>();
  const components = pk.packages.map((p) => {
    const id = purl(p, pk.distro);
    // bom-ref must be unique: the same purl twice (a python package in two site-packages)
    let ref = id;
    for (let n = 2; seen.has(ref); n++) ref = `${id}#${n}`;
    seen.add(ref);
    const properties = [
      { name: 'tarscope:package:database', value: p.db },
      { name: 'tarscope:package:layer', value: String(p.layer) },
      { name: 'tarscope:package:files', value: String(p.fileCount) },
    ];
    if (p.source) properties.push({ name: 'tarscope:package:source', value: p.source });
    if (p.installedSize !== undefined) properties.push({ name: 'tarscope:package:installedSize', value: String(p.installedSize) });
    return {
      type: 'library',
      'bom-ref': ref,
      name: p.name,
      version: p.version,
      purl: id,
      ...(p.license ? { licenses: [{ license: { name: p.license } }] } : {}),
      properties,
    };
  });
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    version: 1,
    metadata: {
      timestamp: subject.timestamp,
      tools: { components: [{ type: 'application', name: subject.tool.name, version: subject.tool.version }] },
      component: { type: 'container', 'bom-ref': 'image', name: subject.name, ...(subject.version ? { version: subject.version } : {}) },
    },
    components,
  };
}
