/**
 * Component schemas: every model an operation set reaches (transitively through model fields),
 * from its documented fields, inferred from the example JSON when the docs define no such model,
 * or a marked stub when neither is possible.
 */
import type { ModelDoc } from '../model.ts';
import { formatSchemaExpression, referencedModels } from '../schema-expression.ts';
import { opLabel, valueSchema, type Emission, type Operation, type Origin } from './emission.ts';
import { inferComponentSchema, samplesForModel, saysTrueFalse, type ExampleSample } from './infer-schema.ts';
import type { JsonSchema } from './json-schema.ts';
import { pointerTo } from './json-pointer.ts';
import { hasOwn } from './json-value.ts';

function buildModel(em: Emission, model: ModelDoc): { schema: JsonSchema; refs: string[] } {
  const origin: Origin = { source: model.source, operation: `model ${model.name}` };
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const refs: string[] = [];
  const pointer = pointerTo('/components/schemas', model.name);
  em.documentedAt(pointer, origin);
  for (const f of model.fields) {
    const fieldOrigin: Origin = { source: f.source, operation: `model ${model.name}` };
    if (hasOwn(properties, f.name)) {
      em.diag('warning', 'duplicate-field', `field "${f.name}" of ${model.name} is documented twice; the first row is kept`, fieldOrigin);
      continue;
    }
    refs.push(...referencedModels(f.schema));
    const { schema, examples } = valueSchema(em, f, fieldOrigin, `${model.name}.${f.name}`);
    const prop: JsonSchema = f.description !== '' ? { description: f.description, ...schema } : schema;
    if (examples.length > 0) prop.examples = [...examples];
    Object.defineProperty(properties, f.name, { value: prop, enumerable: true, writable: true, configurable: true });
    if (f.required) required.push(f.name);
    em.documentedAt(pointerTo(pointer, 'properties', f.name), fieldOrigin);
  }
  if (model.fields.length === 0) em.diag('info', 'empty-model', `model ${model.name} has no fields`, origin);
  const schema: JsonSchema = { type: 'object', properties };
  if (required.length > 0) schema.required = required;
  return { schema, refs };
}

/**
 * Example samples of `model` in the given operations (request bodies and the example response);
 * a response sample notes whether the operation's description documents a true / false result.
 */
function samplesFor(model: string, ops: readonly Operation[]): ExampleSample[] {
  const samples: ExampleSample[] = [];
  for (const op of ops) {
    for (const p of op.parameters) {
      if (p.in !== 'body') continue;
      for (const value of samplesForModel(p.schema, op.example.requestBody, model)) {
        samples.push({ value, origin: `${opLabel(op)} request body` });
      }
    }
    for (const r of op.responses) {
      if (!r.schema || r.code !== op.example.responseCode) continue;
      for (const value of samplesForModel(r.schema, op.example.responseBody, model)) {
        samples.push({ value, origin: `${opLabel(op)} response ${r.code}`, saysTrueFalse: saysTrueFalse(op.description) });
      }
    }
  }
  return samples;
}

interface Components {
  readonly schemas: Map<string, JsonSchema>;
  readonly inferred: string[];
}

/** Every model reachable from `roots` (transitively through model fields), defined, inferred or a marked stub. */
export function buildComponents(em: Emission, roots: Iterable<string>, ops: readonly Operation[]): Components {
  const byName = new Map<string, ModelDoc>();
  for (const m of em.service.models) {
    const prev = byName.get(m.name);
    if (!prev) byName.set(m.name, m);
  }
  const schemas = new Map<string, JsonSchema>();
  const inferred: string[] = [];
  const queue = [...roots].sort();
  while (queue.length > 0) {
    const name = queue.shift() as string;
    if (schemas.has(name)) continue;
    const model = byName.get(name);
    if (model) {
      const built = buildModel(em, model);
      schemas.set(name, built.schema);
      for (const r of [...new Set(built.refs)].sort()) if (!schemas.has(r)) queue.push(r);
      continue;
    }
    const origin = em.referrers.get(name) ?? em.serviceOrigin();
    em.documentedAt(pointerTo('/components/schemas', name), origin);
    const schema = inferComponentSchema(name, samplesFor(name, ops));
    if (schema) {
      schemas.set(name, schema);
      inferred.push(name);
      em.diag('info', 'inferred-model', `model ${name} is not defined by the docs; its schema is inferred from the example JSON`, origin);
    } else {
      schemas.set(name, {
        description: `The docs reference ${name} but define no such model and give no example to infer it from; the shape is unknown.`,
        'x-scp-unresolved': true,
      });
      em.diag('warning', 'undefined-model', `model ${name} is referenced but neither defined nor inferable from an example`, origin);
    }
  }
  return { schemas, inferred };
}

export function reportDuplicateModels(em: Emission): void {
  const seen = new Map<string, ModelDoc>();
  for (const m of em.service.models) {
    const prev = seen.get(m.name);
    if (!prev) {
      seen.set(m.name, m);
      continue;
    }
    const same = JSON.stringify(prev.fields.map(fieldKey)) === JSON.stringify(m.fields.map(fieldKey));
    em.diag(
      same ? 'info' : 'warning',
      same ? 'duplicate-model' : 'model-conflict',
      `model ${m.name} is defined twice${same ? ' (identically)' : ' with different fields'}; the first definition is used`,
      { source: m.source, operation: `model ${m.name}` },
    );
  }
}

function fieldKey(f: ModelDoc['fields'][number]): unknown {
  return [f.name, f.required, f.description, formatSchemaExpression(f.schema), f.default ?? null, f.constraints.map((c) => [c.key, c.value])];
}
