import { describe, expect, it } from 'vitest';
import { diffSpecs, versionAddedReport, versionRemovedReport } from '../../scripts/diff/diff-specs.ts';
import type { ChangeEntry, OpenApiDoc } from '../../scripts/diff/types.ts';

type Json = Record<string, any>; // test fixtures are mutated freely

/** A small spec in the shape the build emits: one create (body) and one list (query params) operation. */
function baseSpec(): Json {
  return {
    openapi: '3.1.0',
    info: { title: 'Data Flow', version: '1.0' },
    paths: {
      '/v1/data-flows': {
        get: {
          operationId: 'listDataFlows',
          'x-scp-status': 'CURRENT',
          parameters: [
            { in: 'query', name: 'size', required: false, schema: { type: ['integer', 'null'], default: 20, maximum: 100 } },
            { in: 'query', name: 'state', required: false, schema: { type: 'string', enum: ['ACTIVE', 'CREATING', 'DELETED'] } },
            { in: 'query', name: 'name', required: false, schema: { type: 'string', maxLength: 30 } },
            { in: 'query', name: 'ratio', required: false, schema: { type: 'number' } },
            { in: 'header', name: 'Accept', required: false, schema: { type: 'string', default: 'application/json' } },
          ],
          responses: {
            '200': { description: 'OK', content: { 'application/json': { schema: { $ref: '#/components/schemas/ListResponse' } } } },
            '400': { description: 'Bad Request' },
            '404': { description: 'Not Found' },
          },
        },
        post: {
          operationId: 'createDataFlow',
          'x-scp-status': 'CURRENT',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/DataFlowBodyCreate' } } } },
          responses: {
            '202': { description: 'Accepted', content: { 'application/json': { schema: { $ref: '#/components/schemas/AsyncResponse' } } } },
          },
        },
      },
      '/v1/data-flows/{data_flow_id}': {
        delete: {
          operationId: 'deleteDataFlow',
          'x-scp-status': 'CURRENT',
          parameters: [{ in: 'path', name: 'data_flow_id', required: true, schema: { type: 'string' } }],
          responses: { '202': { description: 'Accepted' } },
        },
      },
    },
    components: {
      schemas: {
        DataFlowBodyCreate: {
          type: 'object',
          required: ['data_flow_name'],
          properties: {
            data_flow_name: { type: 'string', minLength: 3, maxLength: 30, pattern: '^[a-z][a-z0-9-]*$' },
            description: { anyOf: [{ type: 'string' }, { type: 'null' }] },
            tags: { type: 'array', items: { $ref: '#/components/schemas/Tag' } },
          },
        },
        Tag: {
          type: 'object',
          required: ['tag_key'],
          properties: { tag_key: { type: 'string', maxLength: 128 }, tag_value: { type: 'string', maxLength: 256 } },
        },
        ListResponse: {
          type: 'object',
          required: ['contents', 'total_count'],
          properties: {
            contents: { type: 'array', items: { $ref: '#/components/schemas/DataFlow' } },
            total_count: { type: 'integer' },
          },
        },
        DataFlow: {
          type: 'object',
          required: ['data_flow_id', 'state'],
          properties: {
            data_flow_id: { type: 'string' },
            state: { type: 'string', enum: ['ACTIVE', 'CREATING'] },
            created_at: { type: 'string', format: 'date-time' },
          },
        },
        AsyncResponse: { type: 'object', required: ['request_id'], properties: { request_id: { type: 'string' } } },
      },
    },
  };
}

function changed(mutate: (doc: Json) => void): Json {
  const doc = structuredClone(baseSpec());
  mutate(doc);
  return doc;
}

/** The one change the mutation caused (fails when there are more or none). */
function only(mutate: (doc: Json) => void): ChangeEntry {
  const report = diffSpecs(baseSpec() as OpenApiDoc, changed(mutate) as OpenApiDoc);
  expect(report.changes.map((c) => `${c.kind} ${c.target}`)).toEqual([expect.any(String)]);
  return report.changes[0] as ChangeEntry;
}

const listParams = (doc: Json): any[] => doc.paths['/v1/data-flows'].get.parameters;
const schemas = (doc: Json): Json => doc.components.schemas;

