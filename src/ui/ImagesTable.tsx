import type { ImageReport } from '../report/types';
import { Bytes } from './Bytes';
import { DASH, formatCount, shortDigest } from '../present/format';
import { imagePlatform, imageSize, imageTitle } from './imageText';

export interface ImagesTableProps {
  images: ImageReport[];
  selected: number;
  onSelect: (position: number) => void;
}

/** Every image of the archive (platforms of an index, attestations marked as such); pick one to see it below. */
export function ImagesTable({ images, selected, onSelect }: ImagesTableProps) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex lint/a11y/useSemanticElements: a scrollable region is focusable so keyboard users can scroll it (WCAG 2.1.1)
    <div class="table-scroll" tabIndex={0} role="region" aria-label="Images table">
      <table class="table images">
        <thead>
          <tr>
            <th scope="col">Image</th>
            <th scope="col">Kind</th>
            <th scope="col">Platform</th>
            <th scope="col">Manifest</th>
            <th scope="col" class="num">
              Layers
            </th>
            <th scope="col" class="num">
              Size
            </th>
          </tr>
        </thead>
        <tbody>
          {images.map((im, i) => (
            <tr key={i} class={i === selected ? 'is-selected' : undefined}>
              <th scope="row">
                <button type="button" class="link-button" aria-pressed={i === selected} onClick={() => onSelect(i)}>
                  {imageTitle(im, i)}
                </button>
              </th>
              <td>
                {im.kind === 'attestation' ? (
                  <span class="badge badge-muted" title={im.attests ? `attests ${im.attests}` : undefined}>
                    attestation{im.attests ? ` of ${shortDigest(im.attests)}` : ''}
                  </span>
                ) : (
                  im.kind
                )}
              </td>
              <td>{imagePlatform(im) || DASH}</td>
              <td>
                <code title={im.manifest?.digest}>{shortDigest(im.manifest?.digest)}</code>
              </td>
              <td class="num">{formatCount(im.layers.length)}</td>
              <td class="num">
                <Bytes n={imageSize(im)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
