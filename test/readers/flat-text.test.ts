/**
 * The flat (innerText) reader: against the real sources/001 (compared with the independent
 * seed-inventory.json), on small hand-written snippets for each flat-layout quirk of
 * SOURCE-FORMATS.md section 11, and on broken input (which must give diagnostics, never a throw).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, OperationDoc, ServiceDoc, SourceDoc } from '../../scripts/model.ts';
import { readFlatText } from '../../scripts/readers/flat-text.ts';
import { checkSource } from '../../scripts/source-checks.ts';
import { loadInventory } from '../helpers/inventory.ts';

const inventory = loadInventory();

const FILE = '001_a654bf60b90d6dd0.txt';
const real = readFileSync(new URL(`../../sources/${FILE}`, import.meta.url), 'utf8');
const realLines = real.split('\n');


/** The inventory writes "no default cell" as null and an empty cell as ''; the doc model has undefined for both. */
const invDefault = (d: string | null): string | undefined => (d === null || d === '' ? undefined : d);

function diag(doc: SourceDoc): string[] {
  return doc.diagnostics.map((d) => `${d.severity} ${d.source.line} ${d.code}${d.operation ? ` [${d.operation}]` : ''}: ${d.message}`);
}

describe('readFlatText on sources/001 (whole Data Analytics section)', () => {
  const doc = readFlatText(real, FILE);
  const inFile = Object.entries(inventory.services).filter(([, s]) => s.sourceFiles.includes(FILE));

  it('reads the pristine file without a single diagnostic', () => {
    expect(diag(doc)).toEqual([]);
    expect(doc.layout).toBe('flat');
    expect(doc.file).toBe(FILE);
  });

  it('finds the six services of the inventory, in document order, with title, URL, environments and version table', () => {
    expect(inFile).toHaveLength(6);
    expect(doc.services.map((s) => s.id)).toEqual(inFile.map(([id]) => id));
    for (const [id, inv] of inFile) {
      const s = doc.services.find((x) => x.id === id) as ServiceDoc;
      expect(s.title).toBe(inv.title);
      expect(s.baseUrl).toBe(inv.baseUrl);
      expect(s.environments).toEqual(inv.environments);
      expect(s.versionTable).toEqual(inv.serviceVersionTable);
      expect(s.overview?.split('\n\n')).toHaveLength(2);
      expect(s.overview).toContain(`${inv.title} 서비스`);
      expect(realLines[s.source.line - 1]).toMatch(new RegExp(`^\\d+ - ${inv.title.replace(/[()]/g, '\\$&')}$`));
    }
  });

  it('reads every op-version as the inventory lists it', () => {
    for (const [id, inv] of inFile) {
      const s = doc.services.find((x) => x.id === id) as ServiceDoc;
      for (const [version, ops] of Object.entries(inv.versions)) {
        const mine = s.operations.filter((o) => o.version === version);
        expect(mine.map((o) => o.name)).toEqual(ops.map((o) => o.operationName));
        ops.forEach((io, i) => {
          const o = mine[i] as OperationDoc;
          const got = {
            method: o.method.toUpperCase(),
            path: o.path,
            state: o.state,
            status: o.status,
            supportedUntil: o.supportedUntil,
            description: o.description,
            parameters: o.parameters.map((p) => ({ in: p.in, name: p.name, required: p.required, schema: p.schemaText, default: p.default })),
            responses: o.responses.map((r) => ({ code: r.code, schema: r.schemaText })),
            hasRequestExample: o.example.requestBody !== undefined,
            hasResponseExample: o.example.responseBody !== undefined,
            exampleResponseCode: o.example.responseCode,
            requestPathExample: o.example.requestPath,
          };
          const want = {
            method: io.method,
            path: io.path,
            state: io.state,
            status: io.status,
            supportedUntil: io.supportedUntil,
            description: io.description,
            parameters: io.parameters.map((p) => ({ in: p.in, name: p.name, required: p.required, schema: p.schema, default: invDefault(p.default) })),
            responses: io.responses,
            hasRequestExample: io.hasRequestExample,
            hasResponseExample: io.hasResponseExample,
            exampleResponseCode: io.exampleResponseCode,
            requestPathExample: io.requestPathExample,
          };
          expect(got, `${id} ${io.operationName} ${version}`).toEqual(want);
          expect(o.serviceId).toBe(id);
          expect(o.supportedUntilLabel).toBe('최소 지원 보장일');
        });
      }
    }
  });

  it('reads every model and field as the inventory lists them', () => {
    for (const [id, inv] of inFile) {
      const s = doc.services.find((x) => x.id === id) as ServiceDoc;
      const models = inv.models ?? [];
      expect(s.models.map((m) => m.name)).toEqual(models.map((m) => m.name));
      for (const im of models) {
        const m = s.models.find((x) => x.name === im.name);
        const got = m?.fields.map((f) => ({
          name: f.name,
          required: f.required,
          schema: f.schemaText,
          default: f.default,
          constraints: f.constraints.map((c) => [c.key, c.value]),
        }));
        const want = im.fields.map((f) => ({ name: f.name, required: f.required, schema: f.schema, default: invDefault(f.default), constraints: f.constraints }));
        expect(got, `${id} ${im.name}`).toEqual(want);
      }
    }
  });

  it('points every source ref at the line that starts the construct', () => {
    for (const s of doc.services) {
      for (const o of s.operations) {
        expect(realLines[o.source.line - 1]).toMatch(new RegExp(`^\\d+\\.\\d+\\.\\d+\\.\\d+ - ${o.version.replace('.', '\\.')}$`));
        // The nearest operation heading above the version heading carries the operation's name.
        let k = o.source.line - 2;
        while (k >= 0 && !/^\d+\.\d+\.\d+ - /.test(realLines[k] ?? '')) k--;
        expect(realLines[k]?.replace(/^\S+ - /, '')).toBe(o.name);
        for (const p of o.parameters) expect(realLines[p.source.line - 1]).toBe(`${p.in}${p.name}`);
        for (const r of o.responses) expect(realLines[r.source.line - 1]?.startsWith(`${r.code}${r.description}`)).toBe(true);
      }
      for (const m of s.models) {
        expect(realLines[m.source.line - 1]).toMatch(new RegExp(`^\\d+\\.2\\.\\d+ - ${m.name}$`));
        for (const f of m.fields) {
          expect(realLines[f.source.line - 1]).toBe(f.name);
          expect(['required', 'optional']).toContain(realLines[f.source.line]);
        }
      }
    }
  });

  it('parses every JSON example and keeps descriptions without constraint lines', () => {
    const ops = doc.services.flatMap((s) => s.operations);
    expect(ops.filter((o) => o.example.requestBody !== undefined).length + ops.filter((o) => o.example.responseBody !== undefined).length).toBe(doc.stats?.jsonExamples);
    const params = ops.flatMap((o) => o.parameters);
    expect(params.every((p) => !/^(Example|Pattern|Minimum|Maximum)/m.test(p.description))).toBe(true);
    const cluster = params.find((p) => p.name === 'cluster_id' && p.in === 'path');
    expect(cluster?.description).toBe('Cluster ID');
    expect(cluster?.constraints).toEqual([{ key: 'Example', value: '2a9be312-5d4b-4bc8-b2ae-35100fa9241f' }]);
    // Korean field descriptions survive (SOURCE-FORMATS.md 11.16).
    const fields = doc.services.flatMap((s) => s.models.flatMap((m) => m.fields));
    expect(fields.some((f) => f.name === 'created_by' && f.description === '생성자')).toBe(true);
  });

  it('fills stats that agree with the output and with the raw text', () => {
    const ops = doc.services.flatMap((s) => s.operations);
    const models = doc.services.flatMap((s) => s.models);
    const fields = models.flatMap((m) => m.fields);
    const params = ops.flatMap((o) => o.parameters);
    expect(doc.stats).toMatchObject({
      lines: realLines.length,
      services: 6,
      operations: ops.length,
      models: models.length,
      fields: fields.length,
      parameters: params.length,
      diagnostics: 0,
    });
    expect(doc.stats?.unknownLines ?? 0).toBe(0);
    // Every required/optional line is a parameter or a field (SOURCE-FORMATS.md 12).
    expect(params.length + fields.length).toBe(realLines.filter((l) => l === 'required' || l === 'optional').length);
  });
});

