/**
 * Behaviour specific to the Docsy HTML reader: locating the content behind a large navigation tree,
 * pages cut to their tail (suffix Range requests start mid-tag), English labels, per-model pages,
 * the variants seen on other services, line numbers, and bad HTML (diagnostics, never a throw).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, OperationDoc, SourceDoc } from '../../scripts/model.ts';
import { readDocsyHtml } from '../../scripts/readers/docsy-html.ts';

const HTML_DIR = new URL('../fixtures/html/', import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(`${name}.html`, HTML_DIR), 'utf8');

const QQ = fixture('quick-query-ListQuickQueryImages-1.1');
const AIML = fixture('aimlops-ListAIMLOpsPlatform-1.0-en');
const APIS_PRINT = fixture('data-flow-apis-print');
const CATEGORY_PRINT = fixture('data-analytics-print');
const MODEL_PAGE = fixture('data-flow-model-DataFlowBodyCreate');
const VARIANTS = fixture('variants-product-print');
const ALL = [
  'quick-query-ListQuickQueryImages-1.1',
  'aimlops-ListAIMLOpsPlatform-1.0-en',
  'data-flow-apis-print',
  'data-analytics-print',
  'data-flow-model-DataFlowBodyCreate',
  'data-flow-model-Tag',
  'variants-product-print',
];

/** 1-based line of the first occurrence of `needle`. */
function lineOf(text: string, needle: string, from = 0): number {
  const at = text.indexOf(needle, from);
  if (at === -1) throw new Error(`fixture lacks ${needle}`);
  return text.slice(0, at).split('\n').length;
}

function codes(doc: SourceDoc, severity?: Diagnostic['severity']): string[] {
  return doc.diagnostics.filter((d) => severity === undefined || d.severity === severity).map((d) => d.code);
}

function operations(doc: SourceDoc): OperationDoc[] {
  return doc.services.flatMap((s) => s.operations);
}

/** Services without source refs, for comparing two readings of the same content at different offsets. */
function withoutSources(doc: SourceDoc): unknown {
  return JSON.parse(JSON.stringify(doc.services, (k, v: unknown) => (k === 'source' ? undefined : v)));
}

/** A minimal Docsy single page around some content markup. */
function singlePage(content: string, title = '1.0'): string {
  return [
    '<!doctype html>',
    '<html lang="ko"><head><title>t</title></head><body>',
    '<aside class="td-sidebar"><ul><li><a href="/x/">nav</a></li></ul></aside>',
    '<main class="col-12" role="main">',
    '<nav aria-label="breadcrumb" class="td-breadcrumbs"><ol class="breadcrumb">',
    '<li class="breadcrumb-item"><a href="/t/">Things</a></li><li class="breadcrumb-item"><a href="/t/apis/">APIs</a></li>',
    '<li class="breadcrumb-item"><a href="/t/apis/showthing/">ShowThing</a></li><li class="breadcrumb-item active" aria-current="page">1.0</li>',
    '</ol></nav>',
    '<div class="td-content">',
    `<h1>${title}</h1>`,
    content,
    '</div>',
    '</main>',
    '</body></html>',
  ].join('\n');
}

const VERSION_TABLE = '<table><thead><tr><th>버전</th><th>최소 지원 보장일</th></tr></thead><tbody><tr><td>1.0</td><td>-</td></tr></tbody></table>';
const RESPONSES = '<h2 id="responses">Responses</h2>\n<table><thead><tr><th>HTTP Code</th><th>Description</th><th>Schema</th></tr></thead><tbody><tr><td>200</td><td>OK</td><td>None</td></tr></tbody></table>';
const HEAD = '<p>get /v1/things/{thing_id}</p>\n<h2 id="description">Description</h2>\n<p>Show a thing.</p>\n<p>상태 ACTIVE (CURRENT)</p>\n' + VERSION_TABLE;

