/**
 * The official CycloneDX 1.5 JSON schema as @cyclonedx/cyclonedx-library (a devDependency)
 * ships it, compiled by ajv with the two schemas it refers to under the names it refers to
 * them by (their own $id differs: spdx.schema.json, jsf-0.82.schema.json).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { ROOT } from './tools';

export function cyclonedxValidator() {
  const dir = join(ROOT, 'node_modules/@cyclonedx/cyclonedx-library/res/schema');
  const load = (f: string, id?: string) => ({ ...JSON.parse(readFileSync(join(dir, f), 'utf8')), ...(id ? { $id: id } : {}) });
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  ajv.addSchema(load('spdx.SNAPSHOT.schema.json', 'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json'));
  ajv.addSchema(load('jsf-0.82.SNAPSHOT.schema.json', 'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json'));
  return ajv.compile(load('bom-1.5.SNAPSHOT.schema.json'));
}