// ---------------------------------------------------------------------------------------------
// Hand-written snippets. Line numbers in assertions are looked up in the snippet, not hard-coded.

const HEADERS = (id: string, version: string): string[] => [
  '"Scp-Accesskey = 2sd2gg=2agbdSD26svcD",',
  '"Scp-Signature = fsfsdf235f9U35sdgf35Xsf/qgsdgsdg326=sfsdr23rsef=",',
  '"Scp-Timestamp = 1605290625682",',
  '"Scp-ClientType = Openapi",',
  '"Accept-Language = ko-KR",',
  `"Scp-Api-Version = ${id} ${version}"`,
];

const SERVICE_HEAD = [
  'Data Analytics',
  '',
  '1 - Thing Store',
  '',
  'Overview',
  '',
  'First paragraph.',
  '',
  'Second paragraph.',
  '',
  'Version',
  '',
  'VersionStatusSupported Until',
  '1.0CURRENT-',
  '',
  'OpenAPI URL',
  '',
  'https://thing-store.{region}.{environment}.samsungsdscloud.com',
  '',
  'Environment and Region List',
  '',
  'environmentregion',
  'skr-west1',
  'ekr-east1',
  '',
  '1.1 - APIs',
  '',
];

const CREATE_THING = (number: string, version: string, row: string): string[] => [
  `${number} - ${version}`,
  '',
  'post /v1/things/{thing_id}',
  '',
  'Description',
  '',
  'Create a thing.',
  '',
  `상태 ACTIVE (${version === '1.1' ? 'CURRENT' : 'SUPPORTED'})`,
  '',
  '버전최소 지원 보장일',
  row,
  '',
  'Parameters',
  '',
  'TypeNameDescriptionSchemaDefault',
  'headerAccept',
  'optional',
  'Accept',
  'Example : application/json',
  'stringapplication/json',
  'paththing_id',
  'required',
  'Thing ID',
  'Example : 2a9be312',
  'stringNone',
  'querypath_id',
  'optional',
  'Path ID',
  'Example :',
  'stringNone',
  'querysize',
  'optional',
  'Page size',
  'Example : 20',
  'any of [integer, null]20',
  'queryengine',
  'optional',
  'Engine filter',
  'Example :',
  'any of [enum (PostgreSQL Community, Enterprise), null]None',
  'queryeos_included',
  'optional',
  'Include EOS',
  'Example : False',
  'booleanFalse',
  'bodybody',
  'required',
  '',
  'ThingCreateRequest',
  '',
  'Responses',
  '',
  'HTTP CodeDescriptionSchema',
  '202AcceptedAsyncResponse',
  '400Bad RequestNone',
  '404Not FoundNone',
  '500Internal Server ErrorNone',
  '',
  'Example HTTP request',
  '',
  'Request path',
  '',
  '/v1/things/{thing_id}',
  '',
  'Request header',
  '',
  ...HEADERS('thing-store', version),
  '',
  'Request body',
  '',
  '{',
  '    "name": "x",',
  '    "size": 1',
  '}',
  '',
  'Example HTTP response',
  '',
  'Response 202',
  '',
  '{',
  '    "request_id": ""',
  '}',
  '',
];

