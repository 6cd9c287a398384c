/**
 * checkSource: what a page's origin URL and its own structure promise, checked on real pages read by
 * the real readers (the HTML fixtures and the snapshot's sources).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadManifest } from '../scripts/manifest.ts';
import { readSource } from '../scripts/read-source.ts';
import { readDocsyHtml } from '../scripts/readers/docsy-html.ts';
import { checkSource, lostParameterEvidence, namesService, originFacts } from '../scripts/source-checks.ts';

const SITE = 'https://docs.e.samsungsdscloud.com';
const html = (name: string): string => readFileSync(new URL(`fixtures/html/${name}.html`, import.meta.url), 'utf8');
const codes = (ds: readonly { code: string; severity: string }[]): string[] => ds.map((d) => `${d.severity} ${d.code}`);

describe('originFacts', () => {
  it('reads category, service, version and model from the page URL forms', () => {
    expect(originFacts(`${SITE}/apireference/data-analytics/_print/`)).toEqual({ category: 'data-analytics' });
    expect(originFacts(`${SITE}/apireference/data-analytics/data-ops/apis/_print/`)).toEqual({ category: 'data-analytics', service: 'data-ops' });
    expect(originFacts(`${SITE}/en/apireference/ai-ml/aimlops-platform/apis/listaimlopsplatform/1.0/`)).toEqual({ category: 'ai-ml', service: 'aimlops-platform', version: '1.0' });
    expect(originFacts(`${SITE}/apireference/data-analytics/data-flow/models/Tag/`)).toEqual({ category: 'data-analytics', service: 'data-flow', model: 'Tag' });
    expect(originFacts(`${SITE}/search-index.json#/apireference/data-analytics/data-flow/`)).toEqual({ category: 'data-analytics', service: 'data-flow' });
    expect(originFacts('not a url')).toEqual({});
    expect(originFacts(`${SITE}/userguide/x/`)).toEqual({});
  });

  it('compares service names without case and punctuation, and lets one contain the other', () => {
    expect(namesService('Vertica(DBaaS)', 'vertica')).toBe(true);
    expect(namesService('Event Streams', 'eventstreams')).toBe(true);
    expect(namesService('AI&MLOps Platform', 'aimlops-platform')).toBe(true);
    expect(namesService('데이터 플로우', 'data-flow')).toBe(true);
    expect(namesService('data-flow', 'data-ops')).toBe(false);
    expect(namesService('Data Flow', 'data-ops')).toBe(false);
  });
});

describe('checkSource', () => {
  it('the data-ops URL serving the data-flow page: an error naming the URL and the service found', () => {
    const doc = readDocsyHtml(html('data-flow-apis-print'), 'data-ops.html');
    const found = checkSource(doc, `${SITE}/apireference/data-analytics/data-ops/apis/_print/`);
    expect(codes(found)).toEqual(['error origin-mismatch']);
    expect(found[0]?.message).toBe(`the page fetched from ${SITE}/apireference/data-analytics/data-ops/apis/_print/ (service "data-ops") holds service "data-flow": the wrong page is served under that URL`);
    expect(checkSource(doc, `${SITE}/apireference/data-analytics/data-flow/apis/_print/`)).toEqual([]);
  });

  it('a service page titled for another service, an operation page of another version, a model page of another model', () => {
    const category = readDocsyHtml(html('data-analytics-print'), 'c.html');
    expect(checkSource(category, `${SITE}/apireference/data-analytics/quick-query/_print/`).map((d) => d.message)).toEqual([
      expect.stringContaining('holds service "data-flow"'),
      expect.stringContaining('is titled "Data Flow"'),
    ]);
    const op = readDocsyHtml(html('quick-query-ListQuickQueryImages-1.1'), 'op.html');
    expect(checkSource(op, `${SITE}/apireference/data-analytics/quick-query/apis/listquickqueryimages/1.1/`)).toEqual([]);
    expect(checkSource(op, `${SITE}/apireference/data-analytics/quick-query/apis/listquickqueryimages/1.0/`).map((d) => [d.code, d.operation])).toEqual([['origin-mismatch', 'ListQuickQueryImages 1.1']]);
    const model = readDocsyHtml(html('data-flow-model-Tag'), 'm.html');
    expect(checkSource(model, `${SITE}/apireference/data-analytics/data-flow/models/Tag/`)).toEqual([]);
    expect(codes(checkSource(model, `${SITE}/apireference/data-analytics/data-flow/models/TagList/`))).toEqual(['error origin-mismatch']);
  });

  it('every real snapshot file passes against its manifest origin', async () => {
    const dir = new URL('../sources/', import.meta.url).pathname;
    const manifest = await loadManifest(dir);
    for (const entry of manifest.files) {
      const doc = readSource(entry, readFileSync(`${dir}${entry.file}`, 'utf8'));
      expect(doc.diagnostics.filter((d) => d.severity !== 'info'), entry.file).toEqual([]);
    }
  });

  it('an operation page whose Parameters were lost: the path, the example body and query give it away', () => {
    const page = html('data-flow-apis-print');
    const doc = readDocsyHtml(page, 'apis.html');
    const check = doc.services[0]?.operations[0];
    expect(check && lostParameterEvidence(check)).toEqual([]);
    const stripped = check && { ...check, parameters: [], example: { ...check.example, requestBody: {}, requestPath: `${check.path}?size={size}` } };
    expect(stripped && lostParameterEvidence(stripped)).toEqual([
      'its path has {data_flow_name} but it documents no path parameter',
      'its example sends a request body but it documents no body parameter',
      'its request path example asks for size={size} but it documents no query parameter',
    ]);
    const lost = { ...doc, services: doc.services.map((s) => ({ ...s, operations: s.operations.map((o, i) => (i === 0 ? { ...o, parameters: [] } : o)) })) };
    const found = checkSource(lost, `${SITE}/apireference/data-analytics/data-flow/apis/_print/`);
    expect(found.map((d) => [d.code, d.operation, d.source.line])).toEqual([['missing-parameters', 'CheckDataFlowNameDuplication 1.1', check?.source.line]]);
  });

  it('a whole service section without Models while its operations reference some: the Models section is lost', () => {
    const page = html('data-analytics-print');
    const start = page.indexOf('<div class="td-content" style="page-break-before: always">\n<h1 id="pg-44229225383b2fd979a7f5b2042fd44d">');
    const noModels = page.slice(0, start) + page.slice(page.indexOf('</main>'));
    const doc = readDocsyHtml(noModels.replace(/<li>1\.2: [\s\S]*?<\/ul>\n/, ''), 'c.html');
    expect(doc.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const found = checkSource(doc, `${SITE}/apireference/data-analytics/_print/`);
    expect(found.map((d) => [d.severity, d.code, d.service])).toEqual([['error', 'missing-models', 'data-flow']]);
    expect(found[0]?.message).toContain('the service section Data Flow has an overview but no Models, while its operations reference 1 model (DataFlowBodyCreate): the Models section is lost');
  });
});
