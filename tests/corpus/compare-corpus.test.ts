/**
 * Comparisons of the natural pairs in ../shared/corpus-real (SOURCES.md "Natural pairs"),
 * run when that folder exists. Expectations come from SOURCES.md and corpus.ts (what each
 * file is), checked where that was not enough with other tools: the trivy layer listing
 * with Python's tarfile (6 paths added, none removed, 30 contents, 482 mtimes, no mode or
 * owner change), the dive OCI layer blobs' facts (one gzip member vs four for eStargz).
 * Beyond verdict and causes, the summaries must be readable: key phrases are asserted.
 */
import { openAsBlob } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareArchives } from '../../src/engine/compare';
import { inlineRunner } from '../../src/engine/inline';
import { evidenceHooks } from '../../src/engine/evidence-hook';
import type { CauseId, ComparisonReport, Verdict } from '../../src/compare/types';
import { comparisonSchemaErrors } from '../support/schema';
import { expectReport, type ReportExpectation } from '../pairs/expect';
import { CORPUS, CORPUS_ARCHIVES, hasCorpus } from './corpus';

interface CorpusPair extends ReportExpectation {
  a: string;
  b: string;
  why: string;
  /** see pairs.ts `knownWrong` */
  knownWrong?: { note: string; verdict?: Verdict; causes?: CauseId[] };
}

const PAIRS: CorpusPair[] = [
  {
    a: 'dive__test-oci-gzip-image.tar',
    b: 'dive__test-oci-zstd-image.tar',
    why: 'BuildKit compression=gzip vs zstd: same config and diff_id; the index created annotation differs by 1 s',
    verdict: 'same-filesystem',
    causes: ['layer.compression', 'index.annotations'],
    checks: {
      'layer.compression': { summary: ['layer 1', 'gzip', 'zstd'] },
      'index.annotations': { evidence: ['org.opencontainers.image.created'] },
    },
  },
  {
    a: 'dive__test-oci-gzip-image.tar',
    b: 'dive__test-oci-uncompressed-image.tar',
    why: 'BuildKit compression=gzip vs uncompressed: same config and diff_id (B layer digest == diff_id)',
    verdict: 'same-filesystem',
    causes: ['layer.compression'],
    checks: { 'layer.compression': { summary: ['layer 1', 'gzip', /none|uncompressed/i] } },
  },
  {
    a: 'dive__test-oci-gzip-image.tar',
    b: 'dive__test-oci-estargz-image.tar',
    why: 'BuildKit compression=gzip vs estargz: the same files; eStargz writes 4 gzip members and appends its TOC to the tar, so the diff_id differs too',
    verdict: 'same-filesystem',
    causes: ['layer.compression', 'index.annotations'],
    checks: { 'layer.compression': { count: 1, summary: [/estargz/i] } },
  },
  {
    a: 'dive__test-oci-zstd-image.tar',
    b: 'dive__test-oci-estargz-image.tar',
    why: 'BuildKit compression=zstd vs estargz: the same files, eStargz rewrites the tar (TOC) in 4 gzip members; same index annotations',
    verdict: 'same-filesystem',
    causes: ['layer.compression'],
    checks: { 'layer.compression': { count: 2, summary: [/estargz/i, 'zstd'] } },
  },
  {
    a: 'dive__test-docker-image.tar',
    b: 'dive__test-kaniko-image.tar',
    why: 'the same Dockerfile: docker save (2018) vs kaniko (2021, ggcr tarball); other base image bytes, times and modes',
    verdict: 'content-differs',
    causesAtLeast: true,
    causes: ['archive.layout', 'file.content', 'file.mtime', 'config.created'],
    checks: {
      'archive.layout': { summary: ['docker save', 'go-containerregistry'] },
      // two builders, told from the configs: both named, each with its own setting, and no third
      'file.mtime': {
        remedy: ['A was built by the legacy docker builder', 'B by kaniko', 'build both with the same builder', '--reproducible', 'rewrite-timestamp=true'],
        notRemedy: ['buildah', 'Jib', 'ko build'],
        remedyFor: { builders: { a: 'docker-legacy', b: 'kaniko' } },
      },
      'config.created': { remedy: ['legacy docker builder', 'kaniko', '--reproducible'], notRemedy: ['buildah', 'Jib'] },
    },
  },
  {
    a: 'dive__test-docker-image.tar',
    b: 'dive__test-oci-gzip-image.tar',
    why: "dive's docker save (14 layers, amd64) vs its BuildKit OCI image (1 layer, arm64): different images",
    verdict: 'content-differs',
    causesAtLeast: true,
    causes: ['archive.layout', 'layer.removed', 'config.field'],
    checks: { 'config.field': { evidence: ['architecture'] }, 'layer.removed': { count: 13 } },
  },
  {
    a: 'ggcr__test_image_1.tar',
    b: 'ggcr__test_image_2.tar',
    why: 'one layer with ./bar, ./foo vs ./bat, ./baz; RepoTags test_image_1 vs test_image_2',
    verdict: 'content-differs',
    causes: ['file.added', 'file.removed', 'index.annotations'],
    checks: {
      'file.removed': { count: 2, summary: ['bar', 'foo'] },
      'file.added': { count: 2, summary: ['bat', 'baz'] },
      'index.annotations': { evidence: ['test_image_1', 'test_image_2'] },
    },
  },
  {
    a: 'ggcr__test_image_1.tar',
    b: 'ggcr__test_load_manifest.tar',
    why: 'byte-identical files (same sha256 in SOURCES.md)',
    verdict: 'identical',
    causes: [],
  },
  {
    a: 'trivy__alpine-310.tar.gz',
    b: 'trivy__alpine-311.tar.gz',
    why: 'docker save alpine:3.10 vs alpine:3.11, each gzipped; 310 has uname/gname root, 311 none',
    verdict: 'content-differs',
    causes: [
      'archive.outer-compression',
      'archive.entry-owner',
      'index.annotations',
      'config.created',
      'config.field',
      'config.history',
      'file.content',
      'file.added',
      'file.mtime',
      'package.upgraded',
      'package.rebuilt',
    ],
    checks: {
      // 23 of the 30 files with other bytes belong to apk packages (lib/apk/db/installed, checked
      // with Python's tarfile): they fold under them; the 7 left are the database and release files
      'file.content': { count: 7, evidence: ['etc/alpine-release'] },
      // 22 of those files, and 3 paths the new versions add (etc/profile.d/locale, usr/share/udhcpc/default.script, var/spool/mail)
      'package.upgraded': {
        count: 25,
        summary: [
          '23 of 30 changed files belong to 12 apk packages',
          '11 upgraded',
          'busybox 1.30.1-r3 → 1.31.1-r9',
          '1 rebuilt at the same version (libtls-standalone 2.9.1-r0)',
          '7 belong to none',
        ],
      },
      'package.rebuilt': { count: 1, summary: ['libtls-standalone 2.9.1-r0'] },
      'file.added': { summary: ['usr/bin/xz'] },
      'file.mtime': { count: 482 },
      // the tars inside differ (other images): the summary must not say they are the same
      'archive.outer-compression': { summary: ['MTIME'], notSummary: [/inside is the same/i] },
      'index.annotations': { evidence: ['alpine:3.10', 'alpine:3.11'] },
    },
  },
];

