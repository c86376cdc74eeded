/** Validates reports against the JSON Schemas in docs/ (ajv, JSON Schema 2020-12). */
import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './tools';

const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
const inspection = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'docs/inspection-report.schema.json'), 'utf8')));

/** Returns the schema errors as readable lines ([] when valid). */
export function inspectionSchemaErrors(report: unknown): string[] {
  // Round-trip through JSON: what is validated is what Export JSON writes.
  const ok = inspection(JSON.parse(JSON.stringify(report)));
  return ok ? [] : (inspection.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

// The comparison schema refers to the inspection schema's input definition by its $id
// (compiled above, so ajv already knows it).
const comparison = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'docs/comparison-report.schema.json'), 'utf8')));

/** Schema errors of a comparison report (docs/comparison-report.schema.json) as readable lines ([] when valid). */
export function comparisonSchemaErrors(report: unknown): string[] {
  const ok = comparison(JSON.parse(JSON.stringify(report)));
  return ok ? [] : (comparison.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
