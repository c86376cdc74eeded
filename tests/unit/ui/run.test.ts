import { describe, it, expect } from 'vitest';
import { failureReport, finishedStatus } from '../../../src/ui/run';
import { reportFilename } from '../../../src/ui/download';
import { errorMessage, errorPlace } from '../../../src/ui/errorText';
import { historyLayers, imageTitle } from '../../../src/ui/imageText';
import { formatError } from '../../../src/io/errors';
import { errorMidArchive, threeLayerImage, multiPlatform } from '../../builders/report';

describe('finishedStatus', () => {
  it('is done, failed or cancelled', () => {
    expect(finishedStatus(threeLayerImage(), false)).toBe('done');
    expect(finishedStatus(errorMidArchive(), false)).toBe('failed');
    expect(finishedStatus(errorMidArchive(), true)).toBe('cancelled');
    const r = threeLayerImage();
    r.inputs[0].errors.push({ code: 'cancelled', component: 'engine', message: 'engine: cancelled' });
    r.inputs[0].error = 'engine: cancelled';
    expect(finishedStatus(r, false)).toBe('cancelled');
  });
});

describe('failureReport', () => {
  it('is a complete report naming the component', () => {
    const r = failureReport('x.tar', 10, new Error('Failed to fetch dynamically imported module'), 'page: loading the engine');
    expect(r.schemaVersion).toBe(1);
    expect(r.tool.name).toBe('tarscope');
    expect(r.inputs[0]).toMatchObject({ name: 'x.tar', size: 10, images: [], files: null });
    expect(r.inputs[0].error).toBe('page: loading the engine: Failed to fetch dynamically imported module');
  });
});

describe('reportFilename', () => {
  it('appends .tarscope.json to the archive name without directories', () => {
    expect(reportFilename('nginx.tar')).toBe('nginx.tar.tarscope.json');
    expect(reportFilename('C:\\images\\a.tar.gz')).toBe('a.tar.gz.tarscope.json');
    expect(reportFilename('')).toBe('archive.tarscope.json');
    expect(reportFilename('\u202egnp.exe\u2066\u200b\u0085')).toBe('gnp.exe.tarscope.json');
  });
});

describe('errorText', () => {
  it('takes component and place off a formatted message', () => {
    const info = { code: 'corrupt' as const, component: 'gzip', message: 'CRC32 mismatch', offset: 4096, path: 'blobs/sha256/ab' };
    const formatted = { ...info, message: formatError(info) };
    expect(formatted.message).toBe('gzip: CRC32 mismatch (in blobs/sha256/ab, at offset 4096)');
    expect(errorMessage(formatted)).toBe('CRC32 mismatch');
    expect(errorPlace({ ...info, offset: 10485760 })).toBe('in blobs/sha256/ab, at offset 10,485,760');
    expect(errorMessage({ code: 'internal', component: 'engine', message: 'something else' })).toBe('something else');
  });
});

describe('imageText', () => {
  it('maps history entries to the layers they made, skipping empty layers', () => {
    const im = threeLayerImage().inputs[0].images[0];
    expect(historyLayers(im)).toEqual([0, null, 1, 2]);
    const unnamed = { ...im, layers: im.layers.map((l) => ({ ...l, historyIndex: null })) };
    expect(historyLayers(unnamed)).toEqual([0, null, 1, 2]);
  });
  it('titles images by tags and marks attestations', () => {
    const [att, amd] = multiPlatform().inputs[0].images;
    expect(imageTitle(amd, 1)).toBe('example.com/app:2.0');
    expect(imageTitle(att, 0)).toBe('Attestation 1');
  });
});
