/**
 * Saves a Blob as a file: object URL + <a download> + click, then revokes the URL.
 * The revoke is delayed because Firefox and Safari may still be reading the URL when
 * click() returns; revoking at once can cancel the download (FileSaver.js waits 40 s
 * for the same reason: eligrey/FileSaver.js#205).
 */
export const REVOKE_DELAY_MS = 40_000;

export function downloadBlob(blob: Blob, filename: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_DELAY_MS);
  }
}

/** "nginx.tar" → "nginx.tar.tarscope.json"; path separators and control characters are dropped. */
export function reportFilename(archiveName: string): string {
  const base = archiveName.replace(/^.*[\\/]/, '').replace(/[\u0000-\u001f\u007f]/g, '').trim() || 'archive';
  return `${base}.tarscope.json`;
}
