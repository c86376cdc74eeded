/**
 * The build steps behind a cause (src/compare/explain/steps.ts): the real differ and explainer on
 * reports whose layers are linked to their history by the engine's own rule (src/image/config.ts
 * `historyIndexes`: the i-th layer is the i-th entry not marked empty_layer).
 */
import { describe, expect, it } from 'vitest';
import { diffInputs } from '../../../../src/compare/diff';
import { explain } from '../../../../src/compare/explain';
import { MAX_STEP_LAYERS } from '../../../../src/compare/explain/steps';
import { NO_IGNORES, type Cause } from '../../../../src/compare/types';
import { historyIndexes } from '../../../../src/image/config';
import type { HistoryEntry } from '../../../../src/image/model';
import type { FileRecord, InputReport } from '../../../../src/report/types';
import { fakeDigest, fileRecord, imageReport, inputReport, layerReport } from '../../../builders/report';

const T = 1_700_000_000;

/** One image whose layers hold `layers` and whose config history is `history`, linked as the engine links them. */
function side(name: string, layers: FileRecord[][], history: HistoryEntry[]): InputReport {
  const hist = historyIndexes(history);
  const ls = layers.map((files, i) => {
    const salt = `${name}-${i}-${JSON.stringify(files)}`;
    const historyIndex = i < hist.length ? hist[i] : null;
    return layerReport(i, files, {
      digest: fakeDigest(`blob-${salt}`),
      diffId: fakeDigest(`diff-${salt}`),
      computed: { blobSha256: fakeDigest(`blob-${salt}`), diffId: fakeDigest(`diff-${salt}`) },
      createdBy: historyIndex === null ? null : (history[historyIndex].created_by ?? null),
      historyIndex,
    });
  });
  const cfg = fakeDigest(`config-${name}-${JSON.stringify(layers)}-${JSON.stringify(history)}`);
  const img = imageReport(ls, {
    history,
    config: { digest: cfg, mediaType: 'application/vnd.oci.image.config.v1+json', json: { history } },
    manifest: { digest: fakeDigest(`manifest-${cfg}`), mediaType: 'application/vnd.oci.image.manifest.v1+json', size: 900 },
  });
  return inputReport({ name, images: [img] });
}

const files = (dir: string, mtime = T) => [
  fileRecord(`${dir}/`, { mtime }),
  fileRecord(`${dir}/a`, { size: 10, mtime }),
  fileRecord(`${dir}/b`, { size: 20, mtime }),
];
const touched = (fs: FileRecord[]) => fs.map((f) => ({ ...f, mtime: f.mtime + 60 }));

const DOCKER: HistoryEntry[] = [
  { created: '2024-01-01T00:00:00Z', created_by: '/bin/sh -c #(nop) ADD file:ab12 in / ' },
  { created: '2024-01-01T00:00:00Z', created_by: '/bin/sh -c #(nop)  CMD ["bash"]', empty_layer: true },
  { created: '2024-01-01T00:00:01Z', created_by: 'RUN /bin/sh -c apt-get install -y curl # buildkit' },
  { created: '2024-01-01T00:00:02Z', created_by: 'ENV A=1', comment: 'buildkit.dockerfile.v0', empty_layer: true },
  { created: '2024-01-01T00:00:03Z', created_by: 'COPY app/ /app/ # buildkit' },
];

function causes(A: InputReport, B: InputReport): Cause[] {
  return explain(diffInputs(A, B), A, B, NO_IGNORES).causes;
}

