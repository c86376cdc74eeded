/**
 * A cause's name in words, for headings: "File contents differ" before the id `file.content`
 * (people read the title; the id is what docs/causes.md, the JSON and scripts use). Pure,
 * no imports beyond types: the page imports it statically. An id not listed here (a cause
 * added later) gets a title made from its id ("file.new-thing" → "File: new thing").
 */
const TITLES: Record<string, string> = {
  'archive.entry-mtime': 'Archive entry times differ',
  'archive.entry-order': 'Archive entries in another order',
  'archive.entry-owner': 'Archive entry owners differ',
  'archive.entry-mode': 'Archive entry modes differ',
  'archive.tar-format': 'Archive tar headers written differently',
  'archive.layout': 'Archive layout differs',
  'archive.symlinked-layer': 'Layer stored as a link to another',
  'archive.outer-compression': 'Archive compressed differently',
  'archive.entry-added': 'Archive entries added in B',
  'archive.entry-removed': 'Archive entries only in A',
  'archive.entry-content': 'Archive entry contents differ',
  'index.annotations': 'Index annotations differ',
  'index.attestations': 'Attestations differ',
  'index.platforms': 'Platforms differ',
  'index.field': 'Index differs',
  'manifest.annotations': 'Manifest annotations differ',
  'manifest.media-type': 'Manifest media types differ',
  'manifest.field': 'Manifest differs',
  'config.created': 'Image creation time differs',
  'config.history': 'Build history differs',
  'config.field': 'Image config differs',
  'layer.added': 'Layers added in B',
  'layer.removed': 'Layers only in A',
  'layer.changed': 'Layers differ',
  'layer.compression': 'Layers compressed differently',
  'layer.digest-mismatch': 'A layer does not match its digest',
  'layer.missing-blob': 'A layer blob is missing',
  'file.content': 'File contents differ',
  'file.added': 'Files added in B',
  'file.removed': 'Files only in A',
  'file.type': 'File types differ',
  'file.mtime': 'File modification times differ',
  'file.atime-ctime': 'File access and change times differ',
  'file.mode': 'File permissions differ',
  'file.owner': 'File owners differ (uid/gid)',
  'file.owner-name': 'File owner names differ',
  'file.order': 'Files in another order',
  'file.tar-format': 'Layer tar headers written differently',
  'file.whiteout': 'Deletions (whiteouts) differ',
  'file.xattrs': 'Extended attributes differ',
  'input.truncated': 'An archive ends early',
  'input.corrupt': 'An archive is damaged',
  'input.unsupported': 'An archive uses something tarscope does not read',
};

export function causeTitle(id: string): string {
  const known = TITLES[id];
  if (known) return known;
  const [level, ...rest] = id.split('.');
  const what = rest.join(' ').replace(/-/g, ' ');
  const head = level.charAt(0).toUpperCase() + level.slice(1);
  return what ? `${head}: ${what}` : head;
}
