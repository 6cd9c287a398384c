/**
 * The words an operation can be found by besides its name and path: its description and the
 * descriptions of its parameters and of every field of its request and response bodies (following
 * named models), in whatever language the docs wrote them. Pure.
 */
import type { OperationDetail } from './operation-detail.ts';
import { deref } from '../emit/json-pointer.ts';
import { isObject } from '../emit/json-value.ts';

/** Upper bound per operation, so one huge model cannot bloat the index. */
const MAX_CHARS = 4000;

function schemaDescriptions(doc: unknown, raw: unknown, out: Set<string>, seen: Set<unknown>): void {
  const s = deref(doc, raw);
  if (!isObject(s) || seen.has(s)) return;
  seen.add(s);
  if (isObject(raw) && typeof raw.description === 'string') out.add(raw.description.trim());
  if (typeof s.description === 'string') out.add(s.description.trim());
  if (isObject(s.properties)) for (const p of Object.values(s.properties)) schemaDescriptions(doc, p, out, seen);
  for (const key of ['items', 'additionalProperties'] as const) if (isObject(s[key])) schemaDescriptions(doc, s[key], out, seen);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = s[key];
    if (Array.isArray(list)) for (const m of list) schemaDescriptions(doc, m, out, seen);
  }
}

/** Parameter and field descriptions of one operation, de-duplicated, in document order. */
export function operationSearchText(doc: unknown, op: OperationDetail): string {
  const out = new Set<string>();
  for (const p of op.parameters) if (p.description && p.description !== p.name) out.add(p.description.trim());
  const seen = new Set<unknown>();
  const media = [...(op.requestBody?.content ?? []), ...op.responses.flatMap((r) => r.content)];
  for (const m of media) schemaDescriptions(doc, m.schema, out, seen);
  out.delete('');
  if (op.description) out.delete(op.description.trim());
  const text = [...out].join(' · ');
  return text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
}
