/**
 * Package URLs (purl spec, github.com/package-url/purl-spec: `pkg:type/namespace/name@version?qualifiers`),
 * the identifiers SBOMs and vulnerability databases match on.
 */
import type { ImagePackage } from './types';

const enc = (s: string) => encodeURIComponent(s).replace(/%2F/g, '/');

export function purl(p: ImagePackage, distro?: string): string {
  const v = `@${encodeURIComponent(p.version)}`;
  switch (p.ecosystem) {
    case 'rpm': {
      // purl-spec: the epoch is a qualifier (`epoch=1`), not part of the version
      const m = /^(\d+):(.*)$/.exec(p.version);
      const q = [p.arch ? `arch=${encodeURIComponent(p.arch)}` : '', m ? `epoch=${m[1]}` : ''].filter(Boolean).join('&');
      return `pkg:rpm/${encodeURIComponent(distro ?? 'unknown')}/${encodeURIComponent(p.name)}@${encodeURIComponent(m ? m[2] : p.version)}${q ? `?${q}` : ''}`;
    }
    case 'deb':
    case 'apk': {
      const ns = distro ?? (p.ecosystem === 'apk' ? 'alpine' : 'debian');
      const q = p.arch ? `?arch=${encodeURIComponent(p.arch)}` : '';
      return `pkg:${p.ecosystem}/${encodeURIComponent(ns)}/${encodeURIComponent(p.name)}${v}${q}`;
    }
    case 'python':
      // purl-spec: PyPI names are lower-cased, `_` as `-`
      return `pkg:pypi/${encodeURIComponent(p.name.toLowerCase().replace(/_/g, '-'))}${v}`;
    case 'go':
      return `pkg:golang/${enc(p.name)}${v}`;
    case 'npm':
      // a scoped name keeps its `@scope/` as the namespace, the `@` percent-encoded
      return `pkg:npm/${enc(p.name).replace(/^@/, '%40')}${v}`;
  }
}