describe('single per-operation pages', () => {
  const doc = readDocsyHtml(QQ, 'qq.html');
  const [op] = operations(doc);

  it('reads a page titled with the version, naming the operation and service from the breadcrumb', () => {
    expect(doc.layout).toBe('html');
    expect(doc.diagnostics).toEqual([]);
    expect(doc.services.map((s) => [s.id, s.title])).toEqual([['quick-query', 'Quick Query']]);
    expect(op).toMatchObject({ name: 'ListQuickQueryImages', version: '1.1', method: 'get', path: '/v1/quick-query/image-versions' });
    expect(op?.supportedUntilLabel).toBe('최소 지원 보장일');
  });

  it('accepts an operation without a Parameters section', () => {
    expect(op?.parameters).toEqual([]);
    expect(op?.responses.map((r) => [r.code, r.schemaText])).toEqual([
      ['200', 'ImageVersionsResponse'],
      ['400', 'None'],
      ['401', 'None'],
      ['404', 'None'],
    ]);
    expect(op?.responses[0]?.schema).toEqual({ kind: 'ref', model: 'ImageVersionsResponse' });
    expect(op?.responses[1]?.schema).toBeUndefined();
  });

  it('reads syntax-highlighted examples (chroma spans, &#34; entities) as the text they render', () => {
    expect(op?.example.headers.map((h) => h.name)).toEqual([
      'Scp-Accesskey',
      'Scp-Signature',
      'Scp-Timestamp',
      'Scp-ClientType',
      'Accept-Language',
      'Scp-Api-Version',
    ]);
    expect(op?.serviceId).toBe('quick-query');
    expect(op?.example.responseCode).toBe('200');
    expect(op?.example.responseBody).toEqual({
      contents: [{ image_attr: { 'k8s.version': '', 'os.type': '' }, image_id: '', image_name: '', version: '' }],
      total_count: '',
    });
  });

  it('reads English labels and a page titled with the operation name', () => {
    const en = readDocsyHtml(AIML, 'aiml.html');
    expect(en.diagnostics).toEqual([]);
    const [o] = operations(en);
    expect(o).toMatchObject({ name: 'List AI&MLOps Platform', version: '1.0', state: 'ACTIVE', status: 'CURRENT' });
    expect([o?.supportedUntil, o?.supportedUntilLabel]).toEqual(['-', 'Supported Until']);
    expect(en.services[0]?.title).toBe('AI&MLOps Platform');
    // Marker in an element of its own; a missing Default cell and an empty one both mean no default.
    const byName = new Map(o?.parameters.map((p) => [p.name, p]));
    expect(byName.get('size')).toMatchObject({ in: 'query', required: false, schemaText: 'any of [integer, null]', default: '20' });
    expect(byName.get('status')?.default).toBeUndefined();
    expect(byName.get('created_by')?.default).toBeUndefined();
    const statusRow = AIML.slice(AIML.lastIndexOf('<tr>', AIML.indexOf('<p>status</p>')), AIML.indexOf('</tr>', AIML.indexOf('<p>status</p>')));
    expect(statusRow.match(/<td>/g)).toHaveLength(4); // the fixture's row really lacks the Default cell
  });

  it('takes method and path from <meta name=description> when the content lacks the method line', () => {
    const html = QQ.replace('<p><code>get /v1/quick-query/image-versions</code></p>', '');
    const d = readDocsyHtml(html, 'qq.html');
    expect(codes(d)).toEqual(['method-from-meta']);
    expect(operations(d)[0]).toMatchObject({ method: 'get', path: '/v1/quick-query/image-versions' });
  });

  it('reports a method line that disagrees with <meta name=description>', () => {
    const html = QQ.replace('<p><code>get /v1/quick-query/image-versions</code></p>', '<p><code>get /v1/quick-query/images</code></p>');
    const d = readDocsyHtml(html, 'qq.html');
    expect(codes(d)).toEqual(['meta-disagrees']);
    expect(operations(d)[0]?.path).toBe('/v1/quick-query/images');
  });
});

