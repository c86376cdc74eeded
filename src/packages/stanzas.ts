/**
 * RFC 822-style stanzas as dpkg's status file writes them (deb-control(5)): `Field: value`
 * lines, continuation lines starting with a space or tab, stanzas separated by blank lines.
 * Only the first line of a multi-line field is kept (the fields read here are single-line).
 */
export function* stanzas(text: string): Generator<Map<string, string>> {
  let cur = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') {
      if (cur.size) yield cur;
      cur = new Map();
      continue;
    }
    const c = line.charCodeAt(0);
    if (c === 32 || c === 9 || c === 35 /* # comment */) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    cur.set(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  if (cur.size) yield cur;
}
