import { useState } from 'preact/hooks';
import type { InputReport } from '../report/types';
import { ErrorPanel } from './ErrorPanel';
import { FileBrowser } from './FileBrowser';
import { FormatPanel } from './FormatPanel';
import { ImageDetails } from './ImageDetails';
import { ImagesTable } from './ImagesTable';
import { IntegrityPanel } from './IntegrityPanel';
import { WarningsPanel } from './WarningsPanel';
import './panels.css';
import './shown'; // archive names escaped in every text node and attribute (the CLI's escape)

/** Everything about one archive, from its report (a pure presenter: it never reads the archive). */
export function ReportView({ input, cancelled }: { input: InputReport; cancelled: boolean }) {
  const firstImage = Math.max(
    0,
    input.images.findIndex((im) => im.kind !== 'attestation'),
  );
  const [selected, setSelected] = useState(firstImage);
  const image = input.images[selected];
  const showIntegrity = input.format.layout !== 'plain' && (input.integrity.checks.length > 0 || input.images.length > 0);
  return (
    <div class="report">
      <ErrorPanel input={input} cancelled={cancelled} />
      <WarningsPanel input={input} />
      <div class="overview">
        <FormatPanel input={input} />
        {showIntegrity && <IntegrityPanel integrity={input.integrity} />}
      </div>
      {input.images.length > 1 && (
        <section class="panel" aria-labelledby="images-title">
          <h2 id="images-title">Images ({input.images.length})</h2>
          <ImagesTable images={input.images} selected={selected} onSelect={setSelected} />
        </section>
      )}
      {image && <ImageDetails key={selected} image={image} position={selected} />}
      {input.files && (
        <section class="panel" aria-label="Files of the archive">
          <FileBrowser id="plain-files" files={input.files} />
        </section>
      )}
    </div>
  );
}