describe('pages cut to their tail (suffix Range requests)', () => {
  const full = readDocsyHtml(QQ, 'qq.html');

  it('finds the content when the text starts mid-tag inside the navigation', () => {
    const cut = QQ.indexOf('td-sidebar-link__page') + 7; // inside a class attribute of a nav link
    const tail = QQ.slice(cut);
    const d = readDocsyHtml(tail, 'qq-tail.html');
    expect(codes(d)).toEqual(['headless-page']);
    expect(withoutSources(d)).toEqual(withoutSources(full));
    // Lines count from the start of the text actually read.
    const dropped = QQ.slice(0, cut).split('\n').length - 1;
    expect(operations(d)[0]?.source.line).toBe((operations(full)[0]?.source.line as number) - dropped);
  });

  it('without <main> and breadcrumb, still reads the td-content and says what it could not name', () => {
    const tail = QQ.slice(QQ.indexOf('<li class="breadcrumb-item active"') + 10);
    const d = readDocsyHtml(tail, 'qq-tail.html');
    expect(codes(d)).toEqual(['headless-page', 'operation-name-unknown']);
    const [op] = operations(d);
    expect(op?.name).toBeUndefined();
    expect(d.services[0]?.title).toBeUndefined();
    expect(withoutSources({ services: [{ ...op, name: 'ListQuickQueryImages' }] } as unknown as SourceDoc)).toEqual(
      withoutSources({ services: operations(full) } as unknown as SourceDoc),
    );
  });

  it('reads the remaining sections of a print page whose start was cut off', () => {
    // Cut inside the CheckDataFlowNameDuplication 1.1 section: the 1.0 section lost its operation heading.
    const cut = APIS_PRINT.indexOf('<p>get /v1/data-flows/{data_flow_name}/check-duplication</p>');
    const d = readDocsyHtml(APIS_PRINT.slice(cut), 'tail.html');
    // Without its table of contents nobody can tell what else the page lost: an error, but the rest is still read.
    expect(codes(d, 'error')).toEqual(['truncated-page']);
    expect(codes(d)).toContain('orphan-section');
    expect(operations(d).map((o) => [o.name, o.version])).toEqual([
      [undefined, '1.0'],
      ['ListDataFlows', '1.1'],
      ['ListDataFlowService', '1.1'],
    ]);
  });

  it('on a 4 MB page parses only the content, not the navigation before it', () => {
    const navItem = '<li class="td-sidebar-nav__page"><a href="/apireference/x/apis/y/1.0/" class="td-sidebar-link"><span>1.0</span></a></li>\n';
    const padding = navItem.repeat(Math.ceil(4_000_000 / navItem.length));
    const big = QQ.replace('<ul class="td-sidebar-nav__section pe-md-3 ul-0">', `<ul class="td-sidebar-nav__section pe-md-3 ul-0">\n${padding}`);
    expect(big.length).toBeGreaterThan(4_000_000);
    const d = readDocsyHtml(big, 'big.html');
    expect(d.diagnostics).toEqual([]);
    expect(withoutSources(d)).toEqual(withoutSources(full));
    expect(d.stats?.['parsedBytes']).toBe(full.stats?.['parsedBytes']);
    expect(d.stats?.['parsedBytes']).toBeLessThan(big.length / 100);
  });
});

