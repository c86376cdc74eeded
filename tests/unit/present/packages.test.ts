/**
 * The packages section of the written inspection reports and the SBOM presenter: a summary
 * line (text), a table (Markdown, HTML), hostile package names escaped the way every other
 * archive string is, and `tarscope inspect --sbom cyclonedx` parsed.
 */
import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from '../../../src/cli/args';
import { presentHtml } from '../../../src/present/html';
import { presentMarkdown } from '../../../src/present/markdown';
import { presentSbom, sbomNote } from '../../../src/present/sbom';
import { presentText } from '../../../src/present/text';
import type { ImagePackage, InspectionReport } from '../../../src/report/types';
import { threeLayerImage } from '../../builders/report';

const pkg = (name: string, version: string, layer: number, o: Partial<ImagePackage> = {}): ImagePackage => ({
  ecosystem: 'deb',
  name,
  version,
  layer,
  db: 'var/lib/dpkg/status',
  fileCount: 2,
  files: [`usr/bin/${name}`, `usr/share/doc/${name}`],
  ...o,
});

function report(): InspectionReport {
  const r = threeLayerImage();
  r.inputs[0].images[0].packages = {
    packages: [
      pkg('bash', '5.2.15-2+b8', 0, { arch: 'amd64', installedSize: 7164 * 1024 }),
      pkg('libc6', '2.36-9+deb12u14', 0, { source: 'glibc' }),
      pkg('evil<script>\u001b[31m', '1.0', 2),
      {
        ecosystem: 'python',
        name: 'requests',
        version: '2.31.0',
        layer: 2,
        db: 'usr/lib/python3/dist-packages/requests-2.31.0.dist-info/METADATA',
        fileCount: 0,
      },
    ],
    distro: 'debian',
    notes: ['layer 3: var/lib/rpm/rpmdb.sqlite: rpm database (sqlite) found, not read'],
  };
  return r;
}

describe('packages in the written reports', () => {
  it('text: one line with the counts by kind and by layer, and the notes', () => {
    const t = presentText(report());
    expect(t).toContain('packages 3 deb packages (debian) · 1 python package; installed or last changed by layer #1 (2), #3 (2)');
    expect(t).toContain('rpm database (sqlite) found, not read');
    expect(t).not.toContain('\u001b[31m');
  });

  it('Markdown: a table with name, version, source and layer; hostile names escaped', () => {
    const m = presentMarkdown(report());
    expect(m).toContain('| package | version | kind | source | arch | files | installed size | layer |');
    expect(m).toMatch(/\| libc6 \| 2\\?\.36-9\+deb12u14 \| deb \| glibc \|/);
    expect(m).not.toContain('<script>');
  });

  it('HTML: a table inside the image section; hostile names escaped', () => {
    const h = presentHtml(report());
    expect(h).toContain('<details><summary>Packages: 3 deb packages (debian) · 1 python package');
    expect(h).toContain('<td>bash</td><td>5.2.15-2+b8</td>');
    expect(h).toContain('<td>evil&#60;script&#62;\\x1b[31m</td>');
    expect(h).not.toContain('<script>');
  });

  it('SBOM: every package a component; an archive without databases says so', () => {
    const bom = JSON.parse(presentSbom(report(), 'cyclonedx'));
    expect(bom.components.map((c: { purl: string }) => c.purl)).toEqual([
      'pkg:deb/debian/bash@5.2.15-2%2Bb8?arch=amd64',
      'pkg:deb/debian/libc6@2.36-9%2Bdeb12u14',
      'pkg:deb/debian/evil%3Cscript%3E%1B%5B31m@1.0',
      'pkg:pypi/requests@2.31.0',
    ]);
    expect(sbomNote(report())).toContain('not read');
    expect(sbomNote(threeLayerImage())).toContain('lists no component');
  });
});

describe('tarscope inspect --sbom', () => {
  it('parses the format, refuses another, and refuses it for diff', () => {
    expect(parseCommand(['inspect', 'a.tar', '--sbom', 'cyclonedx', '-o', 'x.json'])).toMatchObject({ name: 'inspect', sbom: 'cyclonedx', output: 'x.json' });
    expect(parseCommand(['inspect', 'a.tar'])).not.toHaveProperty('sbom');
    expect(() => parseCommand(['inspect', 'a.tar', '--sbom', 'spdx'])).toThrow(UsageError);
    expect(() => parseCommand(['diff', 'a.tar', 'b.tar', '--sbom', 'cyclonedx'])).toThrow(/applies to inspect/);
  });
});