/** No Parameters section and a `None` response: the example response has no JSON. */
const DELETE_THINGS = (number: string): string[] => [
  `${number} - 1.0`,
  '',
  'delete /v1/things',
  '',
  'Description',
  '',
  'Delete all things.',
  '',
  '상태 ACTIVE (CURRENT)',
  '',
  '버전최소 지원 보장일',
  '1.0-',
  '',
  'Responses',
  '',
  'HTTP CodeDescriptionSchema',
  '202AcceptedNone',
  '401UnauthorizedNone',
  '',
  'Example HTTP request',
  '',
  'Request path',
  '',
  '/v1/things',
  '',
  'Request header',
  '',
  ...HEADERS('thing-store', '1.0'),
  '',
  'Example HTTP response',
  '',
  'Response 202',
  '',
];

const MODELS = [
  '1.2 - Models',
  '',
  '1.2.1 - AsyncResponse',
  '',
  'NameDescriptionSchemaDefault',
  'request_id',
  'required',
  'Request ID',
  'Example :',
  'string',
  '',
  '1.2.2 - ResourceCheck',
  '',
  'NameDescriptionSchemaDefault',
  'cpu',
  'optional',
  '',
  'Example : CPU',
  'objectCPU',
  'port',
  'optional',
  'Port',
  'Example : 9091',
  'Minimum : 1',
  'Maximum : 65535',
  'integer9091',
  '',
  '1.2.3 - Tag',
  '',
  'NameDescriptionSchemaDefault',
  'key',
  'required',
  '',
  'Example :',
  'string',
  '',
  '1.2.4 - ThingCreateRequest',
  '',
  'NameDescriptionSchemaDefault',
  'disk_type',
  'optional',
  'Disk type',
  'Example : SSD',
  'enum (SSD, SSD_KMS, HDD, HDD_KMS)SSD',
  'name',
  'required',
  'Thing name',
  'Example :',
  'Pattern : ^[a-z][a-zA-Z0-9\\-]*$',
  'Minimum length : 3',
  'Maximum length : 30',
  'string',
  'size',
  'optional',
  'Size in GB',
  'Example : 104',
  'Minimum : 16',
  'Maximum : 5120',
  'any of [integer, null]',
  'tags',
  'optional',
  'tags',
  'array[Tag]',
  'updated_at',
  'optional',
  '수정 시간',
  'Example : 2024-01-01T00:00:00Z',
  'any of [string (date-time), null]',
];

/** A complete small document: one service, CreateThing 1.1 + 1.0, DeleteThings 1.0, four models. */
const BASE: readonly string[] = [
  ...SERVICE_HEAD,
  '1.1.1 - CreateThing',
  '',
  ...CREATE_THING('1.1.1.1', '1.1', '1.1-'),
  ...CREATE_THING('1.1.1.2', '1.0', '1.020260701'),
  '1.1.2 - DeleteThings',
  '',
  ...DELETE_THINGS('1.1.2.1'),
  ...MODELS,
];

const read = (lines: readonly string[]): SourceDoc => readFlatText(lines.join('\n'), 'snippet.txt');

/** 1-based line number of the n-th (1-based) line equal to `text`. */
function lineOf(lines: readonly string[], text: string, nth = 1): number {
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === text && ++seen === nth) return i + 1;
  }
  throw new Error(`test snippet has no line ${JSON.stringify(text)} #${nth}`);
}

function without(lines: readonly string[], text: string, nth = 1): string[] {
  const i = lineOf(lines, text, nth) - 1;
  return [...lines.slice(0, i), ...lines.slice(i + 1)];
}

function replaced(lines: readonly string[], text: string, by: string[], nth = 1): string[] {
  const i = lineOf(lines, text, nth) - 1;
  return [...lines.slice(0, i), ...by, ...lines.slice(i + 1)];
}

const only = (doc: SourceDoc): ServiceDoc => {
  expect(doc.services).toHaveLength(1);
  return doc.services[0] as ServiceDoc;
};
const op = (doc: SourceDoc, name: string | undefined, version: string): OperationDoc | undefined =>
  only(doc).operations.find((o) => o.name === name && o.version === version);
