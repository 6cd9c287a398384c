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
            tag_key: { type: 'string', maxLength: 128, pattern: '^[a-zA-Z0-9가-힣ㄱ-ㅎㅏ-ㅣ \\+\\-=\\._:/@]*$', examples: ['', 'ok-1', 'bad!'] },
            tag_value: { type: 'string', maxLength: 256 },
          },
        },
      },
    },
  };
}

describe('checkExamples', () => {
  it('keeps valid examples and defaults and moves invalid ones under x-scp-invalid-*, with what failed', () => {
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

    // The response example is checked through the $ref and published repaired: the optional cpu
    // (nothing valid documented) is dropped, the required boolean result gets its smallest value.
    const media = (((get.responses as Json)['200'] as Json).content as Json)['application/json'] as Json;
    expect(media.example).toEqual({ err_code: '', memory: 'Memory', result: false });
    expect(media['x-scp-original-example']).toEqual({
      value: { cpu: 'CPU', err_code: '', memory: 'Memory', result: '' },
      message: 'example/cpu must be object',
      repairs: [
        { at: '/cpu', from: 'CPU', by: 'dropped' },
        { at: '/result', from: '', to: false, by: 'minimal value' },
      ],
    });
    expect(media['x-scp-invalid-example']).toBeUndefined();
    const post = ((r.doc.paths as Json)['/v1/data-flows'] as Json).post as Json;
    expect((((post.requestBody as Json).content as Json)['application/json'] as Json).example).toEqual([{ tag_key: '태그-a=b', tag_value: 'v' }]);

    expect(r.invalidExamples).toBe(6);
    expect(r.invalidDefaults).toBe(1);
    expect(r.repairedExamples).toBe(1);
    expect(r.findings.filter((f) => f.outcome === 'repaired').map((f) => f.pointer)).toEqual(['/paths/~1v1~1data-flows/get/responses/200/content/application~1json']);
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

function findingAt(r: ReturnType<typeof checkExamples>, pointer: string, value: unknown): string | undefined {
  return r.findings.find((f) => f.pointer === pointer && JSON.stringify(f.value) === JSON.stringify(value))?.message;
}

describe('checkExamples: messages', () => {
  it('names the first failure on the way to the value, and every branch of an anyOf, in ajv\'s words', () => {
    const r = checkExamples(docWithManyValues());
    expect(r.findings.length).toBeGreaterThan(10);
    expect(new Set(r.findings.map((f) => f.message.replace(/\/.*/, ''))).size).toBeGreaterThan(5);
    const page = '/components/schemas/Page';
    expect(findingAt(r, page, { next: null })).toBe("example must have required property 'items'");
    expect(findingAt(r, page, { items: [], next: { items: [{ tag_key: 'ok' }], next: { items: 'no' } } })).toBe(
      'example/next/next/items must be array, example/next/next must be null, example/next/next must match a schema in anyOf, ' +
        'example/next must be null, example/next must match a schema in anyOf',
    );
    expect(findingAt(r, `${page}/properties/size`, 0)).toBe('default must be >= 1');
    expect(findingAt(r, `${page}/properties/size`, 101)).toBe('example must be <= 100');
    expect(findingAt(r, `${page}/properties/when`, '2026-07-01')).toBe('example must match format "date-time"');
    const props = (((r.doc.components as Json).schemas as Json).Page as Json).properties as Record<string, Json>;
    expect(props.when?.examples).toEqual(['2026-07-01T00:00:00Z', null]);
    expect(props.day?.examples).toEqual(['MON']);
    // The same document again gives the same result.
    expect(JSON.stringify(checkExamples(docWithManyValues()))).toBe(JSON.stringify(r));
  });

  it('writes the place of the value as a JSON pointer, whatever the property names hold', () => {
    const names = ['a/b', '태그', 'x y', 'p%q', 't~1'];
    const d: Json = {
      openapi: '3.1.0',
      paths: {},
      components: {
        schemas: {
          Names: { type: 'object', properties: Object.fromEntries(names.map((n) => [n, { type: 'integer' }])), examples: names.map((n) => ({ [n]: 's' })) },
          Closed: { type: 'object', properties: { a: { type: 'integer' } }, additionalProperties: false, examples: [{ a: 1 }, { a: 1, b: 2 }] },
        },
      },
    };
    const r = checkExamples(d);
    expect(names.map((n) => findingAt(r, '/components/schemas/Names', { [n]: 's' }))).toEqual([
      'example/a~1b must be integer',
      'example/태그 must be integer',
      'example/x y must be integer',
      'example/p%q must be integer',
      'example/t~01 must be integer',
    ]);
    expect(findingAt(r, '/components/schemas/Closed', { a: 1, b: 2 })).toBe('example must NOT have additional properties');
    expect(r.invalidExamples).toBe(names.length + 1);
  });
});

describe('checkExamples: schemas that cannot be used', () => {
  /** Two broken components, a sound one, and parameters that reach one of each. */
  function docWithBrokenParts(): Json {
    const param = (name: string, ref: string, example: unknown): Json => ({ name, in: 'query', schema: { $ref: `#/components/schemas/${ref}` }, example });
    return {
      openapi: '3.1.0',
      paths: { '/v1/x': { get: { parameters: [param('a', 'Dangling', {}), param('b', 'BadPattern', '='), param('c', 'Count', 'y')], responses: {} } } },
      components: {
        schemas: {
          // The examples never reach the dangling ref or the pattern; the schema is reported all the same.
          Dangling: { type: 'object', properties: { a: { $ref: '#/components/schemas/Missing' } }, examples: [{}] },
          BadPattern: { anyOf: [{ type: 'null' }, { type: 'string', pattern: '^[\\=]$' }], examples: [null] },
          Count: { type: 'integer', examples: [1, 'x'] },
        },
      },
    };
  }

  it('reports a ref that names nothing or a pattern that does not compile with the u flag, whatever the value reaches', () => {
    const r = checkExamples(docWithBrokenParts());
    const unresolved = "schema could not be compiled: can't resolve reference #/components/schemas/Missing";
    expect(findingAt(r, '/components/schemas/Dangling', {})).toBe(unresolved);
    expect(findingAt(r, '/components/schemas/BadPattern', null)).toMatch(/^schema could not be compiled: pattern "\^\[\\\\=\]\$" is not a valid regular expression with the u flag$/);
    expect(findingAt(r, '/paths/~1v1~1x/get/parameters/0', {})).toBe(unresolved);
    expect(findingAt(r, '/paths/~1v1~1x/get/parameters/1', '=')).toMatch(/could not be compiled: pattern/);
  });

  it('checks the schemas that do not reach a broken part as usual', () => {
    const r = checkExamples(docWithBrokenParts());
    expect(findingAt(r, '/components/schemas/Count', 'x')).toBe('example must be integer');
    expect((((r.doc.components as Json).schemas as Json).Count as Json).examples).toEqual([1]);
    expect(findingAt(r, '/paths/~1v1~1x/get/parameters/2', 'y')).toBe('example must be integer');
    expect(r.findings).toHaveLength(6);
  });

  it('reports a value it cannot validate (a schema that refers to itself without end) instead of throwing', () => {
    const d: Json = { openapi: '3.1.0', paths: {}, components: { schemas: { Loop: { anyOf: [{ $ref: '#/components/schemas/Loop' }, { type: 'null' }], examples: [null, 1] } } } };
    const r = checkExamples(d);
    expect(r.findings.map((f) => f.message)).toEqual([expect.stringMatching(/^example could not be validated: /), expect.stringMatching(/^example could not be validated: /)]);
  });
});

describe('checkExamples: documents checked one after another', () => {
  it('checks each document against its own components (same name, other content)', () => {
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
  });

  it('follows refs that point into a component', () => {
    const d = docWithManyValues();
    const get = ((d.paths as Json)['/v1/data-flows'] as Json).get as Json;
    (get.parameters as Json[]).push({ name: 'day', in: 'query', schema: { $ref: '#/components/schemas/Page/properties/day' }, example: 'WED' });
    (get.parameters as Json[]).push({ name: 'day2', in: 'query', schema: { $ref: '#/components/schemas/Page/properties/day' }, example: 'TUE' });
    const r = checkExamples(d);
    expect(r.findings.find((f) => f.pointer === '/paths/~1v1~1data-flows/get/parameters/2')?.message).toBe('example must be equal to one of the allowed values');
    expect(r.findings.some((f) => f.pointer === '/paths/~1v1~1data-flows/get/parameters/3')).toBe(false);
  });
});
