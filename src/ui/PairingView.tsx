import type { ComparisonReport, Pairing } from '../compare/types';
import type { ImageReport, LayerReport } from '../report/types';
import { Digest } from './Digest';
import { formatPlatform, layerName } from '../present/format';

const IMAGE_BY: Record<Pairing['images'][number]['by'], string> = {
  config: 'by config digest',
  tag: 'by tag',
  platform: 'by platform',
  position: 'by position',
  only: 'only image on each side',
  attests: 'attestation of a paired image',
  unpaired: 'unpaired',
};

const LAYER_BY: Record<Pairing['layers'][number]['by'], string> = {
  diff_id: 'by diff_id',
  digest: 'by blob digest',
  position: 'by position',
  history: 'by history step',
  unpaired: 'unpaired',
};

/** How the images of A and B were matched (by tag, platform or position); unpaired ones marked. */
export function ImagePairing({ report }: { report: ComparisonReport }) {
  const { images } = report.pairing;
  if (images.length === 0) return <p class="muted">No images to pair (plain tars, or nothing readable).</p>;
  const [A, B] = report.inputs;
  return (
    <div class="table-scroll">
      <table class="table pairing">
        <caption class="visually-hidden">Image pairs</caption>
        <thead>
          <tr>
            <th scope="col">Image</th>
            <th scope="col">A</th>
            <th scope="col">B</th>
            <th scope="col">Paired</th>
          </tr>
        </thead>
        <tbody>
          {images.map((p, i) => (
            <tr key={i} class={p.a == null || p.b == null ? 'is-unpaired' : ''}>
              <th scope="row">{p.label}</th>
              <td>{imageCell(p.a == null ? undefined : A.images[p.a])}</td>
              <td>{imageCell(p.b == null ? undefined : B.images[p.b])}</td>
              <td>{p.a == null ? 'only in B' : p.b == null ? 'only in A' : IMAGE_BY[p.by]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function imageCell(im: ImageReport | undefined) {
  if (!im) return <span class="muted">—</span>;
  return (
    <>
      <Digest value={im.manifest?.digest ?? im.config.digest} label="manifest digest" /> <span class="muted">{im.tags[0] ?? formatPlatform(im.platform)}</span>
    </>
  );
}

/** Layers paired by diff_id, blob digest, position or history; which pairs have the same blob or the same uncompressed tar. */
export function LayerPairing({ report }: { report: ComparisonReport }) {
  const { layers, images } = report.pairing;
  if (layers.length === 0) return null;
  const [A, B] = report.inputs;
  const layerOf = (side: ImageReport[], imageIndex: number | null, layer: number | null): LayerReport | undefined =>
    imageIndex == null || layer == null ? undefined : side[imageIndex]?.layers.find((l) => l.index === layer);
  return (
    <div class="table-scroll">
      <table class="table pairing">
        <caption class="visually-hidden">Layer pairs</caption>
        <thead>
          <tr>
            {images.length > 1 && <th scope="col">Image</th>}
            <th scope="col">A layer</th>
            <th scope="col">B layer</th>
            <th scope="col">Paired</th>
            <th scope="col">Same</th>
          </tr>
        </thead>
        <tbody>
          {layers.map((p, i) => {
            const img = images[p.image];
            const la = layerOf(A.images, img?.a ?? null, p.a);
            const lb = layerOf(B.images, img?.b ?? null, p.b);
            return (
              <tr key={i} class={p.a == null || p.b == null ? 'is-unpaired' : ''}>
                {images.length > 1 && <td>{img?.label ?? p.image}</td>}
                <td>{layerCell(p.a, la)}</td>
                <td>{layerCell(p.b, lb)}</td>
                <td>{p.a == null ? 'only in B' : p.b == null ? 'only in A' : LAYER_BY[p.by]}</td>
                <td>{sameText(la, lb)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function layerCell(index: number | null, l: LayerReport | undefined) {
  if (index == null) return <span class="muted">—</span>;
  return (
    <>
      <strong>{layerName(index)}</strong> {l && <Digest value={l.digest} label={`digest of layer ${layerName(index)}`} />}
    </>
  );
}

function sameText(a: LayerReport | undefined, b: LayerReport | undefined): string {
  if (!a || !b) return '—';
  if (a.digest && a.digest === b.digest) return 'same blob';
  const da = a.computed.diffId ?? a.diffId;
  const db = b.computed.diffId ?? b.diffId;
  if (da && da === db) return 'same files, blob differs';
  return 'differ';
}