const codes = (doc: SourceDoc): string[] => doc.diagnostics.map((d) => d.code);
const find = (doc: SourceDoc, code: string): Diagnostic | undefined => doc.diagnostics.find((d) => d.code === code);

describe('readFlatText on the hand-written snippet (flat quirks of SOURCE-FORMATS.md 11)', () => {
  const doc = read(BASE);
  const service = only(doc);
  const create11 = op(doc, 'CreateThing', '1.1') as OperationDoc;
  const create10 = op(doc, 'CreateThing', '1.0') as OperationDoc;
  const model = (name: string) => service.models.find((m) => m.name === name);

  it('reads the clean snippet without diagnostics', () => {
    expect(diag(doc)).toEqual([]);
    expect(service).toMatchObject({
      id: 'thing-store',
      title: 'Thing Store',
      overview: 'First paragraph.\n\nSecond paragraph.',
      baseUrl: 'https://thing-store.{region}.{environment}.samsungsdscloud.com',
      versionTable: [{ version: '1.0', status: 'CURRENT', supportedUntil: '-' }],
      environments: [
        { environment: 's', region: 'kr-west1' },
        { environment: 'e', region: 'kr-east1' },
      ],
    });
    expect(service.operations.map((o) => `${o.name} ${o.version}`)).toEqual(['CreateThing 1.1', 'CreateThing 1.0', 'DeleteThings 1.0']);
  });

  it('splits glued cells with the grammar: schema + default, type + name, version + date, code + reason + schema', () => {
    const params = Object.fromEntries(create11.parameters.map((p) => [p.name, p]));
    expect(params.Accept).toMatchObject({ in: 'header', schemaText: 'string', default: 'application/json' });
    expect(params.thing_id).toMatchObject({ in: 'path', required: true, schemaText: 'string', default: 'None', schema: { kind: 'primitive', type: 'string' } });
    // `querypath_id`: the type word is taken from the front, whatever the name looks like.
    expect(params.path_id).toMatchObject({ in: 'query', required: false });
    expect(params.size).toMatchObject({
      schemaText: 'any of [integer, null]',
      default: '20',
      schema: { kind: 'anyOf', members: [{ kind: 'primitive', type: 'integer' }, { kind: 'primitive', type: 'null' }] },
    });
    expect(params.eos_included).toMatchObject({ schemaText: 'boolean', default: 'False', constraints: [{ key: 'Example', value: 'False' }] });
    expect(create11.supportedUntil).toBe('-');
    expect(create10).toMatchObject({ supportedUntil: '20260701', status: 'SUPPORTED', supportedUntilLabel: '최소 지원 보장일' });
    expect(create11.responses.map((r) => [r.code, r.description, r.schemaText])).toEqual([
      ['202', 'Accepted', 'AsyncResponse'],
      ['400', 'Bad Request', 'None'],
      ['404', 'Not Found', 'None'],
      ['500', 'Internal Server Error', 'None'],
    ]);
    expect(create11.responses[0]?.schema).toEqual({ kind: 'ref', model: 'AsyncResponse' });
    expect(create11.responses[1]?.schema).toBeUndefined();
    const fields = Object.fromEntries((model('ResourceCheck')?.fields ?? []).map((f) => [f.name, f]));
    expect(fields.cpu).toMatchObject({ schemaText: 'object', default: 'CPU' });
    expect(fields.port).toMatchObject({ schemaText: 'integer', default: '9091' });
    const disk = model('ThingCreateRequest')?.fields.find((f) => f.name === 'disk_type');
    expect(disk).toMatchObject({ default: 'SSD', schema: { kind: 'enum', values: ['SSD', 'SSD_KMS', 'HDD', 'HDD_KMS'] } });
  });

  it('reads `any of [enum (A B, C), null]None` with enum values that contain spaces', () => {
    const engine = create11.parameters.find((p) => p.name === 'engine');
    expect(engine).toMatchObject({
      schemaText: 'any of [enum (PostgreSQL Community, Enterprise), null]',
      default: 'None',
      schema: { kind: 'anyOf', members: [{ kind: 'enum', values: ['PostgreSQL Community', 'Enterprise'] }, { kind: 'primitive', type: 'null' }] },
    });
  });

  it('reads a body row (blank line, then the model name) without ending the table there', () => {
    const body = create11.parameters.find((p) => p.in === 'body');
    expect(body).toEqual({
      in: 'body',
      name: 'body',
      required: true,
      description: '',
      constraints: [],
      schemaText: 'ThingCreateRequest',
      schema: { kind: 'ref', model: 'ThingCreateRequest' },
      source: { file: 'snippet.txt', line: lineOf(BASE, 'bodybody') },
    });
    expect(create11.parameters).toHaveLength(7);
  });

  it('reads an empty description cell (a blank line, then `Example :` directly)', () => {
    expect(model('ResourceCheck')?.fields[0]).toMatchObject({ name: 'cpu', description: '', constraints: [{ key: 'Example', value: 'CPU' }] });
    expect(model('Tag')?.fields[0]).toMatchObject({ name: 'key', required: true, description: '', constraints: [{ key: 'Example', value: '' }], schemaText: 'string' });
    expect(model('Tag')?.fields[0]?.default).toBeUndefined();
  });

  it('tells `Minimum` from `Minimum length`, and keeps Pattern verbatim', () => {
    const fields = Object.fromEntries((model('ThingCreateRequest')?.fields ?? []).map((f) => [f.name, f]));
    expect(fields.name?.constraints).toEqual([
      { key: 'Example', value: '' },
      { key: 'Pattern', value: '^[a-z][a-zA-Z0-9\\-]*$' },
      { key: 'Minimum length', value: '3' },
      { key: 'Maximum length', value: '30' },
    ]);
    expect(fields.size?.constraints).toEqual([
      { key: 'Example', value: '104' },
      { key: 'Minimum', value: '16' },
      { key: 'Maximum', value: '5120' },
    ]);
    expect(fields.updated_at).toMatchObject({ description: '수정 시간', schemaText: 'any of [string (date-time), null]' });
    expect(fields.tags?.schema).toEqual({ kind: 'array', items: { kind: 'ref', model: 'Tag' } });
  });

  it('reads examples: request path, the six headers, request and response JSON', () => {
    expect(create11.example).toEqual({
      requestPath: '/v1/things/{thing_id}',
      headers: HEADERS('thing-store', '1.1').map((h) => {
        const m = /^"(.*?) = (.*?)",?$/.exec(h) as RegExpExecArray;
        return { name: m[1], value: m[2] };
      }),
      requestBody: { name: 'x', size: 1 },
      responseCode: '202',
      responseBody: { request_id: '' },
    });
    expect(create11).toMatchObject({ serviceId: 'thing-store', state: 'ACTIVE', status: 'CURRENT', description: 'Create a thing.', method: 'post' });
    expect(create11.source.line).toBe(lineOf(BASE, '1.1.1.1 - 1.1'));
  });

  it('reads a block without a Parameters section, whose `Response 202` has no JSON, at the end of the file', () => {
    const lines = [...SERVICE_HEAD, '1.1.1 - DeleteThings', '', ...DELETE_THINGS('1.1.1.1')];
    while (lines[lines.length - 1] === '') lines.pop();
    expect(lines[lines.length - 1]).toBe('Response 202');
    const d = read(lines); // no trailing newline, as in sources/001
    expect(diag(d)).toEqual([]);
    const del = op(d, 'DeleteThings', '1.0') as OperationDoc;
    expect(del.parameters).toEqual([]);
    expect(del.example.responseCode).toBe('202');
    expect(del.example.responseBody).toBeUndefined();
    expect(del.example.requestBody).toBeUndefined();
    expect(del.responses.map((r) => r.schemaText)).toEqual(['None', 'None']);
  });

  it('accepts the English labels (`State`, `VersionSupported Until`)', () => {
    const lines = replaced(replaced(BASE, '상태 ACTIVE (CURRENT)', ['State ACTIVE (CURRENT)']), '버전최소 지원 보장일', ['VersionSupported Until']);
    const d = read(lines);
    expect(diag(d)).toEqual([]);
    expect(op(d, 'CreateThing', '1.1')).toMatchObject({ status: 'CURRENT', supportedUntil: '-', supportedUntilLabel: 'Supported Until' });
  });

  it('reads CRLF line ends like LF', () => {
    const d = readFlatText(BASE.join('\r\n'), 'snippet.txt');
    expect(diag(d)).toEqual([]);
    expect(JSON.stringify(d.services)).toBe(JSON.stringify(doc.services));
  });
});

