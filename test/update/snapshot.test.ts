import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../scripts/manifest.ts';
import { htmlFileName, pageKind, planPages } from '../../scripts/update/plan.ts';
import { sha256 } from '../../scripts/hash.ts';
import { applyFetchedPages } from '../../scripts/update/snapshot.ts';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const rebase = (o: string): string => o.replace('https://docs.e.samsungsdscloud.com', 'http://127.0.0.1:9');

async function realManifest(): Promise<string> {
  return readFile(path.join(REPO, 'sources', 'manifest.json'), 'utf8');
}

describe('planPages', () => {
  it('plans one page per manifest origin, rebased, with Range only for single pages', async () => {
    const text = await realManifest();
    const manifest = parseManifest(text, 'manifest.json');
    const plans = planPages(manifest, rebase, 320_000);
    expect(plans).toHaveLength(new Set(manifest.files.map((f) => f.origin)).size);
    for (const p of plans) {
      expect(p.url).toBe(rebase(p.origin));
      expect(p.tailBytes !== undefined).toBe(p.kind === 'operation' || p.kind === 'model');
      // Seed .txt entries have no validators: nothing conditional is sent for them.
      expect(p.etag).toBeUndefined();
    }
    const fragment = plans.find((p) => p.origin.endsWith('/updatedataopsservice/1.1/'));
    expect(fragment).toMatchObject({ kind: 'operation', file: '002_934d1ebcd2abc109.html', tailBytes: 320_000 });
    expect(plans.filter((p) => p.kind === 'print')).toHaveLength(manifest.files.filter((f) => f.origin.endsWith('/_print/')).length);
  });

  it('classifies page URLs and names fetched files', () => {
    expect(pageKind('https://x/apireference/data-analytics/_print/')).toBe('print');
    expect(pageKind('https://x/apireference/ai-ml/aimlops-platform/apis/checkaimlopsplatformversionv1/1.0/')).toBe('operation');
    expect(pageKind('https://x/apireference/data-analytics/data-flow/models/Tag/')).toBe('model');
    expect(pageKind('https://x/apireference/data-analytics/')).toBe('other');
    expect(htmlFileName('003_c1a374b69b53f437.txt')).toBe('003_c1a374b69b53f437.html');
  });
});

describe('applyFetchedPages', () => {
  it('replaces each fetched entry by an html page with new sha256 and validators, dropping the old file and note', async () => {
    const text = await realManifest();
    const plans = planPages(parseManifest(text, 'manifest.json'), rebase);
    const body = (p: (typeof plans)[number]): Buffer => Buffer.from(`<html>${p.origin}</html>`);
    const change = applyFetchedPages(
      text,
      plans.map((plan) => ({ plan, body: body(plan), etag: `"${plan.file}"` })),
    );
    expect(change.writes.map((w) => w.file).sort()).toEqual(plans.map((p) => p.file).sort());
    expect([...change.removes].sort()).toEqual(plans.flatMap((p) => p.entries.map((e) => e.file)).sort());
    expect(change.changedOrigins).toHaveLength(plans.length);
    const next = JSON.parse(change.manifestText ?? '{}') as Record<string, unknown> & { files: Record<string, unknown>[] };
    const original = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(next)).toEqual(Object.keys(original));
    expect(next.services).toEqual(original.services);
    for (const plan of plans) {
      const entry = next.files.find((f) => f.origin === plan.origin);
      expect(entry).toMatchObject({ file: plan.file, layout: 'html', sha256: sha256(body(plan)), etag: `"${plan.file}"`, category: plan.entries[0]?.category });
      expect(entry).not.toHaveProperty('originNote');
    }
    // The result is a valid manifest again.
    expect(() => parseManifest(change.manifestText ?? '', 'next')).not.toThrow();
  });

  it('leaves the manifest text alone when pages are unchanged or not modified', async () => {
    const text = await realManifest();
    const first = applyFetchedPages(text, planPages(parseManifest(text, 'm'), rebase).map((plan) => ({ plan, body: Buffer.from(plan.origin), etag: '"a"' })));
    const manifestText = first.manifestText ?? '';
    const plans = planPages(parseManifest(manifestText, 'm'), rebase);
    expect(plans.every((p) => p.etag === '"a"')).toBe(true);

    const same = applyFetchedPages(manifestText, plans.map((plan) => ({ plan, body: Buffer.from(plan.origin), etag: '"a"' })));
    expect(same).toEqual({ writes: [], removes: [], changedOrigins: [] });
    const notModified = applyFetchedPages(manifestText, plans.map((plan) => ({ plan })));
    expect(notModified).toEqual({ writes: [], removes: [], changedOrigins: [] });

    const newTag = applyFetchedPages(manifestText, plans.map((plan) => ({ plan, body: Buffer.from(plan.origin), etag: '"b"' })));
    expect(newTag.writes).toEqual([]);
    expect(newTag.manifestText).toContain('"etag": "\\"b\\""');
  });

  it('one changed page rewrites only that file', async () => {
    const text = await realManifest();
    const base = applyFetchedPages(text, planPages(parseManifest(text, 'm'), rebase).map((plan) => ({ plan, body: Buffer.from(plan.origin) })));
    const manifestText = base.manifestText ?? '';
    const plans = planPages(parseManifest(manifestText, 'm'), rebase);
    const target = plans[1];
    const change = applyFetchedPages(
      manifestText,
      plans.map((plan) => ({ plan, body: Buffer.from(plan === target ? 'new content' : plan.origin) })),
    );
    expect(change.writes.map((w) => w.file)).toEqual([target?.file]);
    expect(change.removes).toEqual([]);
    expect(change.changedOrigins).toEqual([target?.origin]);
  });
});