describe('diffSpecs', () => {
  it('reports nothing for identical specs, and a pure-description edit is not a change', () => {
    const r = diffSpecs(baseSpec(), baseSpec(), { service: 'data-flow', version: '1.0' });
    expect(r).toEqual({ service: 'data-flow', version: '1.0', status: 'unchanged', changes: [], breaking: 0 });
    const edited = changed((d) => {
      d.paths['/v1/data-flows'].get.description = 'new words';
      schemas(d).Tag.properties.tag_key.description = 'Key of the tag';
      schemas(d).Tag.properties.tag_key.example = 'env';
    });
    expect(diffSpecs(baseSpec(), edited).changes).toEqual([]);
  });

  describe('operations', () => {
    it('an added operation is not breaking, a removed one is', () => {
      const added = only((d) => {
        d.paths['/v1/data-flows/{data_flow_id}'].get = { operationId: 'showDataFlow', responses: { '200': { description: 'OK' } } };
      });
      expect(added).toMatchObject({ kind: 'operation-added', breaking: false, method: 'get', path: '/v1/data-flows/{data_flow_id}', operation: 'showDataFlow' });
      const removed = only((d) => delete d.paths['/v1/data-flows/{data_flow_id}']);
      expect(removed).toMatchObject({ kind: 'operation-removed', breaking: true, method: 'delete', operation: 'deleteDataFlow' });
    });

    it('matches operations across a path placeholder rename and reports the parameter rename', () => {
      const r = diffSpecs(
        baseSpec(),
        changed((d) => {
          const item = d.paths['/v1/data-flows/{data_flow_id}'];
          delete d.paths['/v1/data-flows/{data_flow_id}'];
          item.delete.parameters[0].name = 'id';
          d.paths['/v1/data-flows/{id}'] = item;
        }),
      );
      expect(r.changes.map((c) => [c.kind, c.target, c.breaking])).toEqual([
        ['parameter-added', 'path id', true],
        ['parameter-removed', 'path data_flow_id', true],
      ]);
    });

    it('flags the deprecated flag without calling it breaking', () => {
      const e = only((d) => (d.paths['/v1/data-flows'].post.deprecated = true));
      expect(e).toMatchObject({ kind: 'operation-deprecated-changed', breaking: false, before: false, after: true });
    });
  });

  describe('parameters', () => {
    it('a new optional parameter is fine, a new required one breaks', () => {
      expect(only((d) => listParams(d).push({ in: 'query', name: 'page', required: false, schema: { type: 'integer' } }))).toMatchObject({
        kind: 'parameter-added',
        breaking: false,
        target: 'query page',
      });
      expect(only((d) => listParams(d).push({ in: 'query', name: 'cluster_id', required: true, schema: { type: 'string' } }))).toMatchObject({
        kind: 'parameter-added',
        breaking: true,
        target: 'query cluster_id',
        operation: 'listDataFlows',
        method: 'get',
        path: '/v1/data-flows',
      });
    });

    it('removal breaks; optional → required breaks; required → optional does not', () => {
      expect(only((d) => listParams(d).splice(2, 1))).toMatchObject({ kind: 'parameter-removed', breaking: true, target: 'query name' });
      const tightened = only((d) => (listParams(d)[0].required = true));
      expect(tightened).toMatchObject({ kind: 'parameter-required-changed', breaking: true, before: false, after: true });
      const loosened = diffSpecs(changed((d) => (listParams(d)[0].required = true)), baseSpec()).changes;
      expect(loosened).toMatchObject([{ kind: 'parameter-required-changed', breaking: false, before: true, after: false }]);
    });

    it('types: narrowing and unrelated changes break a request, widening does not', () => {
      expect(only((d) => (listParams(d)[3].schema.type = 'integer'))).toMatchObject({ kind: 'parameter-type-changed', breaking: true, before: ['number'], after: ['integer'] });
      const widened = diffSpecs(changed((d) => (listParams(d)[3].schema.type = 'integer')), baseSpec()).changes;
      expect(widened).toMatchObject([{ kind: 'parameter-type-changed', breaking: false }]);
      expect(widened[0]?.detail).toContain('widened');
      expect(only((d) => (listParams(d)[2].schema.type = 'integer'))).toMatchObject({ kind: 'parameter-type-changed', breaking: true });
    });

    it('dropping null from a request parameter breaks it', () => {
      expect(only((d) => (listParams(d)[0].schema.type = 'integer'))).toMatchObject({ kind: 'parameter-nullable-changed', breaking: true, before: true, after: false });
    });

    it('enum: a removed value breaks, an added one does not', () => {
      const removed = only((d) => (listParams(d)[1].schema.enum = ['ACTIVE', 'CREATING']));
      expect(removed).toMatchObject({ kind: 'parameter-enum-changed', breaking: true });
      expect(removed.detail).toBe('values removed: DELETED');
      const added = only((d) => listParams(d)[1].schema.enum.push('ERROR'));
      expect(added).toMatchObject({ kind: 'parameter-enum-changed', breaking: false, detail: 'values added: ERROR' });
    });

    it('constraints: tightening breaks, loosening does not; a new pattern breaks', () => {
      expect(only((d) => (listParams(d)[2].schema.maxLength = 20))).toMatchObject({ kind: 'parameter-constraint-changed', breaking: true, before: 30, after: 20 });
      expect(only((d) => (listParams(d)[2].schema.maxLength = 64))).toMatchObject({ kind: 'parameter-constraint-changed', breaking: false });
      expect(only((d) => delete listParams(d)[0].schema.maximum)).toMatchObject({ kind: 'parameter-constraint-changed', breaking: false, before: 100 });
      expect(only((d) => (listParams(d)[2].schema.pattern = '^[a-z]+$'))).toMatchObject({ kind: 'parameter-constraint-changed', breaking: true, after: '^[a-z]+$' });
    });

    it('a changed default is reported, not breaking', () => {
      expect(only((d) => (listParams(d)[0].schema.default = 50))).toMatchObject({ kind: 'parameter-default-changed', breaking: false, before: 20, after: 50 });
    });

    it('header names compare case-insensitively', () => {
      const r = diffSpecs(baseSpec(), changed((d) => (listParams(d)[4].name = 'accept')));
      expect(r.changes).toEqual([]);
    });
  });

  describe('schemas', () => {
    it('follows $refs and names properties by model: removed property breaks', () => {
      const e = only((d) => delete schemas(d).DataFlowBodyCreate.properties.description);
      expect(e).toMatchObject({ kind: 'property-removed', breaking: true, target: 'DataFlowBodyCreate.description', side: 'request', operation: 'createDataFlow' });
    });

    it('request side: new required property and optional → required break, new optional property does not', () => {
      const req = only((d) => {
        schemas(d).DataFlowBodyCreate.properties.cluster_id = { type: 'string' };
        schemas(d).DataFlowBodyCreate.required.push('cluster_id');
      });
      expect(req).toMatchObject({ kind: 'property-added', breaking: true, target: 'DataFlowBodyCreate.cluster_id' });
      expect(only((d) => (schemas(d).DataFlowBodyCreate.properties.labels = { type: 'object' }))).toMatchObject({ kind: 'property-added', breaking: false });
      expect(only((d) => schemas(d).DataFlowBodyCreate.required.push('description'))).toMatchObject({
        kind: 'property-required-changed',
        breaking: true,
        target: 'DataFlowBodyCreate.description',
      });
    });

    it('nested models through arrays get their own model-rooted path', () => {
      const e = only((d) => (schemas(d).Tag.properties.tag_key.maxLength = 64));
      expect(e).toMatchObject({ kind: 'property-constraint-changed', breaking: true, target: 'Tag.tag_key', side: 'request' });
      const items = only((d) => (schemas(d).DataFlowBodyCreate.properties.tags.items = { type: 'string' }));
      expect(items).toMatchObject({ kind: 'property-type-changed', breaking: true, target: 'DataFlowBodyCreate.tags[]' });
    });

    it('response side: a new required property is fine; removal and required → optional break', () => {
      const added = only((d) => {
        schemas(d).DataFlow.properties.account_id = { type: 'string' };
        schemas(d).DataFlow.required.push('account_id');
      });
      expect(added).toMatchObject({ kind: 'property-added', breaking: false, side: 'response', target: 'DataFlow.account_id' });
      expect(only((d) => delete schemas(d).DataFlow.properties.created_at)).toMatchObject({ kind: 'property-removed', breaking: true });
      expect(only((d) => (schemas(d).DataFlow.required = ['data_flow_id']))).toMatchObject({ kind: 'property-required-changed', breaking: true, target: 'DataFlow.state' });
    });

    it('response side: widening a type or allowing null breaks readers, a new enum value does not', () => {
      expect(only((d) => (schemas(d).ListResponse.properties.total_count.type = 'number'))).toMatchObject({ kind: 'property-type-changed', breaking: true, side: 'response' });
      const nullable = only((d) => (schemas(d).DataFlow.properties.data_flow_id = { type: ['string', 'null'] }));
      expect(nullable).toMatchObject({ kind: 'property-nullable-changed', breaking: true, after: true });
      expect(only((d) => schemas(d).DataFlow.properties.state.enum.push('ERROR'))).toMatchObject({ kind: 'property-enum-changed', breaking: false });
      expect(only((d) => delete schemas(d).DataFlow.properties.created_at.format)).toMatchObject({ kind: 'property-constraint-changed', breaking: false, before: 'date-time' });
    });

    it('nullable written as anyOf or as a type array is the same schema', () => {
      const r = diffSpecs(baseSpec(), changed((d) => (schemas(d).DataFlowBodyCreate.properties.description = { type: ['string', 'null'] })));
      expect(r.changes).toEqual([]);
    });

    it('a model swapped for a renamed twin reports the rename and the structural difference only', () => {
      const r = diffSpecs(
        baseSpec(),
        changed((d) => {
          const twin = structuredClone(schemas(d).DataFlow);
          twin.properties.account_id = { type: 'string' };
          twin.required.push('account_id');
          schemas(d).DataFlowV1Dot1 = twin;
          delete schemas(d).DataFlow;
          schemas(d).ListResponse.properties.contents.items.$ref = '#/components/schemas/DataFlowV1Dot1';
        }),
      );
      expect(r.changes.map((c) => [c.kind, c.target, c.breaking])).toEqual([
        ['schema-ref-changed', 'ListResponse.contents[]', false],
        ['property-added', 'DataFlowV1Dot1.account_id', false],
      ]);
    });

    it('one change to a model shared by two operations is one entry listing both', () => {
      const shared = (d: Json): void => {
        d.paths['/v1/data-flows'].post.responses['202'].content['application/json'].schema.$ref = '#/components/schemas/Tag';
      };
      const r = diffSpecs(
        changed(shared),
        changed((d) => {
          shared(d);
          delete schemas(d).Tag.properties.tag_value;
        }),
      );
      expect(r.changes).toHaveLength(1);
      expect(r.changes[0]).toMatchObject({ kind: 'property-removed', target: 'Tag.tag_value', side: 'both', breaking: true, operation: 'createDataFlow' });
      expect(r.changes[0]?.alsoIn).toBeUndefined(); // both uses are in the same operation (request and response)
      const twoOps = diffSpecs(
        changed((d) => {
          d.paths['/v1/data-flows/{data_flow_id}'].delete.responses['202'].content = { 'application/json': { schema: { $ref: '#/components/schemas/AsyncResponse' } } };
        }),
        changed((d) => {
          d.paths['/v1/data-flows/{data_flow_id}'].delete.responses['202'].content = { 'application/json': { schema: { $ref: '#/components/schemas/AsyncResponse' } } };
          schemas(d).AsyncResponse.properties.request_id.type = 'integer';
        }),
      );
      expect(twoOps.changes).toHaveLength(1);
      expect(twoOps.changes[0]).toMatchObject({ kind: 'property-type-changed', target: 'AsyncResponse.request_id', alsoIn: ['DELETE /v1/data-flows/{data_flow_id} (deleteDataFlow)'] });
    });

    it('terminates on recursive models', () => {
      const tree = (d: Json): void => {
        schemas(d).Node = { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } } };
        schemas(d).DataFlow.properties.tree = { $ref: '#/components/schemas/Node' };
      };
      const r = diffSpecs(
        changed(tree),
        changed((d) => {
          tree(d);
          schemas(d).Node.properties.name.type = 'integer';
        }),
      );
      expect(r.changes.map((c) => c.target)).toEqual(['Node.name']);
    });
  });

  describe('requests bodies and responses', () => {
    it('request body added/removed/required', () => {
      const body = { content: { 'application/json': { schema: { type: 'object' } } } };
      expect(only((d) => (d.paths['/v1/data-flows/{data_flow_id}'].delete.requestBody = { ...body, required: true }))).toMatchObject({ kind: 'request-body-added', breaking: true });
      expect(only((d) => (d.paths['/v1/data-flows/{data_flow_id}'].delete.requestBody = body))).toMatchObject({ kind: 'request-body-added', breaking: false });
      expect(only((d) => delete d.paths['/v1/data-flows'].post.requestBody)).toMatchObject({ kind: 'request-body-removed', breaking: true });
      expect(only((d) => (d.paths['/v1/data-flows'].post.requestBody.required = false))).toMatchObject({ kind: 'request-body-required-changed', breaking: false });
    });

    it('response codes: added is fine, removed breaks; a body that disappears breaks', () => {
      expect(only((d) => (d.paths['/v1/data-flows'].get.responses['403'] = { description: 'Forbidden' }))).toMatchObject({ kind: 'response-added', target: 'response 403', breaking: false });
      expect(only((d) => delete d.paths['/v1/data-flows'].get.responses['404'])).toMatchObject({ kind: 'response-removed', target: 'response 404', breaking: true });
      expect(only((d) => delete d.paths['/v1/data-flows'].post.responses['202'].content)).toMatchObject({ kind: 'response-body-removed', breaking: true });
      expect(only((d) => (d.paths['/v1/data-flows/{data_flow_id}'].delete.responses['202'].content = { 'application/json': { schema: { type: 'object' } } }))).toMatchObject({
        kind: 'response-body-added',
        breaking: false,
      });
    });
  });

  describe('lifecycle', () => {
    it('a status shared by every operation is one version-level entry', () => {
      const r = diffSpecs(
        baseSpec(),
        changed((d) => {
          for (const item of Object.values(d.paths) as Json[]) {
            for (const op of Object.values(item) as Json[]) {
              op['x-scp-status'] = 'DEPRECATED';
              op['x-scp-supported-until'] = '2026-03-19';
            }
          }
        }),
      );
      expect(r.changes).toEqual([
        { kind: 'version-status-changed', breaking: false, target: 'x-scp-status', detail: 'status CURRENT → DEPRECATED', before: 'CURRENT', after: 'DEPRECATED' },
        {
          kind: 'version-supported-until-changed',
          breaking: false,
          target: 'x-scp-supported-until',
          detail: 'supported until / not before none → 2026-03-19',
          before: undefined,
          after: '2026-03-19',
        },
      ]);
    });

    it('info-level x-scp-status wins; an operation that differs gets its own entry', () => {
      const r = diffSpecs(
        changed((d) => (d.info['x-scp-status'] = 'CURRENT')),
        changed((d) => {
          d.info['x-scp-status'] = 'SUPPORTED';
          d.paths['/v1/data-flows'].post['x-scp-status'] = 'DEPRECATED';
        }),
      );
      expect(r.changes.map((c) => [c.kind, c.before, c.after, c.operation])).toEqual([
        ['version-status-changed', 'CURRENT', 'SUPPORTED', undefined],
        ['operation-status-changed', 'CURRENT', 'DEPRECATED', 'createDataFlow'],
      ]);
    });

    it('version added / removed reports', () => {
      const doc = changed((d) => (d.info['x-scp-status'] = 'CURRENT'));
      expect(versionAddedReport(doc, { service: 'data-flow', version: '1.1' })).toMatchObject({
        status: 'added',
        breaking: 0,
        changes: [{ kind: 'version-added', breaking: false, detail: 'version added (3 operations, CURRENT)' }],
      });
      expect(versionRemovedReport(doc, { service: 'data-flow', version: '1.0' })).toMatchObject({ status: 'removed', breaking: 1, changes: [{ kind: 'version-removed', breaking: true }] });
    });
  });

  it('counts breaking changes', () => {
    const r = diffSpecs(
      baseSpec(),
      changed((d) => {
        listParams(d).push({ in: 'query', name: 'cluster_id', required: true, schema: { type: 'string' } });
        d.paths['/v1/data-flows'].get.responses['403'] = { description: 'Forbidden' };
        delete schemas(d).DataFlowBodyCreate.properties.description;
      }),
    );
    expect(r.status).toBe('changed');
    expect(r.changes).toHaveLength(3);
    expect(r.breaking).toBe(r.changes.filter((c) => c.breaking).length);
    expect(r.breaking).toBe(2);
  });
});
