/**
 * The depth limit of every JSON document read from an archive (manifest.json, index.json,
 * repositories, manifests, configs, legacy `<id>/json`). JSON.parse is iterative in V8, but
 * JSON.stringify (the JSON and HTML reports, the page's Export JSON) and the leaf-by-leaf
 * config diff (src/compare/diff/json-diff.ts) recurse once per level: a document 100,000
 * levels deep overflowed the stack there. Refusing it when it is read, with the file and the
 * limit named, lets everything downstream rely on the limit instead of each walk guarding
 * itself. Real documents are under 10 levels deep (OCI image-spec config: 4).
 */
export const MAX_JSON_DEPTH = 256;

/**
 * The deepest nesting of arrays and objects in a JSON text, in one pass without recursion
 * (brackets inside strings do not count). Invalid text gets a number too; JSON.parse then
 * reports what is wrong with it.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}
