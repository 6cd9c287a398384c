/**
 * What the example check found in one document, as counts for the build summary and one info
 * diagnostic per finding (repairs are expected and handled, so they are counted, not warned about).
 */
import { INVALID_DEFAULT_KEY, INVALID_EXAMPLE_KEY, ORIGINAL_EXAMPLE_KEY, type ExampleFinding } from './check-examples.ts';
import type { Emission, Origin } from './emission.ts';

export interface ExampleCounts {
  /** Docs examples and defaults that fail their schema in this document. */
  readonly findings: number;
  /**
   * One key per finding: service, docs place, kind, value and reason. The same docs value meets the
   * same schema in several documents (each version and `latest`): equal keys are one distinct finding.
   */
  readonly findingKeys: readonly string[];
  /** Examples published repaired (the original under `x-scp-original-example`). */
  readonly repaired: number;
  /** Examples and defaults left out (kept under `x-scp-invalid-*`). */
  readonly removed: number;
  /** Values inside repaired examples replaced from the field's own example, default, enum or const. */
  readonly replacedValues: number;
  /** Values inside repaired examples dropped (optional fields, array items). */
  readonly droppedValues: number;
  /** Required values with nothing documented, set to null or the smallest valid value of their type. */
  readonly filledValues: number;
}

function truncate(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function findingKey(em: Emission, origin: Origin, f: ExampleFinding): string {
  return JSON.stringify([em.service.id, origin.source.file, origin.source.line, f.kind, f.value, f.message]);
}

function describe(f: ExampleFinding): string {
  if (f.outcome === 'removed') return `moved to ${f.kind === 'example' ? INVALID_EXAMPLE_KEY : INVALID_DEFAULT_KEY}`;
  const n = f.repairs?.length ?? 0;
  return `published repaired (${n} value${n === 1 ? '' : 's'} changed; the original is kept in ${ORIGINAL_EXAMPLE_KEY})`;
}

/** Record a diagnostic per finding and count them. */
export function reportExampleFindings(em: Emission, findings: readonly ExampleFinding[]): ExampleCounts {
  const keys: string[] = [];
  let replacedValues = 0;
  let droppedValues = 0;
  let filledValues = 0;
  for (const f of findings) {
    const origin = em.originFor(f.pointer) ?? em.serviceOrigin();
    keys.push(findingKey(em, origin, f));
    const what = `${f.kind} ${truncate(JSON.stringify(f.value) ?? 'undefined')} at ${f.pointer} does not match its schema (${f.message})`;
    em.diag('info', f.kind === 'example' ? 'invalid-example' : 'invalid-default', `${what}; ${describe(f)}`, origin);
    for (const r of f.repairs ?? []) {
      if (r.by === 'dropped') droppedValues++;
      else if (r.by === 'null' || r.by === 'minimal value') filledValues++;
      else replacedValues++;
    }
  }
  return {
    findings: findings.length,
    findingKeys: keys,
    repaired: findings.filter((f) => f.outcome === 'repaired').length,
    removed: findings.filter((f) => f.outcome === 'removed').length,
    replacedValues,
    droppedValues,
    filledValues,
  };
}