const label = (p: CorpusPair) => `${p.a} ↔ ${p.b}`;

describe.skipIf(!hasCorpus)('natural pairs of the real corpus', () => {
  it('names files the corpus table knows', () => {
    const known = new Set(CORPUS_ARCHIVES.map((a) => a.name));
    for (const p of PAIRS) expect([known.has(p.a), known.has(p.b)], label(p)).toEqual([true, true]);
  });

  for (const p of PAIRS) {
    describe(label(p), () => {
      let r: ComparisonReport;
      beforeAll(async () => {
        const runner = inlineRunner();
        r = await compareArchives(runner, await openAsBlob(join(CORPUS, p.a)), p.a, await openAsBlob(join(CORPUS, p.b)), p.b, {}, evidenceHooks(runner));
      });

      const title = `${p.why}: ${p.verdict}, ${p.causesAtLeast ? 'among others ' : ''}[${p.causes.join(', ')}]`;
      if (!p.knownWrong) it(title, () => expectReport(r, p));
      else {
        it.fails(`${title} (known wrong: ${p.knownWrong.note})`, () => expectReport(r, p));
        it(`is still wrong only in the recorded way: ${p.knownWrong.note}`, () => {
          const kw = p.knownWrong!;
          expect({ verdict: r.verdict, causes: r.causes.map((c) => c.id).sort() }).toEqual({
            verdict: kw.verdict ?? p.verdict,
            causes: [...(kw.causes ?? p.causes)].sort(),
          });
        });
      }

      it('validates against docs/comparison-report.schema.json', () => {
        expect(comparisonSchemaErrors(r)).toEqual([]);
      });
    });
  }
});
