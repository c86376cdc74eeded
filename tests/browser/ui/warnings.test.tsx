import { afterEach, describe, expect, it } from 'vitest';
import { ReportView } from '../../../src/ui/ReportView';
import { plainTar } from '../../builders/report';
import { mount, unmountAll } from './dom';
import '../../../src/ui/styles.css';

afterEach(unmountAll);

describe('WarningsPanel (issue 12, point 4)', () => {
  it('shows every reader warning with its count and layer, and nothing when there are none', () => {
    const input = plainTar().inputs[0];
    const clean = mount(<ReportView input={input} cancelled={false} />);
    expect(clean.querySelector('.warnings')).toBeNull();
    input.warnings = [
      {
        component: 'tar',
        code: 'no-end-marker',
        offset: 1024,
        count: 1,
        message: 'tar: no end-of-archive marker: the archive ends at offset 1024 right after an entry, and may be truncated',
      },
      {
        component: 'tar',
        code: 'signed-checksum',
        offset: 0,
        count: 3,
        path: 'blobs/sha256/ab',
        message: 'tar: the header checksum at offset 0 matches only when summed as signed bytes (old Sun/GNU writers)',
      },
    ];
    const root = mount(<ReportView input={input} cancelled={false} />);
    expect(root.querySelector('.warnings h2')!.textContent).toBe('Warnings (2)');
    const items = [...root.querySelectorAll('.warnings li')].map((li) => li.textContent);
    expect(items).toEqual([
      'tar: no end-of-archive marker: the archive ends at offset 1024 right after an entry, and may be truncated',
      'tar: the header checksum at offset 0 matches only when summed as signed bytes (old Sun/GNU writers) (3 times) — in blobs/sha256/ab',
    ]);
  });
});
