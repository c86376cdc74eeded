import { newSha256 } from '../hash/sha256';

/** SHA-256 of each captured file ('sha256:<hex>'), for the integrity checks. */
export async function digestFiles(files: Map<string, Uint8Array>): Promise<Map<string, string>> {
  const h = await newSha256();
  const out = new Map<string, string>();
  for (const [name, bytes] of files) {
    h.init();
    h.update(bytes);
    out.set(name, 'sha256:' + h.digest('hex'));
  }
  return out;
}
