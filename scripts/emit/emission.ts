/**
 * The state of emitting one document: its diagnostics (each recorded once), where each part of the
 * output was documented (JSON pointer → source place, so that example findings point at the docs),
 * and which operation first referenced each model. Plus the helpers every builder shares.
 */
import type { Constraint, Diagnostic, MergedService, SchemaExpr, Severity, SourceRef } from '../model.ts';
import { applyConstraints, defaultForSchema, schemaExprToJsonSchema, type JsonSchema } from './json-schema.ts';
import { componentSchemaRef, parentPointer } from './json-pointer.ts';

export type Operation = MergedService['operations'][number];

/** Where something was documented, and the operation (or `model X`) it belongs to. */
export interface Origin {
  readonly source: SourceRef;
  readonly operation?: string;
}

export class Emission {
  readonly diagnostics: Diagnostic[] = [];
  /** JSON pointer → where the thing at that pointer was documented (for example-check findings). */
  private readonly origins = new Map<string, Origin>();
  /** Model → the first place that referenced it. */
  readonly referrers = new Map<string, Origin>();
  private readonly seen = new Set<string>();

  constructor(readonly service: MergedService) {}

  /** Record a diagnostic once (latest builds components per version and may meet a field twice). */
  diag(severity: Severity, code: string, message: string, origin: Origin): void {
    const key = JSON.stringify([severity, code, message, origin.source.file, origin.source.line, origin.operation ?? null]);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.diagnostics.push({
      severity,
      code,
      message,
      source: origin.source,
      service: this.service.id,
      ...(origin.operation !== undefined ? { operation: origin.operation } : {}),
    });
  }

  /** Remember that the output at `pointer` was documented at `origin`. */
  documentedAt(pointer: string, origin: Origin): void {
    this.origins.set(pointer, origin);
  }

  /** Where the output at `pointer` (or its nearest documented ancestor) was documented. */
  originFor(pointer: string): Origin | undefined {
    for (let p = pointer; p !== ''; p = parentPointer(p)) {
      const hit = this.origins.get(p);
      if (hit) return hit;
    }
    return undefined;
  }

  /** A `refFor` that remembers who referenced each model first. */
  refFor(origin: Origin): (model: string) => string {
    return (model) => {
      if (!this.referrers.has(model)) this.referrers.set(model, origin);
      return componentSchemaRef(model);
    };
  }

  /** The service's first documented place, for findings about the service as a whole. */
  serviceOrigin(): Origin {
    const s = this.service;
    return { source: s.operations[0]?.source ?? { file: s.sourceFiles[0] ?? '', line: 0 } };
  }
}

export function opLabel(op: Operation): string {
  return `${op.name} ${op.version}`;
}

export function originOf(op: Operation, source: SourceRef = op.source): Origin {
  return { source, operation: opLabel(op) };
}

/** A documented row with a type, constraint lines and a default (parameter, form field, model field). */
export interface ValueRow {
  readonly schema: SchemaExpr;
  readonly constraints: readonly Constraint[];
  readonly default?: string;
}

/** Schema of a row: type, constraints, default; its `Example :` values returned separately. */
export function valueSchema(em: Emission, row: ValueRow, origin: Origin, what: string): { schema: JsonSchema; examples: readonly unknown[] } {
  const base = schemaExprToJsonSchema(row.schema, em.refFor(origin));
  const c = applyConstraints(base, row.schema, row.constraints);
  for (const problem of c.problems) em.diag('warning', 'constraint-problem', `${what}: ${problem}`, origin);
  const schema = { ...c.schema };
  const def = defaultForSchema(row.default, row.schema);
  if (def.present) schema.default = def.value;
  return { schema, examples: c.examples };
}
