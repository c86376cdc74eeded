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

/**
 * The base name of an archive, safe in a file name: path separators dropped, and the characters
 * src/present/escape.ts shows as escapes (controls, bidi and invisible formatting) dropped too —
 * a saved `\u202egnp.exe.tarscope.json` would read backwards in a file manager. (Dropped, not
 * escaped: `\` separates paths on Windows.)
 */
function safeBase(archiveName: string): string {
  return (
    archiveName
      .replace(/^.*[\\/]/, '')
      .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g, '')
      .trim() || 'archive'
  );
}

/** The extension of each export: JSON (the report), HTML (one-file page), Markdown (a PR comment). */
export type ExportExt = 'json' | 'html' | 'md';

/** "nginx.tar" → "nginx.tar.tarscope.json"; path separators, control and bidi characters are dropped. */
export function reportFilename(archiveName: string, ext: ExportExt = 'json'): string {
  return `${safeBase(archiveName)}.tarscope.${ext}`;
}

/** "a.tar", "b.tar" → "a.tar-vs-b.tar.tarscope.json". */
export function comparisonFilename(aName: string, bName: string, ext: ExportExt = 'json'): string {
  return `${safeBase(aName)}-vs-${safeBase(bName)}.tarscope.${ext}`;
}
