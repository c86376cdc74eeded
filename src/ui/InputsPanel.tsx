import type { ComparisonReport } from '../compare/types';
import type { InputReport } from '../report/types';
import { Bytes } from './Bytes';
import { ErrorPanel } from './ErrorPanel';
import { compressionLabel, plural } from '../present/format';

/**
 * The two archives side by side in a few facts (layout, compression, images, layers, files),
 * then each archive's errors: what could not be read, by which component, where. Whatever
 * was read is compared and shown below regardless.
 */
/** `files`: each plain tar's file count when the engine kept the listing (api.ts HeldComparison). */
export function InputsPanel({ report, cancelled, files }: { report: ComparisonReport; cancelled: boolean; files?: readonly [number | null, number | null] }) {
  const preliminary = report.stats.phase === 'preliminary';
  const [a, b] = report.inputs;
  return (
    <>
      <section class="panel inputs-facts" aria-label="The two archives">
        <InputFacts side="A" input={a} files={files?.[0]} preliminary={preliminary} cancelled={cancelled} />
        <InputFacts side="B" input={b} files={files?.[1]} preliminary={preliminary} cancelled={cancelled} />
      </section>
      <ErrorPanel id="errors-a" side="Archive A" input={a} cancelled={cancelled} />
      <ErrorPanel id="errors-b" side="Archive B" input={b} cancelled={cancelled} />
    </>
  );
}

function InputFacts({
  side,
  input,
  files,
  preliminary,
  cancelled,
}: {
  side: 'A' | 'B';
  input: InputReport;
  files?: number | null;
  preliminary: boolean;
  cancelled: boolean;
}) {
  const stoppedByCancel = cancelled && input.errors.length > 0 && input.errors.every((e) => e.code === 'cancelled');
  const images = input.images.filter((i) => i.kind !== 'attestation');
  const layers = images.reduce((n, i) => n + i.layers.length, 0);
  const tags = [...new Set(images.flatMap((i) => i.tags))];
  return (
    <div class="input-facts">
      <h3>
        <span class="ab-tag">{side}</span> <span class="filename">{input.name}</span>
      </h3>
      <dl class="facts compact">
        <dt>Size</dt>
        <dd>
          <Bytes n={input.size} />
        </dd>
        <dt>Layout</dt>
        <dd>{input.format.layoutLabel ?? input.format.layout ?? 'not recognised'}</dd>
        <dt>Compression</dt>
        <dd>{compressionLabel(input.format.outerCompression)}</dd>
        {input.format.layout !== 'plain' && (
          <>
            <dt>Images</dt>
            <dd>
              {images.length}
              {tags.length > 0 && (
                <span class="muted">
                  {' '}
                  ({tags.slice(0, 3).join(', ')}
                  {tags.length > 3 ? ', …' : ''})
                </span>
              )}
              {input.images.length > images.length && <span class="muted"> + {plural(input.images.length - images.length, 'attestation')}</span>}
            </dd>
            <dt>Layers</dt>
            <dd>{layers}</dd>
          </>
        )}
        {input.files && (
          <>
            <dt>Files</dt>
            <dd>{files ?? input.files.length}</dd>
          </>
        )}
        <dt>Read</dt>
        <dd>
          {stoppedByCancel ? (
            'stopped by the cancel'
          ) : input.error ? (
            <span class="error-inline">stopped early (see below)</span>
          ) : preliminary ? (
            'structure read, layers being scanned'
          ) : input.integrity.done ? (
            'to the end'
          ) : (
            'partly'
          )}
        </dd>
      </dl>
    </div>
  );
}
