import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, OperationDoc, SourceDoc } from '../../scripts/model.ts';
import { detectTextLayout, readMarkdownText } from '../../scripts/readers/markdown-text.ts';
import { formatSchemaExpression } from '../../scripts/schema-expression.ts';
import { checkSource } from '../../scripts/source-checks.ts';
import { loadInventory, type InventoryOperation as InventoryOp } from '../helpers/inventory.ts';

const SOURCES = fileURLToPath(new URL('../../sources/', import.meta.url));
const DATA_OPS = '000_0a127fa9373169b5.txt';
const FLAT = '001_a654bf60b90d6dd0.txt';
const FRAGMENT = '002_934d1ebcd2abc109.txt';
const DATA_FLOW = '003_c1a374b69b53f437.txt';
const AIMLOPS = '004_93f42c537ca2b419.txt';
const MARKDOWN_FILES = [DATA_OPS, DATA_FLOW, AIMLOPS] as const;

const texts = new Map<string, string>();
function source(file: string): string {
  let text = texts.get(file);
  if (text === undefined) {
    text = readFileSync(`${SOURCES}${file}`, 'utf8');
    texts.set(file, text);
  }
  return text;
}

/** 1-based number of the first line equal to `exact` (at or after line `from`). */
function lineOf(text: string, exact: string, from = 1): number {
  const i = text.split('\n').indexOf(exact, from - 1);
  if (i < 0) throw new Error(`line not found: ${exact}`);
  return i + 1;
}
function lineAt(text: string, n: number): string {
  return text.split('\n')[n - 1] ?? '';
}
function replaceLine(text: string, n: number, replacement: string | readonly string[]): string {
  const lines = text.split('\n');
  lines.splice(n - 1, 1, ...(typeof replacement === 'string' ? [replacement] : replacement));
  return lines.join('\n');
}
function allOps(doc: SourceDoc): OperationDoc[] {
  return doc.services.flatMap((s) => s.operations);
}
function findOp(doc: SourceDoc, name: string, version: string): OperationDoc {
  const op = allOps(doc).find((o) => o.name === name && o.version === version);
  if (op === undefined) throw new Error(`no operation ${name} ${version}`);
  return op;
}
function withCode(doc: SourceDoc, code: string): Diagnostic[] {
  return doc.diagnostics.filter((d) => d.code === code);
}

// ---- the coverage oracle ---------------------------------------------------------------------


/** The inventory entries (with service id and version) found in one file. */
function inventoryFor(file: string): { service: string; version: string; entry: InventoryOp }[] {
  const out: { service: string; version: string; entry: InventoryOp }[] = [];
  for (const [service, svc] of Object.entries(loadInventory().services)) {
    for (const [version, entries] of Object.entries(svc.versions)) {
      for (const entry of entries) if (entry.sources.includes(file)) out.push({ service, version, entry });
    }
  }
  return out;
}

/** Our operation in the inventory's vocabulary (raw strings; both "no cell" and "empty cell" are undefined). */
function asInventory(op: OperationDoc): unknown {
  return {
    method: op.method.toUpperCase(),
    path: op.path,
    state: op.state,
    status: op.status,
    supportedUntil: op.supportedUntil,
    description: op.description,
    parameters: op.parameters.map((p) => ({ in: p.in, name: p.name, required: p.required, schema: p.schemaText, default: p.default })),
    responses: op.responses.map((r) => ({ code: r.code, schema: r.schemaText })),
    hasRequestExample: op.example.requestBody !== undefined,
    hasResponseExample: op.example.responseBody !== undefined,
    exampleResponseCode: op.example.responseCode,
    requestPathExample: op.example.requestPath,
  };
}
function expected(entry: InventoryOp): unknown {
  return {
    method: entry.method,
    path: entry.path,
    state: entry.state,
    status: entry.status,
    supportedUntil: entry.supportedUntil,
    description: entry.description,
    parameters: entry.parameters.map((p) => ({
      in: p.in,
      name: p.name,
      required: p.required,
      schema: p.schema,
      default: p.default === null || p.default === '' ? undefined : p.default,
    })),
    responses: entry.responses,
    hasRequestExample: entry.hasRequestExample,
    hasResponseExample: entry.hasResponseExample,
    exampleResponseCode: entry.exampleResponseCode,
    requestPathExample: entry.requestPathExample,
  };
}

