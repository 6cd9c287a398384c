/** The `ServiceDoc` every reader ends a service with, from what it found. */
import type { ModelDoc, OperationDoc, ServiceDoc, ServiceFacts, SourceRef } from '../model.ts';

const FACTS = ['overview', 'baseUrl', 'environments', 'versionTable', 'versionHistory'] as const satisfies readonly (keyof ServiceFacts)[];

export interface FoundService {
  readonly id?: string;
  readonly title?: string;
  /** May hold more than the facts (a reader's own notes): only the facts are taken. */
  readonly facts?: ServiceFacts;
  readonly operations: readonly OperationDoc[];
  readonly models: readonly ModelDoc[];
  readonly source: SourceRef;
}

/** The service with what was not found left out (absent, not `undefined`: the doc model's optional members are there only when known). */
export function serviceDoc(found: FoundService): ServiceDoc {
  const out: Record<string, unknown> = {};
  if (found.id !== undefined) out.id = found.id;
  if (found.title !== undefined) out.title = found.title;
  for (const k of FACTS) if (found.facts?.[k] !== undefined) out[k] = found.facts[k];
  return { ...out, operations: found.operations, models: found.models, source: found.source };
}