describe('readFlatText on broken input: diagnostics with file, line and operation, never a throw', () => {
  it('gives one diagnostic for an empty or blank file', () => {
    for (const text of ['', '\n\n', '   ']) {
      const d = readFlatText(text, 'empty.txt');
      expect(d.services).toEqual([]);
      expect(d.diagnostics).toEqual([{ severity: 'warning', code: 'empty-file', message: 'the file is empty', source: { file: 'empty.txt', line: 1 } }]);
    }
  });

  it('reports text that has no service heading at all', () => {
    const d = readFlatText('Data Analytics\n\nsome words\n', 'x.txt');
    expect(d.services).toEqual([]);
    expect(find(d, 'missing-section')?.severity).toBe('error');
    expect(find(d, 'unknown-line')?.source).toEqual({ file: 'x.txt', line: 3 });
  });

  it('reports a file cut off inside a parameter row, keeping what it could read', () => {
    const cut = BASE.slice(0, lineOf(BASE, 'Example : 2a9be312'));
    const d = read(cut);
    const create = op(d, 'CreateThing', '1.1') as OperationDoc;
    expect(create.parameters.map((p) => p.name)).toEqual(['Accept']);
    expect(create.responses).toEqual([]);
    const truncated = d.diagnostics.filter((x) => x.code === 'truncated-table');
    expect(truncated.length).toBeGreaterThan(0);
    for (const t of truncated) {
      expect(t).toMatchObject({ severity: 'error', operation: 'CreateThing 1.1', service: 'thing-store', source: { file: 'snippet.txt', line: cut.length } });
    }
    expect(d.diagnostics.find((x) => x.code === 'missing-section')?.message).toContain('Responses');
  });

  it('reports a file cut off in the Responses table', () => {
    const cut = BASE.slice(0, lineOf(BASE, '400Bad RequestNone'));
    const d = read(cut);
    expect(op(d, 'CreateThing', '1.1')?.responses.map((r) => r.code)).toEqual(['202', '400']);
    expect(find(d, 'truncated-table')?.source.line).toBe(cut.length);
  });

  it('reports a row that lost its schema cell, or whose last line is description text', () => {
    const noSchema = without(BASE, 'stringNone');
    const d1 = read(noSchema);
    expect(find(d1, 'truncated-table')).toMatchObject({ severity: 'error', operation: 'CreateThing 1.1', source: { line: lineOf(noSchema, 'Example : 2a9be312') } });
    expect(op(d1, 'CreateThing', '1.1')?.parameters.map((p) => p.name)).toEqual(['Accept', 'path_id', 'size', 'engine', 'eos_included', 'body']);
    const onlyText = without(noSchema, 'Example : 2a9be312');
    const d2 = read(onlyText);
    // `Thing ID` would be the model `Thing` followed by ` ID`: not a schema cell.
    expect(find(d2, 'bad-schema')).toMatchObject({ severity: 'error', operation: 'CreateThing 1.1', source: { line: lineOf(onlyText, 'Thing ID') } });
    expect(op(d2, 'CreateThing', '1.1')?.parameters).toHaveLength(6);
  });

  it('reports a mangled schema cell and drops only that row', () => {
    const lines = replaced(BASE, 'stringNone', ['strnigNone']);
    const d = read(lines);
    const bad = find(d, 'bad-schema');
    expect(bad).toMatchObject({ severity: 'error', operation: 'CreateThing 1.1', source: { file: 'snippet.txt', line: lineOf(lines, 'strnigNone') } });
    expect(bad?.message).toContain('unknown schema token');
    expect(op(d, 'CreateThing', '1.1')?.parameters).toHaveLength(6);
    expect(op(d, 'CreateThing', '1.0')?.parameters).toHaveLength(7);
  });

  it('reports an unknown schema token inside brackets in a model', () => {
    const lines = replaced(BASE, 'array[Tag]', ['array[tga]']);
    const d = read(lines);
    expect(find(d, 'bad-schema')).toMatchObject({ operation: 'ThingCreateRequest', source: { line: lineOf(lines, 'array[tga]') } });
    expect(find(d, 'bad-schema')?.message).toContain('unknown schema token "tga]"');
    expect(only(d).models.find((m) => m.name === 'ThingCreateRequest')?.fields.map((f) => f.name)).toEqual(['disk_type', 'name', 'size', 'updated_at']);
  });

  it('drops an op-version without a method line, with an error at its heading', () => {
    const lines = without(BASE, 'post /v1/things/{thing_id}');
    const d = read(lines);
    expect(op(d, 'CreateThing', '1.1')).toBeUndefined();
    expect(op(d, 'CreateThing', '1.0')).toBeDefined();
    expect(find(d, 'missing-method')).toMatchObject({ severity: 'error', operation: 'CreateThing 1.1', source: { line: lineOf(lines, '1.1.1.1 - 1.1') } });
  });

  it('reads two op-versions when the version heading between them is lost', () => {
    const lines = without(BASE, '1.1.1.2 - 1.0');
    const d = read(lines);
    const second = op(d, 'CreateThing', '1.0') as OperationDoc;
    expect(second).toMatchObject({ status: 'SUPPORTED', supportedUntil: '20260701', method: 'post' });
    expect(second.parameters).toHaveLength(7);
    expect(find(d, 'missing-heading')?.source.line).toBe(lineOf(lines, 'post /v1/things/{thing_id}', 2));
  });

  it('keeps an op-version whose operation heading is lost, without a name', () => {
    const lines = without(BASE, '1.1.2 - DeleteThings');
    const d = read(lines);
    const del = op(d, undefined, '1.0') as OperationDoc;
    expect(del).toMatchObject({ method: 'delete', path: '/v1/things' });
    expect(find(d, 'heading-sequence')).toMatchObject({ severity: 'warning', source: { line: lineOf(lines, '1.1.2.1 - 1.0') } });
  });

  it('reports a lost service heading and still reads what follows', () => {
    const lines = without(BASE, '1 - Thing Store');
    const d = read(lines);
    expect(find(d, 'heading-sequence')?.source.line).toBe(lineOf(lines, '1.1 - APIs'));
    expect(only(d).operations).toHaveLength(3);
    expect(only(d).id).toBe('thing-store');
  });

  it('does not take an out-of-sequence numbered line for a heading', () => {
    const lines = replaced(BASE, 'Create a thing.', ['3 - not a heading']);
    const d = read(lines);
    expect(op(d, 'CreateThing', '1.1')?.description).toBe('3 - not a heading');
    expect(find(d, 'heading-sequence')?.source.line).toBe(lineOf(lines, '3 - not a heading'));
    expect(only(d).operations).toHaveLength(3);
  });

  it('reports invalid JSON at the line where parsing stopped', () => {
    const lines = replaced(BASE, '    "size": 1', ['    "size": 1,']);
    const d = read(lines);
    const bad = find(d, 'bad-json');
    expect(bad).toMatchObject({ severity: 'error', operation: 'CreateThing 1.1' });
    // The trailing comma is only wrong once the closing brace comes.
    expect(bad?.source.line).toBe(lineOf(lines, '    "size": 1,') + 1);
    expect(op(d, 'CreateThing', '1.1')?.example.requestBody).toBeUndefined();
    expect(op(d, 'CreateThing', '1.1')?.example.responseBody).toEqual({ request_id: '' });
  });

  it('reports a JSON example cut off by the end of the file', () => {
    const lines = BASE.slice(0, lineOf(BASE, '    "request_id": ""', 2));
    const d = read(lines);
    expect(find(d, 'bad-json')?.source.line).toBe(lines.length);
  });

  it('reports an unknown line in a table and reads the rest of the table', () => {
    const lines = replaced(BASE, '400Bad RequestNone', ['400Bad RequestNone', '#### junk']);
    const d = read(lines);
    expect(find(d, 'unknown-line')).toMatchObject({ severity: 'warning', operation: 'CreateThing 1.1', source: { line: lineOf(lines, '#### junk') } });
    expect(op(d, 'CreateThing', '1.1')?.responses.map((r) => r.code)).toEqual(['202', '400', '404', '500']);
  });

  it('reads an unknown reason phrase and says so', () => {
    const lines = replaced(BASE, '404Not FoundNone', ["418I'm a teapotNone"]);
    const d = read(lines);
    expect(op(d, 'CreateThing', '1.1')?.responses[2]).toMatchObject({ code: '418', description: "I'm a teapot", schemaText: 'None' });
    expect(find(d, 'unknown-response-reason')?.source.line).toBe(lineOf(lines, "418I'm a teapotNone"));
  });

  it('reports a parameter row with no known type word', () => {
    const lines = replaced(BASE, 'querysize', ['qeurysize']);
    const d = read(lines);
    expect(find(d, 'bad-parameter-type')).toMatchObject({ severity: 'error', source: { line: lineOf(lines, 'qeurysize') } });
    expect(op(d, 'CreateThing', '1.1')?.parameters.map((p) => p.name)).not.toContain('size');
  });

  it('reports lines that betray a lost row boundary', () => {
    // A repeated required line, and a schema cell before the row's last line.
    const dup = read(replaced(BASE, 'paththing_id', ['paththing_id', 'required']));
    expect(codes(dup)).toContain('unexpected-line');
    const port = lineOf(BASE, 'port');
    const lost = [...BASE.slice(0, port), ...BASE.slice(port + 1)]; // ResourceCheck.port loses its `optional`
    const d = read(lost);
    expect(codes(d)).toContain('unexpected-line');
    expect(codes(d)).toContain('duplicate-constraint');
    expect(only(d).models.find((m) => m.name === 'ResourceCheck')?.fields.map((f) => f.name)).toEqual(['cpu']);
  });

  it('reports a repeated body-row model name and an empty op description', () => {
    const dup = replaced(BASE, 'ThingCreateRequest', ['ThingCreateRequest', 'ThingCreateRequest']);
    const d1 = read(dup);
    expect(find(d1, 'unexpected-line')).toMatchObject({ operation: 'CreateThing 1.1', source: { line: lineOf(dup, 'ThingCreateRequest') } });
    const noText = without(BASE, 'Delete all things.');
    const d2 = read(noText);
    expect(op(d2, 'DeleteThings', '1.0')?.description).toBe('');
    expect(find(d2, 'missing-section')).toMatchObject({ operation: 'DeleteThings 1.0', message: 'Description has no text' });
  });

  it('reports a missing state line, keeping the operation with an assumed status', () => {
    const lines = without(BASE, '상태 ACTIVE (SUPPORTED)');
    const d = read(lines);
    expect(op(d, 'CreateThing', '1.0')).toMatchObject({ status: 'SUPPORTED', state: '' });
    expect(find(d, 'missing-status')).toMatchObject({ severity: 'error', operation: 'CreateThing 1.0' });
    expect(find(d, 'missing-section')?.message).toContain('state line');
  });

  it('reports a mismatch between the version heading and the Scp-Api-Version header', () => {
    const lines = replaced(BASE, '"Scp-Api-Version = thing-store 1.0"', ['"Scp-Api-Version = thing-store 1.1"']);
    const d = read(lines);
    expect(find(d, 'version-mismatch')).toMatchObject({ operation: 'CreateThing 1.0', source: { line: lineOf(lines, '1.1.1.2 - 1.0') } });
  });

  it('reports a model table whose heading is lost, dropping its fields out loud', () => {
    const lines = without(BASE, '1.2.3 - Tag');
    const d = read(lines);
    expect(only(d).models.map((m) => m.name)).toEqual(['AsyncResponse', 'ResourceCheck', 'ThingCreateRequest']);
    expect(find(d, 'heading-sequence')?.source.line).toBe(lineOf(lines, '1.2.4 - ThingCreateRequest'));
    expect(find(d, 'missing-heading')).toMatchObject({ severity: 'error', operation: 'ResourceCheck', source: { line: lineOf(lines, 'NameDescriptionSchemaDefault', 3) } });
  });

  it('reports control characters', () => {
    const lines = replaced(BASE, 'Thing ID', ['Thing\u0000 ID']);
    const d = read(lines);
    expect(find(d, 'control-character')?.source.line).toBe(lineOf(lines, 'Thing\u0000 ID'));
  });

  it('a file that ends inside its last op-version block, before the example response, is cut: an error', () => {
    // An APIs-only page (no Models) cut inside the example request of its last block.
    const lines = BASE.slice(0, lineOf(BASE, 'Request header', 3));
    const d = read(lines);
    expect(d.diagnostics.filter((x) => x.severity === 'error').map((x) => [x.code, x.operation])).toEqual([['truncated-block', 'DeleteThings 1.0']]);
    expect(find(d, 'truncated-block')?.message).toContain('in its Request header');
    // The same block in the middle of the file only lacks sections: warnings.
    const middle = read(without(BASE, 'Response 202'));
    expect(middle.diagnostics.map((x) => [x.severity, x.code])).toContainEqual(['warning', 'missing-section']);
    expect(middle.diagnostics.some((x) => x.severity === 'error')).toBe(false);
  });

  it('a Responses section without rows lost them: an error', () => {
    const lines = without(without(BASE, '202AcceptedNone'), '401UnauthorizedNone');
    expect(find(read(lines), 'empty-table')).toMatchObject({ severity: 'error', operation: 'DeleteThings 1.0' });
  });

  it('an example body without any body parameter is one diagnostic, missing-parameters from the source checks (not also missing-json)', () => {
    const bodyRow = lineOf(BASE, 'bodybody');
    const lines = [...BASE.slice(0, bodyRow - 1), ...BASE.slice(bodyRow + 3)];
    const doc = read(lines);
    expect(op(doc, 'CreateThing', '1.1')?.parameters.some((p) => p.in === 'body')).toBe(false);
    expect(diag(doc)).toEqual([]);
    const found = checkSource(doc, 'https://docs.e.samsungsdscloud.com/');
    expect(found.map((d) => [d.code, d.operation, d.message])).toEqual([
      ['missing-parameters', 'CreateThing 1.1', 'the Parameters table is lost: its example sends a request body but it documents no body parameter'],
    ]);
  });
});

