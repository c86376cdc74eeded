import { afterEach, describe, expect, it } from 'vitest';
import { ReportView } from '../../../src/ui/ReportView';
import { errorMidArchive, integrityFailure, multiPlatform, plainTar, threeLayerImage } from '../../builders/report';
import { byText, control, mount, setValue, settle, unmountAll } from './dom';
import '../../../src/ui/styles.css';

afterEach(unmountAll);

function rowsText(root: ParentNode): string[] {
  return [...root.querySelectorAll('[role=option] .c-path')].map((e) => e.textContent!);
}

describe('ReportView', () => {
  it('shows layout, compression, tar facts and notes', () => {
    const root = mount(<ReportView input={threeLayerImage().inputs[0]} cancelled={false} />);
    const facts = root.querySelector('.panel .facts')!.textContent!;
    expect(facts).toContain('OCI image layout (oci-archive)');
    expect(facts).toContain('(oci)');
    expect(facts).toContain('Compressionnone');
    expect(facts).toContain('7 entries, end marker (2 zero blocks)');
    expect(root.querySelector('.notes')!.textContent).toBe('index.json names 1 manifest');
  });

  it('lists layers with short digests (full value in the title), sizes with exact bytes, diff_id, file count and created_by', () => {
    const input = threeLayerImage().inputs[0];
    const root = mount(<ReportView input={input} cancelled={false} />);
    const rows = [...root.querySelectorAll('table.layers tbody tr')];
    expect(rows).toHaveLength(3);
    const l1 = input.images[0].layers[1];
    const cells = rows[1].querySelectorAll('th, td');
    expect(cells[0].textContent).toBe('#2');
    const digest = cells[1].querySelector('code')!;
    expect(digest.textContent).toBe(l1.digest!.slice(7, 19));
    expect(digest.title).toBe(l1.digest);
    expect(cells[2].textContent).toBe('oci.image.layer.v1.tar+gzip');
    expect(cells[2].getAttribute('title')).toBe('application/vnd.oci.image.layer.v1.tar+gzip');
    expect(cells[3].querySelector('.bytes')!.getAttribute('title')).toBe(`${l1.size!.toLocaleString('en-US')} bytes`);
    expect(cells[5].querySelector('code')!.title).toBe(l1.diffId);
    expect(cells[6].textContent).toBe('6');
    expect(cells[7].textContent).toBe('RUN /bin/sh -c apt-get update && rm /usr/bin/old # buildkit');
  });

  it('shows the whole history, with the empty-layer entry marked and the others pointing at their layer', () => {
    const root = mount(<ReportView input={threeLayerImage().inputs[0]} cancelled={false} />);
    const rows = [...root.querySelectorAll('table.history tbody tr')];
    expect(rows).toHaveLength(4);
    expect(rows[1].classList.contains('is-empty-layer')).toBe(true);
    expect(rows[1].textContent).toContain('ENV PATH=/usr/local/bin:/usr/bin');
    expect(rows[1].querySelector('td:last-child')!.textContent).toBe('empty layer');
    expect(rows.map((r) => r.querySelector('td:last-child')!.textContent)).toEqual(['#1', 'empty layer', '#2', '#3']);
    // Dates in UTC: the +02:00 entry is converted.
    expect(rows[3].querySelector('time')!.textContent).toBe('2024-03-01T08:00:03Z');
    expect(root.querySelector('.history-details summary')!.textContent).toBe('History (4 entries, 1 without a layer)');
  });

  it('integrity: a failed check comes first with its subject, expected and actual', () => {
    const input = integrityFailure().inputs[0];
    const root = mount(<ReportView input={input} cancelled={false} />);
    const panel = root.querySelector('.integrity')!;
    expect(panel.querySelector('.verdict')!.textContent).toBe('✗ 1 check of 4 failed');
    const failed = panel.querySelector('.check.is-failed')!;
    expect(failed.querySelector('.check-kind')!.textContent).toBe('diff_id');
    expect(failed.querySelector('.check-subject')!.textContent).toMatch(/^layer 2 of example.com\/app:1.0 \(blobs\/sha256\//);
    const values = [...failed.querySelectorAll('dd code')].map((c) => c.textContent);
    expect(values).toEqual([input.images[0].layers[1].diffId, input.images[0].layers[1].computed.diffId]);
    expect(panel.querySelector('details summary')!.textContent).toBe('3 passed checks');
    // The layers table marks the mismatch too.
    expect(root.querySelectorAll('table.layers td.mismatch')).toHaveLength(1);
  });

  it('merged filesystem: source layer, overwrites, wasted bytes; deleted paths on request; filter by layer', async () => {
    const root = mount(<ReportView input={threeLayerImage().inputs[0]} cancelled={false} />);
    await settle();
    const summary = root.querySelector('.files-summary')!.textContent!;
    expect(summary).toMatch(/^\d+ entries · .* in all layers, .* of it wasted \(hidden by later layers\) · 2 paths deleted by whiteouts$/);
    const paths = rowsText(root);
    expect(paths).toContain('etc/os-release');
    expect(paths).not.toContain('usr/bin/old');
    expect(paths).not.toContain('etc/app/old.conf');
    const osRelease = byText(root, '[role=option]', /^etc\/os-release/);
    expect(osRelease.querySelector('.c-note')!.textContent).toBe('overwrites #1');
    expect(osRelease.querySelector('.c-layer')!.textContent).toBe('#2');

    setValue(control(root, 'Show deleted paths'), true);
    await settle();
    const old = byText(root, '[role=option]', /^usr\/bin\/old/);
    expect(old.querySelector('.c-note')!.textContent).toBe('deleted by #2');
    expect(old.querySelector('.file-row')!.classList.contains('is-deleted')).toBe(true);

    setValue(control(root, 'From layer'), '2');
    await settle();
    expect(rowsText(root).sort()).toEqual(['etc/app', 'etc/app/new.conf']);
  });

  it('per-layer listing: what later layers overwrite or delete, and what whiteouts remove', async () => {
    const root = mount(<ReportView input={threeLayerImage().inputs[0]} cancelled={false} />);
    await settle();
    setValue(control(root, 'Show'), '0');
    await settle();
    const note = (path: string) => byText(root, '[role=option]', new RegExp(`^${path}`)).querySelector('.c-note')!.textContent;
    expect(note('usr/bin/old')).toBe('deleted by #2');
    expect(note('etc/app/old.conf')).toBe('deleted by #3');
    expect(note('etc/os-release')).toBe('overwritten by #2');
    expect(note('usr/bin/sh')).toBe('');
    expect(byText(root, '[role=option]', /^usr\/bin\/sh/).querySelector('.link')!.textContent).toBe(' → busybox');

    // The layers table's file count opens that layer's listing.
    (root.querySelector('table.layers tbody tr:nth-child(2) .link-button') as HTMLButtonElement).click();
    await settle();
    expect((control(root, 'Show') as HTMLSelectElement).value).toBe('1');
    expect(note('usr/bin/.wh.old')).toBe('whiteout: deletes usr/bin/old');
  });

  it('file details: size, mode, owner, mtime, link target and SHA-256 as selectable text', async () => {
    const root = mount(<ReportView input={threeLayerImage().inputs[0]} cancelled={false} />);
    await settle();
    setValue(control(root, 'Show'), '1');
    await settle();
    const row = byText(root, '[role=option]', /^app\/main\.py/);
    expect(row.querySelector('.c-mode')!.textContent).toBe('-rw-r--r--');
    expect(row.querySelector('.c-owner')!.textContent).toBe('app:app');
    expect(row.querySelector('.c-mtime')!.textContent).toBe('2023-11-14T22:13:20Z');
    (row as HTMLElement).click();
    await settle();
    expect(row.getAttribute('aria-selected')).toBe('true');
    const details = root.querySelector('.file-details')!;
    const dd = (label: string) => byText(details, 'dt', label).nextElementSibling!;
    const rec = threeLayerImage().inputs[0].images[0].layers[1].files.find((f) => f.path === 'app/main.py')!;
    expect(dd('SHA-256').textContent).toBe(rec.sha256);
    expect(getComputedStyle(dd('SHA-256').firstElementChild!).userSelect).toBe('all');
    expect(dd('Size').textContent).toBe('4.88 KiB (5,000 bytes)');
    expect(dd('Mode').textContent).toBe('-rw-r--r-- (0644)');
    expect(dd('Owner').textContent).toBe('app:app (uid 1000, gid 1000)');
    expect(dd('Modified').textContent).toBe('2023-11-14T22:13:20Z');
  });

  it('path filter: substring and glob', async () => {
    const root = mount(<ReportView input={threeLayerImage().inputs[0]} cancelled={false} />);
    await settle();
    const search = control<HTMLInputElement>(root, 'Filter paths');
    setValue(search, '**/*.py');
    await settle();
    expect(rowsText(root)).toEqual(['app/main.py', 'app/util.py']);
    expect(root.querySelector('.files-summary')!.textContent).toMatch(/^2 of \d+ entries match the glob/);
    setValue(search, 'OS-REL');
    await settle();
    expect(rowsText(root)).toEqual(['etc/os-release']);
    setValue(search, 'nothing-like-this');
    await settle();
    expect(root.querySelector('.files-empty')!.textContent).toBe('No entries match.');
  });

  it('plain tars show their file listing without layers or integrity', async () => {
    const root = mount(<ReportView input={plainTar().inputs[0]} cancelled={false} />);
    await settle();
    expect(root.querySelector('.integrity')).toBeNull();
    expect(root.querySelector('table.layers')).toBeNull();
    expect(rowsText(root)).toEqual(['docs', 'docs/readme.md', 'docs/run.sh']);
    expect(root.querySelector('.files-head .c-layer')).toBeNull();
    expect(byText(root, '[role=option]', /^docs\/run\.sh/).querySelector('.c-mode')!.textContent).toBe('-rwxr-xr-x');
    expect(root.querySelector('.panel .facts')!.textContent).toContain('none (plain tar)');
  });

  it('multi-platform index: every image with platform and tags, attestations marked, selection switches the details', async () => {
    const root = mount(<ReportView input={multiPlatform().inputs[0]} cancelled={false} />);
    await settle();
    const rows = [...root.querySelectorAll('table.images tbody tr')];
    expect(rows.map((r) => r.querySelector('td:nth-of-type(1)')!.textContent)).toEqual([
      expect.stringMatching(/^attestation of [0-9a-f]{12}$/),
      'image',
      'image',
    ]);
    expect(rows.map((r) => r.querySelector('td:nth-of-type(2)')!.textContent)).toEqual(['unknown/unknown', 'linux/amd64', 'linux/arm64/v8']);
    // The first real image is shown, not the attestation.
    expect(root.querySelector('.image h2')!.textContent).toBe('example.com/app:2.0linux/amd64');
    (rows[0].querySelector('button') as HTMLButtonElement).click();
    await settle();
    expect(root.querySelector('.image h2')!.textContent).toMatch(/^Attestation 1attestation/);
    expect(root.querySelector('.image .facts')!.textContent).toContain('Attests');
    expect(rows[0].querySelector('button')!.getAttribute('aria-pressed')).toBe('true');
  });
});

describe('ErrorPanel', () => {
  it('lists the problems besides the first with component, message and place, each said once', async () => {
    const input = errorMidArchive().inputs[0];
    input.errors.push({
      code: 'corrupt',
      component: 'gzip',
      message: 'gzip: CRC32 mismatch (in blobs/sha256/ab, at offset 4096)',
      path: 'blobs/sha256/ab',
      offset: 4096,
    });
    const root = mount(<ReportView input={input} cancelled={false} />);
    await settle();
    expect(root.querySelector('.errors h3')!.textContent).toBe('Other problems (1)');
    const items = [...root.querySelectorAll('.error-list li')].map((li) => li.textContent);
    expect(items).toEqual(['corrupt gzip: CRC32 mismatch (in blobs/sha256/ab, at offset 4,096)']);
  });

  it('an unfinished scan says why a layer has no listing and that there is no merged view', async () => {
    const root = mount(<ReportView input={errorMidArchive().inputs[0]} cancelled={false} />);
    await settle();
    const show = control<HTMLSelectElement>(root, 'Show');
    expect([...show.options].map((o) => o.value)).toEqual(['0', '1', '2']);
    expect(root.querySelector('.files-summary')!.textContent).toContain('no merged filesystem');
    setValue(show, '2');
    await settle();
    expect(root.querySelector('.files-summary')!.textContent).toMatch(/listing stopped: tar: archive truncated/);
  });
});