describe('print pages', () => {
  it('nests sections by their numbers and reads every version of an operation', () => {
    const d = readDocsyHtml(APIS_PRINT, 'apis.html');
    expect(d.diagnostics).toEqual([]);
    expect(operations(d).map((o) => `${o.name} ${o.version} ${o.status} ${o.supportedUntil}`)).toEqual([
      'CheckDataFlowNameDuplication 1.1 CURRENT -',
      'CheckDataFlowNameDuplication 1.0 SUPPORTED 20260701',
      'ListDataFlows 1.1 CURRENT -',
      'ListDataFlowService 1.1 CURRENT -',
    ]);
    // The Name cell puts the marker in a badge; `Example :` alone is an empty example.
    const dataFlowName = operations(d)[0]?.parameters.find((p) => p.in === 'path');
    expect(dataFlowName).toMatchObject({ name: 'data_flow_name', required: true, description: 'Data flow name', default: 'None' });
    expect(dataFlowName?.constraints).toEqual([{ key: 'Example', value: '' }]);
    const size = operations(d)[3]?.parameters.find((p) => p.name === 'size');
    expect(size).toMatchObject({ schemaText: 'any of [integer, null]', default: '20' });
    expect(size?.schema).toEqual({ kind: 'anyOf', members: [{ kind: 'primitive', type: 'integer' }, { kind: 'primitive', type: 'null' }] });
  });

  it('reads a category print page: service overview, operations and models under their service', () => {
    const d = readDocsyHtml(CATEGORY_PRINT, 'category.html');
    expect(d.diagnostics).toEqual([]);
    const [s] = d.services;
    expect(s).toMatchObject({ id: 'data-flow', title: 'Data Flow', baseUrl: 'https://data-flow.{region}.{environment}.samsungsdscloud.com' });
    expect(s?.versionTable).toEqual([]); // the table is there, with its header only
    expect(s?.overview?.split('\n\n')).toHaveLength(2);
    expect(s?.environments?.map((e) => `${e.environment}:${e.region}`)).toEqual([
      's:kr-west1',
      's:kr-east1',
      'g:kr-south1',
      'g:kr-south2',
      'g:kr-south3',
      'e:kr-west1',
      'e:kr-east1',
    ]);
    const body = s?.operations[0]?.parameters.find((p) => p.in === 'body');
    expect(body).toMatchObject({ name: 'body', required: true, description: '', schemaText: 'DataFlowBodyCreate', schema: { kind: 'ref', model: 'DataFlowBodyCreate' } });
    expect(body?.default).toBeUndefined();
    expect(s?.operations[0]?.example.responseCode).toBe('202');
    expect(s?.operations[0]?.example.responseBody).toBeUndefined();
    expect(s?.models.map((m) => m.name)).toEqual(['ClusterResourceCheckResponse']);
    const cpu = s?.models[0]?.fields[0];
    expect(cpu).toMatchObject({ name: 'cpu', required: false, description: '', schemaText: 'object', default: 'CPU' });
  });

  it('handles the variants seen on other services', () => {
    const d = readDocsyHtml(VARIANTS, 'variants.html');
    // What the doc model cannot hold is reported as info, not dropped silently.
    expect(d.diagnostics.map((x) => [x.severity, x.code])).toEqual([['info', 'unplaced-text']]);
    expect(d.diagnostics[0]?.source.line).toBe(lineOf(VARIANTS, '<p>Deprecated versions'));
    const [s] = d.services;
    // The API Version History: one entry per line, under the version heading it follows, at its own line.
    const history = lineOf(VARIANTS, '<h2 id="api-version-history">');
    expect(s?.versionHistory).toEqual([
      { version: '1.2', change: 'new', method: 'get', path: '/products', operation: 'ListProducts', text: 'GET /products - ListProducts API have been added.', source: { file: 'variants.html', line: lineOf(VARIANTS, '<li>[New]', 0) } },
      { version: '1.2', change: 'changed', method: 'get', path: '/products', text: 'GET /products - The tags query parameter has been added.', source: { file: 'variants.html', line: lineOf(VARIANTS, '<li>[Changed]') } },
      { version: '1.1', change: 'new', method: 'get', path: '/products', operation: 'ListProducts', text: 'GET /products - ListProducts API have been added.', source: { file: 'variants.html', line: lineOf(VARIANTS, '<li>[New]', VARIANTS.indexOf('<h3 id="11">')) } },
    ]);
    expect(s?.versionHistory?.every((e) => e.source.line > history)).toBe(true);
    expect(s).toMatchObject({ id: 'product', title: 'Product', baseUrl: 'https://product.{environment}.samsungsdscloud.com' });
    expect(s?.versionTable).toEqual([
      { version: '1.2', status: 'CURRENT', supportedUntil: '-' },
      { version: '1.1', status: 'DEPRECATED', supportedUntil: '20251231' },
      { version: '1.0', status: 'DEPRECATED', supportedUntil: '20251231' },
    ]);
    expect(s?.operations.map((o) => [o.name, o.version, o.status, o.supportedUntil, o.supportedUntilLabel])).toEqual([
      ['ListProducts', '1.2', 'CURRENT', '-', 'Not Before'],
      ['ListProducts', '1.1', 'DEPRECATED', '20251231', 'Not Before'],
      ['ListProducts', '1.0', 'DEPRECATED', '20251231', 'Not Before'],
    ]);
    const params = s?.operations[0]?.parameters ?? [];
    expect(params.map((p) => `${p.in}:${p.name}`)).toEqual(['header:accept', 'header:content_type', 'query:tags', 'query:size']);
    expect(params[2]).toMatchObject({
      schemaText: 'array[any of [string, null]]',
      schema: { kind: 'array', items: { kind: 'anyOf', members: [{ kind: 'primitive', type: 'string' }, { kind: 'primitive', type: 'null' }] } },
      default: '[]',
      constraints: [{ key: 'Example', value: "['env:prod']" }],
    });
    expect(s?.models[0]?.fields[1]?.constraints).toEqual([
      { key: 'Example', value: '0' },
      { key: 'Minimum', value: '0' },
    ]);
  });
});