describe('detectTextLayout', () => {
  it('agrees with the layout the manifest declares for every source', () => {
    const manifest = JSON.parse(readFileSync(`${SOURCES}manifest.json`, 'utf8')) as { files: { file: string; layout: string }[] };
    expect(manifest.files.length).toBe(5);
    for (const { file, layout } of manifest.files) expect([file, detectTextLayout(source(file))]).toEqual([file, layout]);
  });

  it('says unknown for text in none of the layouts', () => {
    expect(detectTextLayout('')).toBe('unknown');
    expect(detectTextLayout('hello\nworld')).toBe('unknown');
  });
});

describe('readMarkdownText on the real markdown sources', () => {
  for (const file of MARKDOWN_FILES) {
    it(`${file}: every op-version matches the seed inventory, with no diagnostics`, () => {
      const doc = readMarkdownText(source(file), file);
      expect(doc.layout).toBe('markdown');
      expect(doc.diagnostics).toEqual([]);
      const inventory = inventoryFor(file);
      expect(allOps(doc).length).toBe(inventory.length);
      expect(doc.stats?.operations).toBe(inventory.length);
      expect(doc.stats?.parameters).toBe(inventory.reduce((n, { entry }) => n + entry.parameters.length, 0));
      // One ServiceDoc per Scp-Api-Version id, holding every op of that service in this file.
      expect(doc.services.map((s) => [s.id, s.operations.length])).toEqual([[inventory[0]?.service, inventory.length]]);
      for (const { service, version, entry } of inventory) {
        const op = findOp(doc, entry.operationName, version);
        expect(asInventory(op), `${entry.operationName} ${version}`).toEqual(expected(entry));
        expect(op.serviceId).toBe(service);
        expect(op.supportedUntilLabel).toBe('최소 지원 보장일');
        expect(op.example.headers.map((h) => h.name)).toEqual([
          'Scp-Accesskey',
          'Scp-Signature',
          'Scp-Timestamp',
          'Scp-ClientType',
          'Accept-Language',
          'Scp-Api-Version',
        ]);
        // The parsed schema renders back to the raw column text.
        for (const p of op.parameters) expect(formatSchemaExpression(p.schema)).toBe(p.schemaText);
        for (const r of op.responses) expect(r.schema === undefined ? 'None' : formatSchemaExpression(r.schema)).toBe(r.schemaText);
      }
    });
  }

  it('points every operation, parameter and response at its line', () => {
    const text = source(DATA_FLOW);
    const doc = readMarkdownText(text, DATA_FLOW);
    for (const op of allOps(doc)) {
      expect(op.source.file).toBe(DATA_FLOW);
      expect(lineAt(text, op.source.line)).toMatch(new RegExp(`^\\d+\\.\\d+ - ${op.version.replace('.', '\\.')}$`));
      for (const p of op.parameters) expect(lineAt(text, p.source.line)).toContain(`| ${p.name} ${p.required ? 'required' : 'optional'} |`);
      for (const r of op.responses) expect(lineAt(text, r.source.line).startsWith(`| ${r.code} | `)).toBe(true);
    }
    const create = findOp(doc, 'CreateDataFlow', '1.1');
    expect(create.source.line).toBe(lineOf(text, '5 - CreateDataFlow') + 1);
  });

  it('splits inline constraints off description cells and keeps example JSON as parsed values', () => {
    const text = source(DATA_OPS);
    const op = findOp(readMarkdownText(text, DATA_OPS), 'CheckClusterResourceSizeForDataOpsServiceCreate', '1.1');
    const clusterId = op.parameters.find((p) => p.name === 'cluster_id');
    expect(clusterId).toMatchObject({
      in: 'path',
      required: true,
      description: 'Cluster ID',
      constraints: [{ key: 'Example', value: '2a9be312-5d4b-4bc8-b2ae-35100fa9241f' }],
      schema: { kind: 'primitive', type: 'string' },
      default: 'None',
    });
    const start = lineOf(text, 'Request body');
    const end = lineOf(text, 'Example HTTP response', start);
    const json: unknown = JSON.parse(text.split('\n').slice(start, end - 1).join('\n'));
    expect(op.example.requestBody).toEqual(json);
    expect(op.example.requestPath).toBe('/v1/data-ops-services/clusters/{cluster_id}/validate-resources');
  });
});