describe('the build step behind a cause', () => {
  const layers = [files('base'), files('usr'), files('app')];

  it('names the history entry of the one layer the differences live in, skipping empty_layer entries', () => {
    const A = side('a.tar', layers, DOCKER);
    const B = side('b.tar', [layers[0], layers[1], touched(layers[2])], DOCKER);
    const mtime = causes(A, B).find((c) => c.id === 'file.mtime')!;
    expect(mtime.steps).toEqual([{ side: 'both', layer: 2, historyIndex: 4, createdBy: 'COPY app/ /app/ # buildkit' }]);
  });

  it('a cause in two layers names both steps, in the order of the differences', () => {
    const A = side('a.tar', layers, DOCKER);
    const B = side('b.tar', [layers[0], touched(layers[1]), touched(layers[2])], DOCKER);
    const mtime = causes(A, B).find((c) => c.id === 'file.mtime')!;
    expect(mtime.steps!.map((s) => [s.layer, s.historyIndex])).toEqual([
      [1, 2],
      [2, 4],
    ]);
  });

  it('steps that differ between A and B are named for each side', () => {
    const other = DOCKER.map((h, i) => (i === 2 ? { ...h, created_by: 'RUN /bin/sh -c apt-get install -y curl wget # buildkit' } : h));
    const A = side('a.tar', layers, DOCKER);
    const B = side('b.tar', [layers[0], [...layers[1], fileRecord('usr/wget', { size: 5, mtime: T })], layers[2]], other);
    const added = causes(A, B).find((c) => c.id === 'file.added')!;
    expect(added.steps).toEqual([
      { side: 'a', layer: 1, historyIndex: 2, createdBy: DOCKER[2].created_by },
      { side: 'b', layer: 1, historyIndex: 2, createdBy: other[2].created_by },
    ]);
  });

  it('a layer past the end of a shorter history has no step; the layers it has keep theirs', () => {
    const short = DOCKER.slice(0, 3); // two non-empty entries for three layers
    const A = side('a.tar', layers, short);
    const last = side('b.tar', [layers[0], layers[1], touched(layers[2])], short);
    expect(causes(A, last).find((c) => c.id === 'file.mtime')!.steps).toBeUndefined();
    const second = side('b.tar', [layers[0], touched(layers[1]), layers[2]], short);
    expect(causes(A, second).find((c) => c.id === 'file.mtime')!.steps).toEqual([{ side: 'both', layer: 1, historyIndex: 2, createdBy: DOCKER[2].created_by }]);
  });

  it('no history, or entries without created_by: no step', () => {
    const A = side('a.tar', layers, []);
    const B = side('b.tar', [layers[0], layers[1], touched(layers[2])], []);
    expect(causes(A, B).find((c) => c.id === 'file.mtime')!.steps).toBeUndefined();
    const bare = layers.map(() => ({ created: '2024-01-01T00:00:00Z' }));
    const A2 = side('a.tar', layers, bare);
    const B2 = side('b.tar', [layers[0], layers[1], touched(layers[2])], bare);
    expect(causes(A2, B2).find((c) => c.id === 'file.mtime')!.steps).toBeUndefined();
  });

  it('a squashed image: its one layer is the one entry not marked empty_layer', () => {
    const squashed: HistoryEntry[] = DOCKER.map((h, i) => ({ ...h, empty_layer: i !== 4 }));
    const one = [[...layers[0], ...layers[1], ...layers[2]]];
    const A = side('a.tar', one, squashed);
    const B = side('b.tar', [touched(one[0])], squashed);
    expect(causes(A, B).find((c) => c.id === 'file.mtime')!.steps).toEqual([
      { side: 'both', layer: 0, historyIndex: 4, createdBy: 'COPY app/ /app/ # buildkit' },
    ]);
  });

  it(`a layer on one side only names that side's step`, () => {
    const A = side('a.tar', layers.slice(0, 2), DOCKER.slice(0, 3));
    const B = side('b.tar', layers, DOCKER);
    const added = causes(A, B).find((c) => c.id === 'layer.added')!;
    expect(added.steps).toEqual([{ side: 'b', layer: 2, historyIndex: 4, createdBy: DOCKER[4].created_by }]);
  });

  it(`a cause spread over more than ${MAX_STEP_LAYERS} layers names no step; causes outside the layers none either`, () => {
    const four = [files('l1'), files('l2'), files('l3'), files('l4')];
    const hist: HistoryEntry[] = four.map((_, i) => ({ created: '2024-01-01T00:00:00Z', created_by: `RUN step ${i}` }));
    const A = side('a.tar', four, hist);
    // B's history was written a day later: config.history, a cause outside the layers.
    const B = side(
      'b.tar',
      four.map(touched),
      hist.map((h) => ({ ...h, created: '2024-01-02T00:00:00Z' })),
    );
    const got = causes(A, B);
    expect(got.find((c) => c.id === 'file.mtime')!.steps).toBeUndefined();
    const outside = got.filter((c) => c.level !== 'file' && c.level !== 'layer');
    expect(outside.map((c) => c.id)).toContain('config.history');
    for (const c of outside) expect(c.steps, c.id).toBeUndefined();
  });
});
