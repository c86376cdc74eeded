import { readFileSync } from 'node:fs';
import { TarParser } from '../../../src/formats/tar';
for (const f of process.argv.slice(2)) {
  const p = new TarParser({ entry: (e) => { console.log(f, JSON.stringify({...e, globalPax: undefined})); } });
  p.write(new Uint8Array(readFileSync(f)));
  console.log(JSON.stringify(p.end()));
}