describe('readMarkdownText on the fragment (002)', () => {
  it('reads the one nameless op and identifies it as UpdateDataOpsService 1.1 by method, path and version', () => {
    const doc = readMarkdownText(source(FRAGMENT), FRAGMENT);
    expect(doc.layout).toBe('fragment');
    expect(doc.diagnostics).toEqual([]);
    const ops = allOps(doc);
    expect(ops.length).toBe(1);
    const op = ops[0] as OperationDoc;
    expect(op.name).toBeUndefined();
    expect([op.method, op.path, op.serviceId, op.version]).toEqual(['put', '/v1/data-ops-services/{data_ops_service_id}', 'data-ops', '1.1']);
    expect(doc.services.map((s) => s.id)).toEqual(['data-ops']);
    expect(op.source).toEqual({ file: FRAGMENT, line: 2 });
    const entry = inventoryFor(FRAGMENT).find(({ entry: e }) => e.method === 'PUT' && e.path === op.path);
    expect(entry?.entry.operationName).toBe('UpdateDataOpsService');
    expect(asInventory(op)).toEqual(expected(entry?.entry as InventoryOp));
  });

  it('reads the same block as the markdown copy in 000 (apart from name and lines)', () => {
    const fragment = allOps(readMarkdownText(source(FRAGMENT), FRAGMENT))[0] as OperationDoc;
    const markdown = findOp(readMarkdownText(source(DATA_OPS), DATA_OPS), 'UpdateDataOpsService', '1.1');
    const strip = (op: OperationDoc): unknown => ({
      ...op,
      name: undefined,
      source: undefined,
      parameters: op.parameters.map((p) => ({ ...p, source: undefined })),
      responses: op.responses.map((r) => ({ ...r, source: undefined })),
    });
    expect(strip(fragment)).toEqual(strip(markdown));
  });
});

