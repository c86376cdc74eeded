/**
 * Issue 12, point 4: what a tar reader warns about reaches the inspection report
 * (`input.warnings`, docs/report-schema.md) for the archive's own tar and for every layer's,
 * and every presenter shows it; a clean archive has none.
 */
import { describe, it, expect } from 'vitest';
import { inspectArchive } from '../../../src/engine/inspect';
import { inlineRunner } from '../../../src/engine/inline';
import { inspectionText } from '../../../src/present/text';
import { inspectionMarkdown } from '../../../src/present/markdown';
import { inspectionHtml } from '../../../src/present/html';
import { buildTar, concat } from '../../builders/tar';
import { buildOciArchive, layerTar } from '../../builders/image';
import { nodeHooks } from '../../support/hooks';
import { inspectionSchemaErrors } from '../../support/schema';

async function inspect(bytes: Uint8Array) {
  const report = await inspectArchive(inlineRunner(), new Blob([bytes as Uint8Array<ArrayBuffer>]), 'a.tar');
  expect(inspectionSchemaErrors(report)).toEqual([]);
  return report;
}

describe('reader warnings in the inspection report', () => {
  it('a clean archive has none (the field is absent)', async () => {
    const r = await inspect(buildTar([{ name: 'a', data: 'x' }], { recordSize: 10240 }));
    expect(r.inputs[0].warnings).toBeUndefined();
  });

  it('a plain tar that ends right after an entry: may be truncated, said by every presenter', async () => {
    const r = await inspect(buildTar([{ name: 'a', data: 'x' }], { endBlocks: 0 }));
    const input = r.inputs[0];
    expect(input.error).toBeNull();
    expect(input.warnings).toEqual([
      {
        component: 'tar',
        code: 'no-end-marker',
        offset: 1024,
        count: 1,
        message: 'tar: no end-of-archive marker: the archive ends at offset 1024 right after an entry, and may be truncated',
      },
    ]);
    const line = 'no end-of-archive marker: the archive ends at offset 1024';
    expect(inspectionText(r)).toContain(line);
    expect(inspectionMarkdown(r)).toContain(line);
    expect(inspectionHtml(r)).toContain(line);
    expect(JSON.parse(JSON.stringify(r)).inputs[0].warnings[0].code).toBe('no-end-marker');
  });

  it('an empty tar (only the end marker) is a plain tar of no entries, not a blank report (found by tests/fuzz)', async () => {
    const r = await inspect(new Uint8Array(10240));
    const input = r.inputs[0];
    expect(input.error).toBeNull();
    expect(input.format.layout).toBe('plain');
    expect(input.format.notes).toEqual(['an empty tar: no entries before the end-of-archive marker']);
    expect(input.files).toEqual([]);
  });

  it('a layer tar gets the same treatment, with the layer blob as path', async () => {
    const layer = concat([layerTar([{ name: 'etc/x', data: 'x' }]), new Uint8Array([1, 2, 3])]);
    const built = buildOciArchive([{ tags: ['app:1'], layers: [layer] }], nodeHooks);
    const r = await inspect(built.tar);
    const w = r.inputs[0].warnings ?? [];
    expect(w.map((x) => [x.code, x.path])).toEqual([
      ['trailing-garbage', built.images[0].layerNames[0]],
      ['short-record', built.images[0].layerNames[0]],
    ]);
  });
});
