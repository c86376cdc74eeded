import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Bytes } from './Bytes';

export interface DropZoneProps {
  /** "Archive A": the visible label and the accessible name of the file input. */
  label: string;
  /** Id for the input, unique on the page. */
  id: string;
  /** The file being shown, if any. */
  file: { name: string; size: number } | null;
  disabled?: boolean;
  /** The files dropped or chosen (several at once is allowed: the page decides where they go). */
  onFiles: (files: File[]) => void;
  /** The description under the label (default: what can be dropped, and that nothing is uploaded). */
  hint?: ComponentChildren;
  /** Empties the slot; offered only when it holds a file. */
  onClear?: () => void;
}

/**
 * One input slot: a native file input (keyboard and screen-reader friendly as it is)
 * inside an area that also accepts dropped files. The input's accessible name is exactly
 * the label ("Archive A"); the hint is its description.
 */
export function DropZone({ label, id, file, disabled, onFiles, onClear, hint }: DropZoneProps) {
  const [over, setOver] = useState(false);
  const hintId = `${id}-hint`;

  function onDrop(e: DragEvent) {
    e.preventDefault();
    e.stopPropagation();
    setOver(false);
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length && !disabled) onFiles(files);
  }

  function onDragOver(e: DragEvent) {
    e.preventDefault();
    e.stopPropagation();
    if (e.dataTransfer) e.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
    if (!over) setOver(true);
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the drop target around the file input; the input is the keyboard and pointer path, dropping works on the whole area
    <div
      class={`dropzone${over ? ' is-over' : ''}${file ? ' has-file' : ''}`}
      onDragOver={onDragOver}
      onDragEnter={onDragOver}
      onDragLeave={(e) => {
        // Leaving into a child element is not leaving the zone.
        if (!(e.currentTarget as Node).contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={onDrop}
    >
      <label class="dropzone-label" for={id}>
        {label}
      </label>
      <p id={hintId} class="dropzone-hint">
        {hint ?? (
          <>
            Drop an image archive here (<code>docker save</code>, OCI layout, <code>.tar</code>, <code>.tar.gz</code>, <code>.tar.zst</code>) or choose a file.
            It is read in this browser tab; nothing is uploaded.
          </>
        )}
      </p>
      <input
        id={id}
        type="file"
        multiple
        class="dropzone-input"
        aria-describedby={file ? `${id}-file ${hintId}` : hintId}
        disabled={disabled}
        onChange={(e) => {
          const input = e.currentTarget as HTMLInputElement;
          const files = [...(input.files ?? [])];
          if (files.length) onFiles(files);
          // Allow choosing the same file again (a re-run after Cancel). The input then says
          // "no file chosen", so its own text is hidden (CSS) and the line below names the file.
          input.value = '';
        }}
      />
      {file && (
        <p class="dropzone-file" id={`${id}-file`}>
          <span class="filename">{file.name}</span> · <Bytes n={file.size} />
          {onClear && (
            <>
              {' '}
              <button type="button" class="link-button dropzone-clear" aria-label={`Remove ${file.name}`} onClick={onClear}>
                remove
              </button>
            </>
          )}
        </p>
      )}
    </div>
  );
}
