/**
 * What the builders of one operation (parameters, request body, responses, version extensions)
 * share: the emission, the operation, its JSON pointer in the document and the models it references.
 */
import type { ParameterDoc, SchemaExpr, SourceRef } from '../model.ts';
import { referencedModels } from '../schema-expression.ts';
import { originOf, type Emission, type Operation, type Origin } from './emission.ts';

export class OperationContext {
  /** Models referenced directly by the operation. */
  readonly models = new Set<string>();
  /** The operation as a whole (for findings without a row of their own). */
  readonly origin: Origin;

  constructor(
    readonly em: Emission,
    readonly op: Operation,
    /** JSON pointer of the operation object, e.g. `/paths/~1v1~1x/get`. */
    readonly pointer: string,
  ) {
    this.origin = originOf(op);
  }

  /** The origin of one documented row of this operation. */
  at(source: SourceRef): Origin {
    return originOf(this.op, source);
  }

  /** Note the models a schema expression references. */
  collect(expr: SchemaExpr | undefined): void {
    if (expr) for (const m of referencedModels(expr)) this.models.add(m);
  }

  /** The documented rows of one kind. */
  rows(kind: 'body' | 'formData'): ParameterDoc[] {
    return this.op.parameters.filter((p) => p.in === kind);
  }
}
