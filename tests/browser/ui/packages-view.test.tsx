/** The Packages view of an image (src/ui/PackagesView.tsx) inside the report page. */
import { afterEach, describe, expect, it } from 'vitest';
import { ReportView } from '../../../src/ui/ReportView';
import type { ImagePackage, InputReport } from '../../../src/report/types';
import { threeLayerImage } from '../../builders/report';
import { mount, setValue, settle, unmountAll } from './dom';
import '../../../src/ui/styles.css';

afterEach(unmountAll);

const deb = (name: string, version: string, layer: number, o: Partial<ImagePackage> = {}): ImagePackage => ({
  ecosystem: 'deb',
  name,
  version,
  layer,
  db: 'var/lib/dpkg/status',
  fileCount: 1,
  files: [`usr/bin/${name}`],
  ...o,
});

function input(): InputReport {
  const i = threeLayerImage().inputs[0];
  i.images[0].packages = {
    packages: [
      deb('bash', '5.2.15-2+b8', 0, { arch: 'amd64', installedSize: 7164 * 1024 }),
      deb('libc6', '2.36-9+deb12u14', 0, { source: 'glibc' }),
      deb('curl', '7.88.1-10', 1),
    ],
    distro: 'debian',
    notes: ['layer 3: var/lib/rpm/rpmdb.sqlite: rpm database (sqlite) found, not read'],
  };
  return i;
}

describe('PackagesView', () => {
  it('lists each package with version, source, size and the layer that installed it; filters by name', async () => {
    const root = mount(<ReportView input={input()} cancelled={false} />);
    expect(root.querySelector('.packages-details h3')!.textContent).toBe('Packages (3 deb, debian)');
    const rows = () => [...root.querySelectorAll('table.packages tbody tr')].map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
    expect(rows()[1]).toEqual(['libc6', '2.36-9+deb12u14', 'deb', 'glibc', '', '1', '—', '#1']);
    expect(rows()[2][7]).toBe('#2');
    expect(root.textContent).toContain('rpm database (sqlite) found, not read');
    setValue(root.querySelector<HTMLInputElement>('.packages-details input[type=search]')!, 'cur');
    await settle();
    expect(rows().map((r) => r[0])).toEqual(['curl']);
    expect(root.querySelector('.packages-details [aria-live]')!.textContent).toBe('1 of 3 packages');
  });

  it('has no Packages view for an image without package databases', () => {
    const root = mount(<ReportView input={threeLayerImage().inputs[0]} cancelled={false} />);
    expect(root.querySelector('.packages-details')).toBeNull();
  });
});