describe('markdown quirks', () => {
  it('4-cell query rows (no Default cell) and 5-cell rows with an empty Default both have no default', () => {
    const text = source(AIMLOPS);
    const op = findOp(readMarkdownText(text, AIMLOPS), 'List AI&MLOps Platform', '1.0');
    const status = op.parameters.find((p) => p.name === 'status');
    expect(status).toEqual({
      in: 'query',
      name: 'status',
      required: false,
      description: 'Service State',
      constraints: [{ key: 'Example', value: 'DEPLOYED' }],
      schemaText: 'string',
      schema: { kind: 'primitive', type: 'string' },
      source: { file: AIMLOPS, line: lineOf(text, '| query | status optional | Service State Example : DEPLOYED | string |') },
    });
    const createdBy = op.parameters.find((p) => p.name === 'created_by');
    expect(createdBy?.default).toBeUndefined();
    expect(createdBy && 'default' in createdBy).toBe(false);
    expect(op.parameters.find((p) => p.name === 'sort')?.default).toBe('created_dt:desc');
    const images = findOp(readMarkdownText(text, AIMLOPS), 'List Images', '1.0');
    expect(images.parameters.find((p) => p.name === 'image_name')).toMatchObject({ description: 'Image Name', constraints: [{ key: 'Example', value: '' }] });
  });

  it('3-cell body rows carry the model name as schema', () => {
    const op = findOp(readMarkdownText(source(DATA_OPS), DATA_OPS), 'CreateDataOps', '1.0');
    const body = op.parameters.find((p) => p.in === 'body');
    expect(body).toMatchObject({ name: 'body', required: true, description: '', constraints: [], schemaText: 'DataOpsCreateRequest' });
    expect(body?.schema).toEqual({ kind: 'ref', model: 'DataOpsCreateRequest' });
    expect(body?.default).toBeUndefined();
  });

  it('an op without a Parameters section has no parameters and no diagnostics', () => {
    // List Images has only optional query parameters, so nothing else refers to them.
    const text = source(AIMLOPS);
    const start = lineOf(text, 'Parameters', lineOf(text, '7 - List Images'));
    const resp = lineOf(text, 'Responses', start);
    const lines = text.split('\n');
    lines.splice(start - 1, resp - start);
    const doc = readMarkdownText(lines.join('\n'), AIMLOPS);
    expect(doc.diagnostics).toEqual([]);
    expect(findOp(doc, 'List Images', '1.0').parameters).toEqual([]);
    expect(findOp(doc, 'List Nodes', '1.0').parameters.length).toBeGreaterThan(0);
  });

  it('path placeholders and the request-path example are checked against the parameters', () => {
    const text = source(AIMLOPS);
    // The path row renamed, and the required query row made optional (the example still asks for it).
    const edited = text
      .replace('| path | cluster_id required | Cluster ID', '| path | clusterid required | Cluster ID')
      .replace('| query | version required | Version Example : 1.28.1 |', '| query | version optional | Version Example : 1.28.1 |');
    const doc = readMarkdownText(edited, AIMLOPS);
    expect(doc.diagnostics.map((d) => [d.code, d.operation])).toEqual([
      ['path-mismatch', 'Check Cluster Version 1.0'],
      ['example-mismatch', 'Check Cluster Version 1.0'],
    ]);
    expect(doc.diagnostics[0]?.message).toContain('placeholders without a path parameter: cluster_id; path parameters not in the path: clusterid');
    expect(doc.diagnostics[1]?.message).toBe('request path example "/v1/aimlops-platform/clusters/{cluster_id}/check-version?version={version}" is not "/v1/aimlops-platform/clusters/{cluster_id}/check-version"');
  });

  it('a block that lost its whole Parameters table is reported once, as missing-parameters (not also as path and example mismatches)', () => {
    const text = source(AIMLOPS);
    const start = lineOf(text, 'Parameters');
    const resp = lineOf(text, 'Responses', start);
    const lines = text.split('\n');
    lines.splice(start - 1, resp - start);
    const doc = readMarkdownText(lines.join('\n'), AIMLOPS);
    expect(findOp(doc, 'Check Cluster Version', '1.0').parameters).toEqual([]);
    expect(doc.diagnostics).toEqual([]);
    const found = checkSource(doc, 'https://docs.e.samsungsdscloud.com/apireference/ai-ml/aimlops-platform/apis/_print/');
    expect(found.map((d) => [d.severity, d.code, d.operation, d.message])).toEqual([
      [
        'error',
        'missing-parameters',
        'Check Cluster Version 1.0',
        'the Parameters table is lost: its path has {cluster_id} but it documents no path parameter; its request path example asks for version={version} but it documents no query parameter',
      ],
    ]);
  });

  it('a `Response NNN` with no JSON at EOF ends the block cleanly', () => {
    // DeleteDataOps 1.1 (202, schema None) as a fragment: the file ends right after "Response 202".
    const text = source(DATA_OPS);
    const from = lineOf(text, 'delete /v1/data-ops/{data_ops_id}');
    const to = lineOf(text, 'Response 202', from);
    const fragment = ['1.1', '1.1', ...text.split('\n').slice(from - 1, to)].join('\n');
    const doc = readMarkdownText(fragment, 'delete.txt');
    expect(doc.layout).toBe('fragment');
    expect(doc.diagnostics).toEqual([]);
    const op = allOps(doc)[0];
    expect(op?.example.responseCode).toBe('202');
    expect(op?.example.responseBody).toBeUndefined();
    expect(op?.responses[0]).toMatchObject({ code: '202', schemaText: 'None' });
    expect(op?.responses[0]?.schema).toBeUndefined();
  });

  it('a bare `|` inside a pattern does not split the cell', () => {
    const text = source(DATA_OPS);
    const row = lineOf(text, '| path | cluster_id required | Cluster ID Example : 2a9be312-5d4b-4bc8-b2ae-35100fa9241f | string | None |');
    const mutated = replaceLine(text, row, '| path | cluster_id required | Cluster ID Example : 64 Pattern : ^(32|64|96|128)$ | string | None |');
    const doc = readMarkdownText(mutated, DATA_OPS);
    expect(doc.diagnostics).toEqual([]);
    const p = findOp(doc, 'CheckClusterResourceSizeForDataOpsServiceCreate', '1.1').parameters.find((x) => x.name === 'cluster_id');
    expect(p?.constraints).toEqual([
      { key: 'Example', value: '64' },
      { key: 'Pattern', value: '^(32|64|96|128)$' },
    ]);
    expect(p?.default).toBe('None');
  });
});

