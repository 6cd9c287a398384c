/**
 * classifyRemovals: an operation missing from the new snapshot is a confirmed removal only when the
 * page's API Version History says `[Removed]`/`[삭제]` and no table of contents still lists it. The
 * pages are the variants print page (English) with lines added, read by the real HTML reader.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../scripts/manifest.ts';
import { mergeSources } from '../scripts/merge.ts';
import { readDocsyHtml } from '../scripts/readers/docsy-html.ts';
import { parseHistoryLine } from '../scripts/readers/cells.ts';
import { classifyRemovals, type RemovedOperation } from '../scripts/removals.ts';

const VARIANTS = readFileSync(new URL('fixtures/html/variants-product-print.html', import.meta.url), 'utf8');
const MANIFEST: Manifest = { files: [], categories: {}, services: {} };
const DELETE: RemovedOperation = { service: 'product', name: 'DeleteProduct', version: '1.1', method: 'delete', path: '/products/{product_id}' };
const REMOVED_LINE = '<li>[Removed] DELETE /products/{product_id} - DeleteProduct API has been removed.</li>';

/** The variants page with `edit` applied, read and merged: what the update flow has after fetching it. */
function snapshot(edit: (html: string) => string) {
  const html = edit(VARIANTS);
  const source = readDocsyHtml(html, 'product-print.html');
  return { sources: [source], model: mergeSources([source], MANIFEST), html };
}

const withHistoryLine = (line: string) => (html: string): string => html.replace('<h3 id="11">1.1</h3>', `<h3 id="11">1.1</h3>\n<ul>\n${line}\n</ul>`);

describe('classifyRemovals', () => {
  it('confirms a removal that the changelog states and no table of contents lists', () => {
    const { sources, model, html } = snapshot(withHistoryLine(REMOVED_LINE));
    const [v] = classifyRemovals([DELETE], model, sources);
    expect(v?.confirmed).toBe(true);
    const line = html.slice(0, html.indexOf('<li>[Removed]')).split('\n').length;
    expect(v?.reason).toBe(`product DeleteProduct 1.1 (DELETE /products/{product_id}): removed according to product-print.html:${line} (1.1: DELETE /products/{product_id} - DeleteProduct API has been removed.), and no table of contents lists it`);
  });

  it('matches a Korean [삭제] line by operation name when it gives no path', () => {
    const { sources, model } = snapshot(withHistoryLine('<li>[삭제] DeleteProduct API가 삭제되었습니다.</li>'));
    expect(classifyRemovals([DELETE], model, sources).map((v) => v.confirmed)).toEqual([true]);
  });

  it('does not confirm an operation that the table of contents still lists: the page lost its section', () => {
    const toc = '<li>1.2: <a href="#pg-0b1d0c1f6a6c5d0e3a54a4b3e9c8a0ff">DeleteProduct</a></li>';
    const { sources, model } = snapshot((h) => withHistoryLine(REMOVED_LINE)(h).replace('<li>2: <a href', `${toc}\n<li>2: <a href`));
    const [v] = classifyRemovals([DELETE], model, sources);
    expect(v?.confirmed).toBe(false);
    expect(v?.reason).toMatch(/the table of contents at product-print\.html:\d+ still lists it, but the page has no such operation: the page is damaged$/);
    // The reader reports the same damage as an error on its own.
    expect(sources[0]?.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.operation])).toEqual([['missing-section', 'DeleteProduct']]);
  });

  it('does not confirm a removal the changelog does not state, nor one of a service without a changelog', () => {
    const { sources, model } = snapshot((h) => h);
    expect(classifyRemovals([DELETE], model, sources)[0]?.reason).toMatch(/has no \[Removed\] line for it$/);
    const bare = snapshot((h) => h.slice(0, h.indexOf('<h2 id="api-version-history">')) + h.slice(h.indexOf('</div>', h.indexOf('<h3 id="11">'))));
    expect(bare.model.services[0]?.versionHistory).toBeUndefined();
    expect(classifyRemovals([DELETE], bare.model, bare.sources)[0]?.reason).toMatch(/product has no API Version History to confirm the removal$/);
  });

  it('a [Removed] line about another operation confirms nothing', () => {
    const { sources, model } = snapshot(withHistoryLine('<li>[Removed] DELETE /products/{product_id}/tags - DeleteProductTags API has been removed.</li>'));
    expect(classifyRemovals([DELETE], model, sources).map((v) => v.confirmed)).toEqual([false]);
  });
});

describe('parseHistoryLine', () => {
  it('reads the tag, method, path and operation name in both languages', () => {
    expect(parseHistoryLine('[New] GET /products - ListProducts API have been added.')).toEqual({ change: 'new', method: 'get', path: '/products', operation: 'ListProducts', text: 'GET /products - ListProducts API have been added.' });
    expect(parseHistoryLine('[변경] PUT /v1/clusters/{cluster_id} - UpdateCluster API가 변경되었습니다.')).toMatchObject({ change: 'changed', method: 'put', path: '/v1/clusters/{cluster_id}', operation: 'UpdateCluster' });
    expect(parseHistoryLine('[삭제] DeleteCluster API가 삭제되었습니다.')).toEqual({ change: 'removed', operation: 'DeleteCluster', text: 'DeleteCluster API가 삭제되었습니다.' });
    expect(parseHistoryLine('Deprecated versions are removed after 90 days.')).toBeUndefined();
    expect(parseHistoryLine('[Note] something')).toBeUndefined();
  });
});

describe('checkRemovals (the update flow\'s removal check)', () => {
  it('turns each removed operation of the change report into an error unless the staged pages confirm it', async () => {
    const { checkRemovals, removedOperations } = await import('../scripts/removal-check.ts');
    const reports = [
      {
        service: 'data-flow',
        version: '1.1',
        status: 'changed' as const,
        breaking: 1,
        changes: [{ kind: 'operation-removed' as const, breaking: true, operation: 'showDataFlow', method: 'get', path: '/v1/data-flows/{data_flow_id}', target: 'GET /v1/data-flows/{data_flow_id}', detail: 'operation removed' }],
      },
      { service: 'data-flow', version: 'latest', status: 'changed' as const, breaking: 1, changes: [{ kind: 'operation-removed' as const, breaking: true, operation: 'showDataFlow', method: 'get', path: '/v1/data-flows/{data_flow_id}', target: 'x', detail: 'operation removed' }] },
    ];
    expect(removedOperations(reports)).toEqual([{ service: 'data-flow', version: '1.1', name: 'showDataFlow', method: 'get', path: '/v1/data-flows/{data_flow_id}' }]);
    // The repository's own snapshot as the staged tree: its data-flow TOC (003) still lists ShowDataFlow.
    const found = await checkRemovals({ reports, stagedRoot: new URL('..', import.meta.url).pathname });
    expect(found.map((d) => [d.severity, d.code, d.service, d.operation])).toEqual([['error', 'unconfirmed-removal', 'data-flow', 'showDataFlow 1.1']]);
    expect(found[0]?.message).toMatch(/the table of contents at 003_c1a374b69b53f437\.txt:\d+ still lists it/);
    expect(await checkRemovals({ reports: [], stagedRoot: '/nonexistent' })).toEqual([]);
  });
});
