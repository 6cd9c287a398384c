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