describe('bad input gives diagnostics with file, line and operation, never an exception', () => {
  const ROW = '| path | cluster_id required | Cluster ID Example : 2a9be312-5d4b-4bc8-b2ae-35100fa9241f | string | None |';

  it('a file cut off mid-table', () => {
    const text = source(DATA_OPS);
    const row = lineOf(text, ROW);
    const cut = [...text.split('\n').slice(0, row - 1), ROW.slice(0, 40)].join('\n');
    const doc = readMarkdownText(cut, DATA_OPS);
    expect(withCode(doc, 'truncated-table')).toEqual([
      expect.objectContaining({
        severity: 'error',
        source: { file: DATA_OPS, line: row },
        operation: 'CheckClusterResourceSizeForDataOpsServiceCreate 1.1',
      }),
    ]);
    // Method and path are known, so the op is kept with the rows read before the cut.
    const op = findOp(doc, 'CheckClusterResourceSizeForDataOpsServiceCreate', '1.1');
    expect(op.parameters.map((p) => p.name)).toEqual(['Accept', 'Content-Type', 'Scp-Request-Path']);
    expect(withCode(doc, 'missing-section').map((d) => d.message)).toContain('no "Responses" table');
    // The 16 ops the TOC lists after it have no heading: each an error naming the operation.
    expect(withCode(doc, 'toc-mismatch').length).toBe(16);
    expect(withCode(doc, 'toc-mismatch').every((d) => d.severity === 'error' && d.message.includes('cut off'))).toBe(true);
    expect(withCode(doc, 'toc-mismatch')[0]?.operation).toBe('CheckClusterResourceSizeForDataOpsServiceUpdate');
  });

  it('a file cut cleanly inside its last block (the TOC is complete): the block is named as cut', () => {
    const text = source(DATA_FLOW);
    const lines = text.split('\n');
    const cut = lines.slice(0, lineOf(text, 'Example HTTP response', lineOf(text, 'put /v1/data-flow-services/{data_flow_service_id}', lineOf(text, '17.2 - 1.0')))).join('\n');
    const doc = readMarkdownText(cut, DATA_FLOW);
    expect(doc.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.operation])).toEqual([['truncated-block', 'UpdateDataFlowService 1.0']]);
    // The TOC is exposed, in page order, for the removal check.
    expect(doc.toc?.slice(0, 2).map((e) => [e.number, e.title, e.source.line])).toEqual([
      ['1', 'CheckClusterResourceSizeForDataFlowServiceCreate', 3],
      ['2', 'CheckClusterResourceSizeForDataFlowServiceUpdate', 4],
    ]);
  });

  it('a table whose rows were all cut off', () => {
    const text = source(DATA_OPS);
    const params = lineOf(text, 'Parameters');
    const cut = text.split('\n').slice(0, params + 1).join('\n');
    const doc = readMarkdownText(cut, DATA_OPS);
    expect(withCode(doc, 'truncated-table')).toEqual([expect.objectContaining({ source: { file: DATA_OPS, line: params } })]);
  });

  it('a mangled schema', () => {
    const text = source(DATA_OPS);
    const row = lineOf(text, ROW);
    const doc = readMarkdownText(replaceLine(text, row, ROW.replace('| string |', '| any of [string, null |')), DATA_OPS);
    const bad = withCode(doc, 'bad-schema');
    expect(bad).toEqual([expect.objectContaining({ severity: 'error', source: { file: DATA_OPS, line: row } })]);
    expect(bad[0]?.operation).toBe('CheckClusterResourceSizeForDataOpsServiceCreate 1.1');
    expect(bad[0]?.service).toBe('data-ops');
    expect(bad[0]?.message).toContain('cluster_id');
    expect(findOp(doc, 'CheckClusterResourceSizeForDataOpsServiceCreate', '1.1').parameters.map((p) => p.name)).not.toContain('cluster_id');
    expect(doc.diagnostics.length).toBe(1);
  });

  it('an unknown schema token', () => {
    const text = source(DATA_FLOW);
    const row = lineOf(text, '| 200 | OK | DataFlowCheckDuplicationResponse |');
    const doc = readMarkdownText(replaceLine(text, row, '| 200 | OK | $ref |'), DATA_FLOW);
    expect(doc.diagnostics).toEqual([
      expect.objectContaining({ code: 'bad-schema', source: { file: DATA_FLOW, line: row }, operation: 'CheckDataFlowNameDuplication 1.1' }),
    ]);
    expect(doc.diagnostics[0]?.message).toContain('unknown schema token "$ref"');
  });

  it('a duplicated op heading', () => {
    const text = source(DATA_OPS);
    const heading = lineOf(text, '5 - CreateDataOps');
    const doc = readMarkdownText(replaceLine(text, heading, ['5 - CreateDataOps', '5 - CreateDataOps']), DATA_OPS);
    expect(doc.diagnostics).toEqual([expect.objectContaining({ code: 'heading-sequence', source: { file: DATA_OPS, line: heading + 1 } })]);
    const clean = readMarkdownText(text, DATA_OPS);
    expect(allOps(doc).map((o) => `${o.name} ${o.version}`)).toEqual(allOps(clean).map((o) => `${o.name} ${o.version}`));
  });

  it('a missing op heading is recovered from the TOC', () => {
    const text = source(AIMLOPS);
    const heading = lineOf(text, '7 - List Images');
    const doc = readMarkdownText(replaceLine(text, heading, []), AIMLOPS);
    expect(doc.diagnostics).toEqual([expect.objectContaining({ code: 'heading-sequence', source: { file: AIMLOPS, line: heading } })]);
    expect(findOp(doc, 'List Images', '1.0').path).toBe('/v1/aimlops-platform/images');
  });

  it('a missing method line drops the op with an error', () => {
    const text = source(DATA_FLOW);
    const version = lineOf(text, '2.2 - 1.0');
    const doc = readMarkdownText(replaceLine(text, version + 1, []), DATA_FLOW);
    const name = lineAt(text, lineOf(text, '2.1 - 1.1') - 1).replace(/^2 - /, '');
    expect(() => findOp(doc, name, '1.0')).toThrow();
    expect(findOp(doc, name, '1.1').method).toBe('post');
    const errors = doc.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([expect.objectContaining({ code: 'missing-section', source: { file: DATA_FLOW, line: version }, operation: `${name} 1.0` })]);
    expect(doc.stats?.droppedOperations).toBe(1);
  });

  it('swapped and glued cells are bad rows', () => {
    const text = source(DATA_OPS);
    const row = lineOf(text, ROW);
    const swapped = readMarkdownText(replaceLine(text, row, ROW.replace('| path | cluster_id required |', '| cluster_id required | path |')), DATA_OPS);
    expect(swapped.diagnostics).toEqual([expect.objectContaining({ code: 'bad-row', source: { file: DATA_OPS, line: row } })]);
    const glued = readMarkdownText(replaceLine(text, row, ROW.replace('| string | None |', '| stringNone |')), DATA_OPS);
    expect(glued.diagnostics).toEqual([expect.objectContaining({ code: 'bad-schema', source: { file: DATA_OPS, line: row } })]);
  });

  it('invalid JSON in an example', () => {
    const text = source(AIMLOPS);
    const line = lineOf(text, '"result": ""');
    const doc = readMarkdownText(replaceLine(text, line, '"result": "",'), AIMLOPS);
    expect(doc.diagnostics).toEqual([expect.objectContaining({ code: 'bad-json', source: { file: AIMLOPS, line: line + 1 }, operation: 'Check Cluster Version 1.0' })]);
  });

  it('an unplaceable line', () => {
    const text = source(AIMLOPS);
    const line = lineOf(text, 'Description') + 1;
    const doc = readMarkdownText(replaceLine(text, line, [lineAt(text, line), 'junk ☃']), AIMLOPS);
    expect(doc.diagnostics).toEqual([
      expect.objectContaining({ code: 'unknown-line', source: { file: AIMLOPS, line: line + 1 }, operation: 'Check Cluster Version 1.0' }),
    ]);
    expect(doc.stats?.unknownLines).toBe(1);
  });

  it('an empty file', () => {
    for (const text of ['', '\n\n  \n']) {
      const doc = readMarkdownText(text, 'empty.txt');
      expect(doc.services).toEqual([]);
      expect(doc.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'empty-file', source: { file: 'empty.txt', line: 1 } })]);
    }
  });

  it('a flat-layout file is not misread silently', () => {
    // The build compares detectTextLayout with the manifest; the reader itself still reports what it cannot place.
    const doc = readMarkdownText(source(FLAT), FLAT);
    expect(doc.diagnostics[0]).toMatchObject({ code: 'unknown-line', source: { file: FLAT, line: 1 } });
    expect(doc.stats?.errors).toBeGreaterThan(0);
    expect(doc.stats?.parameters).toBe(0);
  });
});

