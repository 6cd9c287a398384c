/**
 * Is an operation that vanished from the docs really removed? Only when the pages themselves say so:
 * the service's API Version History has a `[Removed]`/`[삭제]` line for it, and no table of contents
 * of a page carrying the service still lists it (a listed operation without its section is a damaged
 * page, not a removal). The update flow commits a confirmed removal (reported as breaking) and refuses
 * an unconfirmed one. Pure.
 */
import type { DocModel, SourceDoc, SourceRef, VersionHistoryEntry } from './model.ts';

export interface RemovedOperation {
  readonly service: string;
  readonly name: string;
  readonly version: string;
  readonly method: string;
  readonly path: string;
}

export interface RemovalVerdict {
  readonly removed: RemovedOperation;
  readonly confirmed: boolean;
  /** Why, in words that name the evidence (file:line) or what is missing: the operation's label, then `why`. */
  readonly reason: string;
  /** The same without the operation's label. */
  readonly why: string;
  /** The page that decided it: the TOC entry or history line, else the first page carrying the service. */
  readonly source?: SourceRef;
}

const letters = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const at = (s: SourceRef): string => `${s.file}:${s.line}`;

/** A history line about this operation: by method and path, or by operation name. */
function mentions(entry: VersionHistoryEntry, op: RemovedOperation): boolean {
  const samePath = entry.method !== undefined && entry.path !== undefined && entry.method === op.method.toLowerCase() && entry.path === op.path;
  const sameName = entry.operation !== undefined && letters(entry.operation) === letters(op.name);
  return samePath || sameName;
}

/** The sources that carry a service: a service section or an operation with its id. */
function carriers(sources: readonly SourceDoc[], service: string): SourceDoc[] {
  return sources.filter((doc) => doc.services.some((s) => s.id === service || s.operations.some((o) => o.serviceId === service)));
}

function verdict(op: RemovedOperation, model: DocModel, sources: readonly SourceDoc[]): RemovalVerdict {
  const label = `${op.service} ${op.name} ${op.version} (${op.method.toUpperCase()} ${op.path})`;
  const pages = carriers(sources, op.service);
  const found = (confirmed: boolean, why: string, source: SourceRef | undefined): RemovalVerdict => ({ removed: op, confirmed, reason: `${label}: ${why}`, why, ...(source ? { source } : {}) });
  const listed = pages.flatMap((doc) => doc.toc ?? []).find((e) => letters(e.title) === letters(op.name));
  if (listed) return found(false, `the table of contents at ${at(listed.source)} still lists it, but the page has no such operation: the page is damaged`, listed.source);
  const history = model.services.find((s) => s.id === op.service)?.versionHistory;
  const first = pages[0] ? { file: pages[0].file, line: 1 } : undefined;
  if (!history || history.length === 0) {
    const where = pages.length > 0 ? `the pages carrying it (${pages.map((d) => d.file).join(', ')})` : 'no page carries it any more';
    return found(false, `${where}: ${op.service} has no API Version History to confirm the removal`, first);
  }
  const entry = history.find((e) => e.change === 'removed' && mentions(e, op));
  if (!entry) return found(false, `the API Version History of ${op.service} at ${at((history[0] as VersionHistoryEntry).source)} has no [Removed] line for it`, (history[0] as VersionHistoryEntry).source);
  return found(true, `removed according to ${at(entry.source)} (${entry.version !== undefined ? `${entry.version}: ` : ''}${entry.text}), and no table of contents lists it`, entry.source);
}

/**
 * Classify each operation that the new snapshot no longer has. `model` and `sources` are the new
 * snapshot's merged model and per-file reader results.
 */
export function classifyRemovals(removed: readonly RemovedOperation[], model: DocModel, sources: readonly SourceDoc[]): RemovalVerdict[] {
  return removed.map((op) => verdict(op, model, sources));
}
