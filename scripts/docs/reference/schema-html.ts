/**
 * JSON Schema (2020-12, as the specs emit it) as HTML tables a reader can follow without
 * JavaScript: one row per property with its type, required flag, description, constraints and
 * example; inline objects nest in a `<details>` under their row; named models (`$ref` to
 * components.schemas) link to their own section (`#model-<Name>`), so every model is written once. Pure.
 */
import { escapeHtml } from '../html.ts';
import { componentSchemaName, deref } from '../../emit/json-pointer.ts';
import { type Json, isObject } from '../../emit/json-value.ts';
import { inlineHtml } from '../text-html.ts';

/** Element id of a named model's section. */
export function modelAnchor(name: string): string {
  return `model-${name.replace(/[^A-Za-z0-9_.-]+/g, '-')}`;
}

function modelLink(name: string): string {
  return `<a class="model-link" href="#${modelAnchor(name)}">${escapeHtml(name)}</a>`;
}

function typesOf(s: Json): string[] {
  if (Array.isArray(s.type)) return s.type.filter((t): t is string => typeof t === 'string');
  return typeof s.type === 'string' ? [s.type] : [];
}

/** The type as the reader sees it: `string (date-time) | null`, `array of <Model>`, `one of A | B`. */
export function typeLabel(doc: unknown, schema: unknown, depth = 0): string {
  const ref = isObject(schema) ? componentSchemaName(schema.$ref) : undefined;
  if (ref) return modelLink(ref);
  if (!isObject(schema) || depth > 6) return 'any';
  const union = (Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined) as unknown[] | undefined;
  if (union) return union.map((m) => typeLabel(doc, m, depth + 1)).join(' | ');
  if (Array.isArray(schema.allOf)) return schema.allOf.map((m) => typeLabel(doc, m, depth + 1)).join(' &amp; ');
  const types = typesOf(schema);
  if (types.length === 0) return schema.const !== undefined ? 'const' : isObject(schema.properties) ? 'object' : 'any';
  return types
    .map((t) => {
      if (t === 'array') return `array of ${typeLabel(doc, schema.items, depth + 1)}`;
      return typeof schema.format === 'string' && t !== 'null' ? `${t} (${escapeHtml(schema.format)})` : t;
    })
    .join(' | ');
}

const CONSTRAINTS: readonly (readonly [string, string])[] = [
  ['minLength', 'min length'],
  ['maxLength', 'max length'],
  ['minimum', 'min'],
  ['maximum', 'max'],
  ['exclusiveMinimum', 'greater than'],
  ['exclusiveMaximum', 'less than'],
  ['minItems', 'min items'],
  ['maxItems', 'max items'],
  ['pattern', 'pattern'],
];

function code(v: unknown): string {
  return `<code>${escapeHtml(typeof v === 'string' ? v : JSON.stringify(v))}</code>`;
}

/** Enum, default, constraints and example of a schema, as short labelled items. */
export function schemaFacts(doc: unknown, raw: unknown, example?: unknown): string {
  const s = deref(doc, raw);
  if (!isObject(s)) return '';
  const facts: string[] = [];
  const values = Array.isArray(s.enum) ? s.enum : s.const !== undefined ? [s.const] : undefined;
  if (values) facts.push(`<span class="fact">${s.const !== undefined ? 'value' : 'one of'} ${values.map(code).join(' ')}</span>`);
  if (s.default !== undefined) facts.push(`<span class="fact">default ${code(s.default)}</span>`);
  for (const [key, label] of CONSTRAINTS) if (s[key] !== undefined) facts.push(`<span class="fact">${label} ${code(s[key])}</span>`);
  const ex = example ?? s.example ?? (Array.isArray(s.examples) ? s.examples[0] : undefined);
  if (ex !== undefined && ex !== '') facts.push(`<span class="fact">example ${code(ex)}</span>`);
  if (s.deprecated === true) facts.push('<span class="fact fact-deprecated">deprecated</span>');
  return facts.length > 0 ? `<span class="facts">${facts.join('')}</span>` : '';
}

/** The object schema whose properties a nested table lists, for an inline object or array of inline objects. */
function inlineObject(schema: unknown): Json | undefined {
  if (!isObject(schema) || schema.$ref !== undefined) return undefined;
  if (isObject(schema.properties)) return schema;
  return typesOf(schema).includes('array') ? inlineObject(schema.items) : undefined;
}

function propertyRow(doc: unknown, name: string, raw: unknown, required: boolean, depth: number): string {
  const s = deref(doc, raw);
  const description = isObject(raw) && typeof raw.description === 'string' ? raw.description : isObject(s) && typeof s.description === 'string' ? s.description : undefined;
  const nested = inlineObject(raw);
  const inner = nested && depth < 8 ? `<details class="nested"><summary>${escapeHtml(name)} fields</summary>${propertiesTable(doc, nested, depth + 1)}</details>` : '';
  return `<tr><th scope="row"><code>${escapeHtml(name)}</code>${required ? ' <span class="req">required</span>' : ''}</th><td class="type">${typeLabel(doc, raw)}</td><td>${inlineHtml(description)}${schemaFacts(doc, raw)}${inner}</td></tr>`;
}

/** A table of an object schema's properties (empty string when it has none). */
export function propertiesTable(doc: unknown, schema: unknown, depth = 0): string {
  const s = deref(doc, schema);
  if (!isObject(s) || !isObject(s.properties)) return '';
  const required = new Set(Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : []);
  const rows = Object.entries(s.properties).map(([name, p]) => propertyRow(doc, name, p, required.has(name), depth));
  return `<table class="fields"><thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Description</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** A request or response body: its type, then the fields of the object it is (or holds in an array). */
export function bodySchemaHtml(doc: unknown, schema: unknown): string {
  const resolved = deref(doc, schema);
  const target = isObject(resolved) && typesOf(resolved).includes('array') ? deref(doc, resolved.items) : resolved;
  return `<p class="body-type">Type: ${typeLabel(doc, schema)}</p>${propertiesTable(doc, target)}`;
}

/** Every named model in `components.schemas`, sorted by name, each with its fields. */
export function modelsSection(doc: unknown): string {
  const schemas = isObject(doc) && isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {};
  const names = Object.keys(schemas).sort();
  if (names.length === 0) return '';
  const models = names.map((name) => {
    const s = schemas[name];
    const description = isObject(s) && typeof s.description === 'string' ? s.description : undefined;
    const table = propertiesTable(doc, s) || `<p class="body-type">Type: ${typeLabel(doc, s)}</p>${schemaFacts(doc, s)}`;
    return `<section class="model" id="${modelAnchor(name)}" aria-labelledby="${modelAnchor(name)}-h"><h3 id="${modelAnchor(name)}-h">${escapeHtml(name)}</h3>${description ? `<p class="desc">${inlineHtml(description)}</p>` : ''}${table}</section>`;
  });
  return `<section class="models" id="models" aria-labelledby="models-h"><h2 id="models-h">Models</h2>\n${models.join('\n')}\n</section>`;
}
