import { describe, expect, it } from 'vitest';
import { checkExamples } from '../../scripts/emit/check-examples.ts';

type Json = Record<string, unknown>;

/** A small document shaped like the emitter's output, using the docs' ClusterResourceCheckResponse and Tag. */
function doc(): Json {
  return {
    openapi: '3.1.0',
    info: { title: 't', version: '1.0' },
    paths: {
      '/v1/data-flows': {
        get: {
          parameters: [
            { name: 'size', in: 'query', schema: { type: ['integer', 'null'], default: 20 }, example: 20 },
            { name: 'page', in: 'query', schema: { type: ['integer', 'null'] }, example: '' },
          ],
          responses: {
            '200': {
              description: 'OK',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/ClusterResourceCheckResponse' }, example: { cpu: 'CPU', err_code: '', memory: 'Memory', result: '' } } },
            },
          },
        },
        post: {
          requestBody: {
            content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Tag' } }, example: [{ tag_key: '태그-a=b', tag_value: 'v' }] } },
          },
          responses: { '202': { description: 'Accepted' } },
        },
      },
    },
    components: {
      schemas: {
        ClusterResourceCheckResponse: {
          type: 'object',
          properties: {
            cpu: { type: 'object', default: 'CPU', examples: ['CPU'] },
            err_code: { type: 'string', examples: [''] },
            result: { type: 'boolean', examples: [''] },
            nested: { type: 'array', items: { type: 'integer', examples: [1, 'x'] } },
          },
          required: ['err_code', 'result'],
        },
        Tag: {
          type: 'object',
          properties: {
            tag_key: { type: 'string', maxLength: 128, pattern: '^[a-zA-Z0-9가-힣ㄱ-ㅎㅏ-ㅣ \\+\\-\\=\\.\\_:/@]*$', examples: ['', 'ok-1', 'bad!'] },
            tag_value: { type: 'string', maxLength: 256 },
          },
        },
      },
    },
  };
}

describe('checkExamples', () => {
  it('keeps valid examples and defaults and moves invalid ones under x-scp-invalid-*, with the ajv message', () => {
    const input = doc();
    const before = JSON.stringify(input);
    const r = checkExamples(input);
    expect(JSON.stringify(input)).toBe(before); // pure

    const schemas = (r.doc.components as Json).schemas as Record<string, Json>;
    const crc = schemas.ClusterResourceCheckResponse?.properties as Record<string, Json>;
    expect(crc.cpu).toEqual({
      type: 'object',
      'x-scp-invalid-default': { value: 'CPU', message: 'default must be object' },
      'x-scp-invalid-example': { value: 'CPU', message: 'example must be object' },
    });
    expect(crc.err_code).toEqual({ type: 'string', examples: [''] });
    expect(crc.result?.['x-scp-invalid-example']).toEqual({ value: '', message: 'example must be boolean' });
    expect(crc.result?.examples).toBeUndefined();
    // Several examples: the valid ones stay, the invalid ones are listed.
    expect((crc.nested?.items as Json).examples).toEqual([1]);
    const tag = (schemas.Tag?.properties as Record<string, Json>).tag_key as Json;
    expect(tag.examples).toEqual(['', 'ok-1']);
    expect(tag['x-scp-invalid-example']).toEqual({ value: 'bad!', message: expect.stringMatching(/must match pattern/) });

    const get = ((r.doc.paths as Json)['/v1/data-flows'] as Json).get as Json;
    const [size, page] = get.parameters as Json[];
    expect(size).toEqual({ name: 'size', in: 'query', schema: { type: ['integer', 'null'], default: 20 }, example: 20 });
    expect(page?.example).toBeUndefined();
    expect(page?.['x-scp-invalid-example']).toEqual({ value: '', message: 'example must be integer,null' });

    // The response example is checked through the $ref; the request example with Hangul passes the pattern.
    const media = (((get.responses as Json)['200'] as Json).content as Json)['application/json'] as Json;
    expect(media.example).toBeUndefined();
    expect((media['x-scp-invalid-example'] as Json).message).toMatch(/example\/cpu must be object/);
    const post = ((r.doc.paths as Json)['/v1/data-flows'] as Json).post as Json;
    expect((((post.requestBody as Json).content as Json)['application/json'] as Json).example).toEqual([{ tag_key: '태그-a=b', tag_value: 'v' }]);

    expect(r.invalidExamples).toBe(6);
    expect(r.invalidDefaults).toBe(1);
    expect(r.findings.map((f) => f.pointer).sort()).toEqual([
      '/components/schemas/ClusterResourceCheckResponse/properties/cpu',
      '/components/schemas/ClusterResourceCheckResponse/properties/cpu',
      '/components/schemas/ClusterResourceCheckResponse/properties/nested/items',
      '/components/schemas/ClusterResourceCheckResponse/properties/result',
      '/components/schemas/Tag/properties/tag_key',
      '/paths/~1v1~1data-flows/get/parameters/1',
      '/paths/~1v1~1data-flows/get/responses/200/content/application~1json',
    ]);
  });

  it('validates property names that look like keywords or extensions as ordinary properties', () => {
    const d: Json = {
      openapi: '3.1.0',
      paths: {},
      components: {
        schemas: {
          Odd: { type: 'object', properties: { default: { type: 'integer' }, 'x-count': { type: 'integer' } }, examples: [{ default: 'a' }, { 'x-count': 'b' }, { default: 1, 'x-count': 2 }] },
        },
      },
    };
    const r = checkExamples(d);
    const odd = ((r.doc.components as Json).schemas as Json).Odd as Json;
    expect(odd.examples).toEqual([{ default: 1, 'x-count': 2 }]);
    expect(r.invalidExamples).toBe(2);
  });

  it('reports a schema that cannot be compiled instead of throwing', () => {
    const d: Json = { openapi: '3.1.0', paths: {}, components: { schemas: { A: { $ref: '#/components/schemas/Missing', examples: [1] } } } };
    const r = checkExamples(d);
    expect(r.findings[0]?.message).toMatch(/could not be compiled/);
  });
});

