/**
 * The floor gate: discovery that finds fewer services or operation-versions than the snapshot holds,
 * by more than a small margin, refuses to commit unless the maintainer allows it, and names what
 * vanished. A site half-served (a truncated index, a section that failed to render) must not wipe
 * specs. An operation-version whose removal the pages themselves confirm (removals.ts) is named but
 * not counted: the docs say it is gone. Pure.
 */
import type { SourceDoc } from '../model.ts';
import { compareVersions } from '../../src/version-order.ts';

export interface OperationVersion {
  readonly service: string;
  readonly version: string;
  readonly method: string;
  readonly path: string;
  readonly name?: string;
}

export interface Inventory {
  readonly services: ReadonlySet<string>;
  /** Key `service version METHOD path` → the operation-version. */
  readonly operations: ReadonlyMap<string, OperationVersion>;
}

/** The share of the snapshot that may vanish in one update without --allow-shrink (rounded down). */
export const FLOOR_MARGIN = 0.02;

export function operationKey(op: OperationVersion): string {
  return `${op.service} ${op.version} ${op.method.toUpperCase()} ${op.path}`;
}

/** Services and operation-versions read from some sources, limited to the services `inScope` accepts. */
export function inventoryOf(docs: readonly SourceDoc[], inScope: (service: string) => boolean = () => true): Inventory {
  const services = new Set<string>();
  const operations = new Map<string, OperationVersion>();
  for (const doc of docs) {
    for (const svc of doc.services) {
      for (const op of svc.operations) {
        const service = op.serviceId ?? svc.id;
        if (service === undefined || !inScope(service)) continue;
        services.add(service);
        const entry = { service, version: op.version, method: op.method, path: op.path, ...(op.name ? { name: op.name } : {}) };
        operations.set(operationKey(entry), entry);
      }
    }
  }
  return { services, operations };
}

export interface FloorResult {
  /** False when the shrink is over the margin and not allowed. */
  readonly ok: boolean;
  readonly lostServices: readonly string[];
  readonly lostOperations: readonly OperationVersion[];
  /** The lost operation-versions whose removal the pages confirm (not counted against the margin). */
  readonly confirmedOperations: readonly OperationVersion[];
  /** How many of each may vanish without --allow-shrink. */
  readonly margin: { readonly services: number; readonly operations: number };
  /** What vanished, one item per line (empty when nothing did), with what the pages say about it when known. */
  readonly lines: readonly string[];
}

/** What the pages say about a vanished operation-version (see removals.ts). */
export interface VanishedVerdict {
  readonly confirmed: boolean;
  /** The evidence, or what is missing, naming the page. */
  readonly why: string;
}

function byServiceVersion(a: OperationVersion, b: OperationVersion): number {
  return a.service.localeCompare(b.service) || compareVersions(a.version, b.version) || a.path.localeCompare(b.path) || a.method.localeCompare(b.method);
}

/** The operation-versions of `before` that `after` lacks, in `before`'s order. */
export function vanishedOperations(before: Inventory, after: Inventory): OperationVersion[] {
  return [...before.operations].filter(([k]) => !after.operations.has(k)).map(([, op]) => op);
}

export function checkFloor(before: Inventory, after: Inventory, allowShrink: boolean, explain: (op: OperationVersion) => VanishedVerdict | undefined = () => undefined): FloorResult {
  const lostServices = [...before.services].filter((s) => !after.services.has(s)).sort();
  const lostOperations = vanishedOperations(before, after).sort(byServiceVersion);
  const confirmedOperations = lostOperations.filter((op) => explain(op)?.confirmed === true);
  const margin = { services: Math.floor(before.services.size * FLOOR_MARGIN), operations: Math.floor(before.operations.size * FLOOR_MARGIN) };
  const over = lostServices.length > margin.services || lostOperations.length - confirmedOperations.length > margin.operations;
  const opLine = (op: OperationVersion): string => {
    const verdict = explain(op);
    const said = verdict ? `: ${verdict.confirmed ? 'removal confirmed' : 'removal not confirmed'}: ${verdict.why}` : '';
    return `${op.service} ${op.version} ${op.method.toUpperCase()} ${op.path}${op.name ? ` (${op.name})` : ''}${said}`;
  };
  const lines = [...lostServices.map((s) => `service ${s}`), ...lostOperations.map(opLine)];
  return { ok: !over || allowShrink, lostServices, lostOperations, confirmedOperations, margin, lines };
}

/** The refusal, naming counts, the margin and every vanished item. */
export function describeShrink(floor: FloorResult, before: Inventory): string {
  return [
    `the site has fewer services or operation-versions than the snapshot: ${floor.lostServices.length} of ${before.services.size} services and ${floor.lostOperations.length - floor.confirmedOperations.length} of ${before.operations.size} operation-versions vanished (allowed without --allow-shrink: ${floor.margin.services} and ${floor.margin.operations})${floor.confirmedOperations.length > 0 ? `, besides ${floor.confirmedOperations.length} whose removal the pages confirm` : ''}`,
    ...floor.lines.map((l) => `  vanished: ${l}`),
    'Nothing was committed. If the docs really dropped them, run again with --allow-shrink.',
  ].join('\n');
}