describe('readFlatText: API Version History', () => {
  it('reads the changelog after the environment list: versions and tagged lines, each at its line', () => {
    const history = ['API Version History', '', '1.1', '', '[New] POST /v1/things - CreateThing API have been added.', '[Removed] DELETE /v1/things - DeleteThings API has been removed.', '1.0', '', '[New] GET /v1/things - ListThings API have been added.', ''];
    const lines = replaced(BASE, '1.1 - APIs', [...history, '1.1 - APIs']);
    const d = read(lines);
    expect(diag(d)).toEqual([]);
    expect(only(d).versionHistory).toEqual([
      { version: '1.1', change: 'new', method: 'post', path: '/v1/things', operation: 'CreateThing', text: 'POST /v1/things - CreateThing API have been added.', source: { file: 'snippet.txt', line: lineOf(lines, history[4] as string) } },
      { version: '1.1', change: 'removed', method: 'delete', path: '/v1/things', operation: 'DeleteThings', text: 'DELETE /v1/things - DeleteThings API has been removed.', source: { file: 'snippet.txt', line: lineOf(lines, history[5] as string) } },
      { version: '1.0', change: 'new', method: 'get', path: '/v1/things', operation: 'ListThings', text: 'GET /v1/things - ListThings API have been added.', source: { file: 'snippet.txt', line: lineOf(lines, history[8] as string) } },
    ]);
    expect(only(read(BASE)).versionHistory).toBeUndefined();
  });
});