/** Examples and defaults that fail the schemas of `doc()` in many different ways, and some that pass. */
function docWithManyValues(): Json {
  const d = doc();
  const schemas = (d.components as Json).schemas as Record<string, Json>;
  schemas.Page = {
    type: 'object',
    properties: {
      items: { type: 'array', items: { $ref: '#/components/schemas/Tag' } },
      next: { anyOf: [{ $ref: '#/components/schemas/Page' }, { type: 'null' }] },
      day: { type: 'string', enum: ['MON', 'TUE'], examples: ['MON', 'mon', 1] },
      when: { type: ['string', 'null'], format: 'date-time', examples: ['2026-07-01T00:00:00Z', '2026-07-01', null] },
      size: { type: 'integer', minimum: 1, maximum: 100, default: 0, examples: [1, 100, 101, 1.5, '7'] },
    },
    required: ['items'],
    examples: [
      { items: [] },
      { items: [{ tag_key: 'bad!' }] },
      { items: [], next: { items: [{ tag_key: 'ok' }], next: { items: 'no' } } },
      { next: null },
      { items: [{ tag_key: 'x'.repeat(129) }] },
    ],
  };
  const get = ((d.paths as Json)['/v1/data-flows'] as Json).get as Json;
  (get.responses as Json)['201'] = { description: 'Created', content: { 'application/json': { schema: { $ref: '#/components/schemas/Page' }, example: { items: [{ tag_key: 1 }] } } } };
  (get.responses as Json)['202'] = { description: 'Accepted', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Page' } }, example: [{ items: [] }, { items: [], next: { next: null } }] } } };
  return d;
}

/**
 * The same document with an unreferenced component that uses a `$` keyword: such a document is
 * validated the original way, with its components as one `$defs` bundle in an ajv of its own.
 */
function onBundlePath(d: Json): Json {
  const out = structuredClone(d);
  ((out.components as Json).schemas as Json).ZzBundle = { $comment: 'forces the per-document bundle', type: 'object' };
  return out;
}

function withoutBundleMarker(r: ReturnType<typeof checkExamples>): unknown {
  const copy = structuredClone(r) as { doc: Json };
  delete ((copy.doc.components as Json).schemas as Json).ZzBundle;
  return copy;
}

describe('checkExamples: validators shared between documents', () => {
  it('finds exactly what a fresh per-document ajv finds, messages included', () => {
    const d = docWithManyValues();
    const shared = checkExamples(d);
    const bundle = checkExamples(onBundlePath(d));
    expect(shared.findings.length).toBeGreaterThan(10);
    expect(new Set(shared.findings.map((f) => f.message.replace(/\/.*/, ''))).size).toBeGreaterThan(5);
    expect(withoutBundleMarker(bundle)).toEqual(JSON.parse(JSON.stringify(shared)));
    // Again, now that every validator is cached.
    expect(JSON.stringify(checkExamples(d))).toBe(JSON.stringify(shared));
  });

  it('never reuses a component validator for a same-named component with other content', () => {
    const withMax = (maxLength: number): Json => {
      const d = docWithManyValues();
      (((d.components as Json).schemas as Json).Tag as Json).properties = { tag_key: { type: 'string', maxLength } };
      const get = ((d.paths as Json)['/v1/data-flows'] as Json).get as Json;
      (((((get.responses as Json)['201'] as Json).content as Json)['application/json']) as Json).example = { items: [{ tag_key: 'abc' }] };
      return d;
    };
    const long = checkExamples(withMax(1000));
    const short = checkExamples(withMax(2));
    const pointer = '/paths/~1v1~1data-flows/post/requestBody/content/application~1json';
    expect(long.findings.some((f) => f.pointer === pointer)).toBe(false);
    expect(short.findings.find((f) => f.pointer === pointer)?.message).toBe('example/0/tag_key must NOT have more than 2 characters');
    // A component reached only through another one counts too: the 201 example is checked through
    // `$ref: Page`, and Page (unchanged itself) reaches Tag.
    const created = '/paths/~1v1~1data-flows/get/responses/201/content/application~1json';
    expect(long.findings.some((f) => f.pointer === created)).toBe(false);
    expect(short.findings.find((f) => f.pointer === created)?.message).toBe('example/items/0/tag_key must NOT have more than 2 characters');
    expect(withoutBundleMarker(checkExamples(onBundlePath(withMax(2))))).toEqual(JSON.parse(JSON.stringify(short)));
  });

  it('validates refs the shared path does not take (pointers into a component) as before', () => {
    const d = docWithManyValues();
    const get = ((d.paths as Json)['/v1/data-flows'] as Json).get as Json;
    (get.parameters as Json[]).push({ name: 'day', in: 'query', schema: { $ref: '#/components/schemas/Page/properties/day' }, example: 'WED' });
    const r = checkExamples(d);
    expect(r.findings.find((f) => f.pointer === '/paths/~1v1~1data-flows/get/parameters/2')?.message).toBe('example must be equal to one of the allowed values');
    expect(withoutBundleMarker(checkExamples(onBundlePath(d)))).toEqual(JSON.parse(JSON.stringify(r)));
  });
});