describe('cell variants', () => {
  it('reads cells rendered without <br>: inline constraints, a glued marker element, a capitalised type', () => {
    const rows = [
      '<tr><td>path</td><td>cluster_id required</td><td>Cluster ID Example : 2a9be312-5d4b-4bc8-b2ae-35100fa9241f</td><td>string</td><td>None</td></tr>',
      '<tr><td>Query</td><td><code>name</code><span class="badge">optional</span></td><td>Name Example : Pattern : ^[a-z]+$</td><td>any of [string, null]</td><td></td></tr>',
      '<tr><td>body</td><td>body (required)</td><td colspan="3"><a href="../models/ThingCreateRequest/">ThingCreateRequest</a></td></tr>',
    ];
    const table = `<table><thead><tr><th>Type</th><th>Name</th><th>Description</th><th>Schema</th><th>Default</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
    const d = readDocsyHtml(singlePage(`${HEAD}\n<h2 id="parameters">Parameters</h2>\n${table}\n${RESPONSES}`), 'p.html');
    expect(d.diagnostics).toEqual([]);
    const params = operations(d)[0]?.parameters ?? [];
    expect(params.map((p) => [p.in, p.name, p.required, p.description, p.constraints, p.schemaText, p.default])).toEqual([
      ['path', 'cluster_id', true, 'Cluster ID', [{ key: 'Example', value: '2a9be312-5d4b-4bc8-b2ae-35100fa9241f' }], 'string', 'None'],
      ['query', 'name', false, 'Name', [{ key: 'Example', value: '' }, { key: 'Pattern', value: '^[a-z]+$' }], 'any of [string, null]', undefined],
      ['body', 'body', true, '', [], 'ThingCreateRequest', undefined],
    ]);
  });
});

describe('per-model pages', () => {
  const d = readDocsyHtml(MODEL_PAGE, 'model.html');
  const model = d.services[0]?.models[0];

  it('reads the model under the service the breadcrumb names, without an id', () => {
    expect(d.diagnostics).toEqual([]);
    expect(d.services.map((s) => [s.id, s.title, s.operations.length])).toEqual([[undefined, 'Data Flow', 0]]);
    expect(model?.name).toBe('DataFlowBodyCreate');
  });

  it('keeps constraint lines in order and model links as their text', () => {
    const f = new Map(model?.fields.map((x) => [x.name, x]));
    expect(f.get('data_flow_name')?.constraints).toEqual([
      { key: 'Example', value: '' },
      { key: 'Minimum length', value: '3' },
      { key: 'Maximum length', value: '30' },
    ]);
    expect(f.get('tags')).toMatchObject({ required: false, description: 'tags', constraints: [], schemaText: 'array[Tag]', schema: { kind: 'array', items: { kind: 'ref', model: 'Tag' } } });
    expect(f.get('account')?.constraints).toEqual([{ key: 'Example', value: "{'account_id': '', 'account_password': ''}" }]);
  });
});

describe('line numbers', () => {
  it.each(ALL)('point at the element each thing starts at (%s)', (name) => {
    const html = fixture(name);
    const lines = html.split('\n');
    const d = readDocsyHtml(html, `${name}.html`);
    let rows = 0;
    for (const s of d.services) {
      for (const o of s.operations) {
        expect(lines[o.source.line - 1]).toMatch(/<h1[ >]/);
        for (const r of [...o.parameters, ...o.responses]) {
          expect(lines[r.source.line - 1]).toMatch(/^<tr>/);
          rows++;
        }
      }
      for (const m of s.models) {
        expect(lines[m.source.line - 1]).toMatch(/<h1[ >]/);
        for (const f of m.fields) {
          expect(lines[f.source.line - 1]).toMatch(/^<tr>/);
          rows++;
        }
      }
    }
    expect(rows).toBeGreaterThan(0);
  });
});

describe('bad HTML: diagnostics, never a throw', () => {
  it('empty input', () => {
    for (const text of ['', '  \n\t']) {
      const d = readDocsyHtml(text, 'empty.html');
      expect(d.services).toEqual([]);
      expect(d.diagnostics).toEqual([{ severity: 'error', code: 'empty-input', message: 'the HTML file is empty', source: { file: 'empty.html', line: 1 } }]);
    }
  });

  it('no content container', () => {
    const d = readDocsyHtml('<!doctype html><html><body><div class="td-sidebar"><p>only navigation</p></div></body></html>', 'nav.html');
    expect(d.services).toEqual([]);
    expect(codes(d)).toEqual(['no-content-container']);
  });

  it('a <main> without td-content is read as the content', () => {
    const html = singlePage(HEAD + RESPONSES).replace('<div class="td-content">', '<div>');
    const d = readDocsyHtml(html, 'p.html');
    expect(codes(d)).toEqual(['no-td-content']);
    expect(operations(d).map((o) => o.path)).toEqual(['/v1/things/{thing_id}']);
  });

  it('a parameter table without a Schema column is skipped with an error at the table', () => {
    const table = '<table>\n<thead><tr><th>Type</th><th>Name</th><th>Description</th></tr></thead>\n<tbody><tr><td>path</td><td>thing_id required</td><td>Thing</td></tr></tbody>\n</table>';
    const html = singlePage(`${HEAD}\n<h2 id="parameters">Parameters</h2>\n${table}\n${RESPONSES}`);
    const d = readDocsyHtml(html, 'p.html');
    const diag = d.diagnostics.find((x) => x.code === 'table-missing-column');
    expect(diag).toMatchObject({ severity: 'error', operation: 'ShowThing 1.0', source: { file: 'p.html', line: lineOf(html, '<table>\n<thead><tr><th>Type') } });
    expect(diag?.message).toContain('Schema');
    expect(operations(d)[0]?.parameters).toEqual([]);
  });

  it('rows with a missing cell, an unknown type, a bad schema or no marker are reported at their row', () => {
    const rows = [
      '<tr><td>path</td></tr>',
      '<tr><td>matrix</td><td>m required</td><td>M</td><td>string</td><td></td></tr>',
      '<tr><td>query</td><td>q optional</td><td>Q</td><td>strin g!</td><td></td></tr>',
      '<tr><td>query</td><td>nomarker</td><td>N</td><td>string</td><td></td></tr>',
      '<tr><td>path</td><td>thing_id required</td><td>Thing<br>Example : t1</td><td>string</td><td>None</td></tr>',
    ];
    const table = `<table>\n<thead><tr><th>Type</th><th>Name</th><th>Description</th><th>Schema</th><th>Default</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
    const html = singlePage(`${HEAD}\n<h2 id="parameters">Parameters</h2>\n${table}\n${RESPONSES}`);
    const d = readDocsyHtml(html, 'p.html');
    expect(d.diagnostics.map((x) => [x.severity, x.code, x.source.line])).toEqual([
      ['error', 'row-missing-cell', lineOf(html, rows[0] as string)],
      ['error', 'unknown-parameter-type', lineOf(html, rows[1] as string)],
      ['error', 'bad-schema', lineOf(html, rows[2] as string)],
      ['warning', 'missing-required-marker', lineOf(html, rows[3] as string)],
    ]);
    expect(operations(d)[0]?.parameters.map((p) => [p.name, p.required])).toEqual([
      ['nomarker', false],
      ['thing_id', true],
    ]);
  });

  it('an operation block without a method line is skipped with an error', () => {
    const html = singlePage(HEAD.replace('<p>get /v1/things/{thing_id}</p>', '') + '\n' + RESPONSES);
    const d = readDocsyHtml(html, 'p.html');
    expect(codes(d, 'error')).toEqual(['missing-method-line']);
    expect(operations(d)).toEqual([]);
  });

  it('an example that is not JSON is reported and left out; the operation stays', () => {
    const example = '<h2 id="example-http-response">Example HTTP response</h2>\n<h3>Response 200</h3>\n<pre><code>{"a": </code></pre>';
    const html = singlePage(`${HEAD}\n${RESPONSES}\n${example}`);
    const d = readDocsyHtml(html, 'p.html');
    expect(d.diagnostics.map((x) => [x.code, x.source.line])).toEqual([['bad-example-json', lineOf(html, '<pre><code>{"a"')]]);
    expect(operations(d)[0]?.example).toEqual({ headers: [], responseCode: '200' });
  });

  it('content it cannot place is reported, not dropped silently', () => {
    const html = singlePage(`${HEAD}\n<h2 id="notes">Notes</h2>\n<p>Something new.</p>\n${RESPONSES}\n<table><tr><th>Foo</th></tr><tr><td>1</td></tr></table>`);
    const d = readDocsyHtml(html, 'p.html');
    expect(d.diagnostics.map((x) => x.code)).toEqual(['unknown-section', 'unknown-table']);
    expect(operations(d)).toHaveLength(1);
  });

  it('a page with neither an operation nor a model is reported', () => {
    const d = readDocsyHtml(singlePage('<p>Nothing to see.</p>', 'About'), 'p.html');
    expect(d.services).toEqual([]);
    expect(codes(d)).toEqual(['nothing-recognised']);
  });

  it('never throws on arbitrary text or on any slice of a real page', () => {
    const pages = [QQ, APIS_PRINT, MODEL_PAGE, VARIANTS];
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.tuple(fc.constantFrom(...pages), fc.nat(), fc.nat()).map(([page, a, b]) => page.slice(Math.min(a, b) % page.length, Math.max(a, b) % (page.length + 1))),
        ),
        (text) => {
          const d = readDocsyHtml(text, 'any.html');
          const lineCount = text.split('\n').length;
          expect(d.layout).toBe('html');
          for (const x of d.diagnostics) {
            expect(x.code).not.toBe('internal-error');
            expect(x.source.line).toBeGreaterThanOrEqual(1);
            expect(x.source.line).toBeLessThanOrEqual(lineCount);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('damaged pages: errors that name what the page lost', () => {
  const errors = (d: SourceDoc): [string, string | undefined][] => d.diagnostics.filter((x) => x.severity === 'error').map((x) => [x.code, x.operation]);

  it('a print page cut cleanly before its last section: the page end and every lost TOC entry are named', () => {
    const last = APIS_PRINT.lastIndexOf('<div class="td-content"');
    const d = readDocsyHtml(APIS_PRINT.slice(0, last), 'apis.html');
    expect(errors(d)).toEqual([
      ['truncated-page', undefined],
      ['missing-section', 'ListDataFlowService 1.1'],
    ]);
    const lost = d.diagnostics.find((x) => x.code === 'missing-section');
    expect(lost?.message).toBe('the table of contents lists 3.1 "ListDataFlowService 1.1", but the page has no such section: the page is cut off or lost it');
    expect(lost?.source.line).toBe(lineOf(APIS_PRINT, '<li>3.1: <a href="#pg-50d03e3325efac7f78e1d4ed62ab3981">1.1</a></li>'));
    // What the page still holds is read, and its TOC exposed.
    expect(operations(d).map((o) => `${o.name} ${o.version}`)).toEqual(['CheckDataFlowNameDuplication 1.1', 'CheckDataFlowNameDuplication 1.0', 'ListDataFlows 1.1']);
    expect(d.toc?.map((e) => e.number)).toEqual(['1', '1.1', '1.2', '2', '2.1', '3', '3.1']);
  });

  it('a print page that lost a whole section (TOC kept): the outermost lost entry is named once', () => {
    const start = APIS_PRINT.indexOf('<div class="td-content" style="page-break-before: always">\n<h1 id="pg-1b7df29adfa3fef4b27aba4aa420a578">');
    const end = APIS_PRINT.indexOf('<div class="td-content"', APIS_PRINT.indexOf('pg-50d03e3325efac7f78e1d4ed62ab3981">3.1'));
    const cut = APIS_PRINT.slice(0, start) + (end === -1 ? APIS_PRINT.slice(APIS_PRINT.indexOf('</main>')) : APIS_PRINT.slice(end));
    const d = readDocsyHtml(cut, 'apis.html');
    expect(errors(d)).toEqual([['missing-section', 'ListDataFlowService']]);
    expect(d.diagnostics.find((x) => x.code === 'missing-section')?.message).toContain('lists 3 "ListDataFlowService" and the 1 entry under it');
  });

  it('a single page cut before </html>', () => {
    const d = readDocsyHtml(QQ.slice(0, QQ.indexOf('</main>')), 'qq.html');
    expect(errors(d)).toEqual([['truncated-page', undefined]]);
    expect(d.diagnostics[0]?.source.line).toBe(QQ.slice(0, QQ.indexOf('</main>')).split('\n').length);
  });

  it('a table header without rows, and an operation without its Responses table', () => {
    const empty = '<h2 id="parameters">Parameters</h2>\n<table><thead><tr><th>Type</th><th>Name</th><th>Description</th><th>Schema</th><th>Default</th></tr></thead><tbody>\n</tbody></table>';
    const d = readDocsyHtml(singlePage(`${HEAD}\n${empty}`), 'p.html');
    expect(errors(d)).toEqual([
      ['empty-table', 'ShowThing 1.0'],
      ['missing-responses', 'ShowThing 1.0'],
    ]);
    const versionless = readDocsyHtml(singlePage(HEAD.replace('<tr><td>1.0</td><td>-</td></tr>', '') + RESPONSES), 'p.html');
    expect(errors(versionless)).toEqual([['empty-table', 'ShowThing 1.0']]);
  });

  it('a service overview with an environment table without rows', () => {
    const html = CATEGORY_PRINT.replace(/(<th>region<\/th>[\s\S]*?<tbody>)[\s\S]*?(<\/tbody>)/, '$1$2');
    expect(html).not.toBe(CATEGORY_PRINT);
    expect(errors(readDocsyHtml(html, 'category.html'))).toEqual([['empty-table', undefined]]);
  });
});