describe('mutated sources (light property test; the build has a heavier one)', () => {
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(), col: fc.nat(120) }),
    fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('swap' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('glue' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('junk' as const), at: fc.nat(), col: fc.nat(120), junk: fc.string({ minLength: 1, maxLength: 4, unit: 'binary' }) }),
  );
  type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

  function mutate(lines: string[], m: Mutation): void {
    const i = m.at % Math.max(lines.length, 1);
    const line = lines[i] ?? '';
    switch (m.kind) {
      case 'truncate':
        lines.splice(i, lines.length - i, line.slice(0, m.col));
        break;
      case 'drop':
        lines.splice(i, 1);
        break;
      case 'duplicate':
        lines.splice(i, 0, line);
        break;
      case 'swap':
        lines.splice(i, 2, lines[i + 1] ?? '', line);
        break;
      case 'glue':
        lines.splice(i, 2, line + (lines[i + 1] ?? ''));
        break;
      case 'junk':
        lines[i] = line.slice(0, m.col) + m.junk + line.slice(m.col);
        break;
    }
  }

  it('never throws, never reports an internal error, and keeps every reference inside the file', () => {
    const files = [DATA_OPS, FRAGMENT, DATA_FLOW, AIMLOPS];
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.array(mutation, { minLength: 1, maxLength: 4 }), (file, mutations) => {
        const lines = source(file).split('\n');
        for (const m of mutations) mutate(lines, m);
        const text = lines.join('\n');
        const doc = readMarkdownText(text, file);
        // Counted on the text: junk may carry a newline of its own.
        const max = Math.max(text.split('\n').length, 1);
        expect(doc.diagnostics.filter((d) => d.code === 'internal-error')).toEqual([]);
        for (const d of doc.diagnostics) {
          expect(d.source.file).toBe(file);
          expect(d.source.line).toBeGreaterThanOrEqual(1);
          expect(d.source.line).toBeLessThanOrEqual(max);
        }
        for (const op of allOps(doc)) {
          expect(op.path.startsWith('/')).toBe(true);
          expect(op.version).toMatch(/^\d+(\.\d+)+$/);
          expect(op.source.line).toBeLessThanOrEqual(max);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('English print pages', () => {
  it('recognises the English Docsy banner and reads the page without warnings', () => {
    const file = 'aimlops-ListAIMLOpsPlatform-1.0-en.md.txt';
    const text = readFileSync(fileURLToPath(new URL(`../fixtures/text/${file}`, import.meta.url)), 'utf8');
    expect(detectTextLayout(text)).toBe('markdown');
    const doc = readMarkdownText(text, file);
    expect(doc.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(doc.services[0]?.operations.map((o) => [o.name, o.version, o.status])).toEqual([['List AI&MLOps Platform', '1.0', 'CURRENT']]);
  });
});