describe('readFlatText under random damage to the snippet', () => {
  it('never throws, and every diagnostic names the file and a line inside it', () => {
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('dup' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('glue' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('junk' as const), at: fc.nat(), text: fc.string({ maxLength: 8 }) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 5 }), (edits) => {
        let lines = [...BASE];
        for (const e of edits) {
          const i = e.at % Math.max(1, lines.length);
          if (e.kind === 'drop') lines.splice(i, 1);
          else if (e.kind === 'dup') lines.splice(i, 0, lines[i] ?? '');
          else if (e.kind === 'glue') lines.splice(i, 2, `${lines[i] ?? ''}${lines[i + 1] ?? ''}`);
          else if (e.kind === 'junk') lines[i] = `${(lines[i] ?? '').slice(0, 3)}${e.text}${(lines[i] ?? '').slice(3)}`;
          else lines = lines.slice(0, i);
        }
        const text = lines.join('\n');
        const d = readFlatText(text, 'damaged.txt');
        const count = Math.max(1, text.split('\n').length);
        expect(codes(d)).not.toContain('internal-error');
        for (const x of d.diagnostics) {
          expect(x.source.file).toBe('damaged.txt');
          expect(x.source.line).toBeGreaterThanOrEqual(1);
          expect(x.source.line).toBeLessThanOrEqual(count);
        }
        for (const s of d.services) {
          for (const o of s.operations) {
            expect(o.path.startsWith('/')).toBe(true);
            expect(o.source.line).toBeLessThanOrEqual(count);
          }
        }
      }),
      { numRuns: 400, seed: 4242 },
    );
  });
});
