/**
 * Issue 12: a document nested 100,000 levels deep overflowed the stack in JSON.stringify (the
 * JSON and HTML presenters, the page's Export JSON) and in the recursive config diff. Every
 * JSON document of an archive is now refused past MAX_JSON_DEPTH when it is read
 * (src/image/json-depth.ts), with the file and the limit named; the rest relies on it.
 */
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, jsonDepth } from '../../../src/image/json-depth';
import { parseJson } from '../../../src/image/resolve';
import { compareArchives } from '../../../src/engine/compare';
import { inspectArchive } from '../../../src/engine/inspect';
import { inlineRunner } from '../../../src/engine/inline';
import { PRESENTERS } from '../../../src/present';
import { comparisonOutcome, inspectionOutcome } from '../../../src/present/outcome';
import { layerTar } from '../../builders/image';
import { buildTar } from '../../builders/tar';
import { sha256hex } from '../../support/hooks';

const enc = new TextEncoder();
const blobOf = (b: Uint8Array) => new Blob([b as Uint8Array<ArrayBuffer>]);
const nested = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`;

/** A docker-save archive whose config holds `extra` under "deep" (or whose manifest.json is `manifest`). */
function archive(extra: string, manifest?: (cfg: string) => string): Uint8Array {
  const layer = layerTar([{ name: 'a', data: 'x' }]);
  const cfg = `{"architecture":"amd64","os":"linux","deep":${extra},"rootfs":{"type":"layers","diff_ids":["sha256:${sha256hex(layer)}"]}}`;
  const cfgName = `${sha256hex(enc.encode(cfg))}.json`;
  const m = manifest ? manifest(cfgName) : JSON.stringify([{ Config: cfgName, RepoTags: ['x:1'], Layers: ['l/layer.tar'] }]);
  return buildTar([
    { name: cfgName, data: cfg },
    { name: 'l/layer.tar', data: layer },
    { name: 'manifest.json', data: m },
  ]);
}

describe('jsonDepth', () => {
  it('counts arrays and objects, not brackets inside strings or after escapes', () => {
    expect(jsonDepth('1')).toBe(0);
    expect(jsonDepth('{"a":[{"b":[]}]}')).toBe(4);
    expect(jsonDepth('["[[[[", "\\"[[[", {"}}}": "]]"}]')).toBe(2);
    expect(jsonDepth(nested(100_000))).toBe(100_000);
  });
});

describe('parseJson refuses documents nested deeper than the limit', () => {
  it('at the limit it parses; one level more is an error naming the file, the depth and the limit', () => {
    expect(parseJson(enc.encode(nested(MAX_JSON_DEPTH)), 'config.json').ok).toBe(true);
    const r = parseJson(enc.encode(nested(MAX_JSON_DEPTH + 1)), 'config.json');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toBe(`config.json: JSON nested too deeply: ${MAX_JSON_DEPTH + 1} levels of arrays and objects (limit ${MAX_JSON_DEPTH})`);
      expect(r.error.component).toBe('config.json');
    }
  });
});

describe('a config or manifest.json 100,000 levels deep', () => {
  it('inspect: every format renders, the error names the config and the limit', async () => {
    const r = await inspectArchive(inlineRunner(), blobOf(archive(nested(100_000))), 'deep.tar');
    const msgs = r.inputs[0].errors.map((e) => e.message);
    expect(msgs.some((m) => m.endsWith(`.json: JSON nested too deeply: 100001 levels of arrays and objects (limit ${MAX_JSON_DEPTH})`))).toBe(true);
    for (const f of ['json', 'text', 'markdown', 'html'] as const) expect(() => PRESENTERS[f](r, {})).not.toThrow();
    expect(JSON.parse(PRESENTERS.json(r, {}))).toBeTruthy();
    expect(inspectionOutcome(r)).not.toBe('ok');
  });

  it('manifest.json itself nested 100,000 levels: named, and every format renders', async () => {
    const r = await inspectArchive(inlineRunner(), blobOf(archive('1', () => nested(100_000))), 'deep.tar');
    expect(r.inputs[0].errors.map((e) => e.message)).toContain(
      `manifest.json: JSON nested too deeply: 100000 levels of arrays and objects (limit ${MAX_JSON_DEPTH})`,
    );
    for (const f of ['json', 'text', 'markdown', 'html'] as const) expect(() => PRESENTERS[f](r, {})).not.toThrow();
  });

  it('diff: two deep configs compare without a stack overflow, and every format renders', async () => {
    const a = archive(nested(100_000));
    const b = archive(nested(99_999));
    const r = await compareArchives(inlineRunner(), blobOf(a), 'a.tar', blobOf(b), 'b.tar');
    for (const f of ['json', 'text', 'markdown', 'html'] as const) expect(() => PRESENTERS[f](r, {})).not.toThrow();
    expect(comparisonOutcome(r)).not.toBe('same');
  });
});

describe('a file 100,000 directories deep', () => {
  it('inspect: the report is built (efficiency, merge) and every format renders', async () => {
    const layer = layerTar([{ name: `${'d/'.repeat(100_000)}f`, data: 'x', longName: 'pax' }]);
    const cfg = `{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:${sha256hex(layer)}"]}}`;
    const cfgName = `${sha256hex(enc.encode(cfg))}.json`;
    const tar = buildTar([
      { name: cfgName, data: cfg },
      { name: 'l/layer.tar', data: layer },
      { name: 'manifest.json', data: JSON.stringify([{ Config: cfgName, RepoTags: ['x:1'], Layers: ['l/layer.tar'] }]) },
    ]);
    const r = await inspectArchive(inlineRunner(), blobOf(tar), 'deep-dirs.tar');
    expect(r.inputs[0].errors).toEqual([]);
    expect(r.inputs[0].images[0].merged?.files.map((f) => f.path.length)).toContain(200_001);
    for (const f of ['json', 'text', 'markdown', 'html'] as const) expect(() => PRESENTERS[f](r, {})).not.toThrow();
  }, 60_000);
});
