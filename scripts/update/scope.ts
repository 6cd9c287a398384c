/**
 * Which services an update covers (`--services a,b`, `--category c`). A service is named by its
 * `Scp-Api-Version` id or by its URL segment (`/apireference/<cat>/<segment>/`), whichever the
 * maintainer knows; services outside the scope are left exactly as they are. Pure.
 */
import type { SourceDoc } from '../model.ts';

export interface Scope {
  readonly services?: ReadonlySet<string>;
  readonly category?: string;
}

/** What is known about one service: its id, URL segment and category (any may be unknown). */
export interface ServiceNames {
  readonly id?: string;
  readonly segment?: string;
  readonly category?: string;
}

export function isWholeSite(scope: Scope): boolean {
  return scope.services === undefined && scope.category === undefined;
}

export function inScope(scope: Scope, s: ServiceNames): boolean {
  if (scope.category !== undefined && s.category !== scope.category) return false;
  if (scope.services === undefined) return true;
  return (s.id !== undefined && scope.services.has(s.id)) || (s.segment !== undefined && scope.services.has(s.segment));
}

/** `--services a, b,,c` → {a, b, c}; undefined when not given. */
export function parseServiceList(value: string | undefined): ReadonlySet<string> | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  return names.length > 0 ? new Set(names) : undefined;
}

/** The service ids a source holds: each operation's `Scp-Api-Version` id, else its service's id. */
export function serviceIdsOf(doc: SourceDoc): Set<string> {
  const ids = new Set<string>();
  for (const svc of doc.services) {
    for (const op of svc.operations) {
      const id = op.serviceId ?? svc.id;
      if (id !== undefined) ids.add(id);
    }
    if (svc.operations.length === 0 && svc.id !== undefined) ids.add(svc.id);
  }
  return ids;
}

/** The id of the one service a per-service source holds (its most common operation id, else the service's). */
export function mainServiceId(doc: SourceDoc): string | undefined {
  const counts = new Map<string, number>();
  for (const svc of doc.services) for (const op of svc.operations) {
    const id = op.serviceId ?? svc.id;
    if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  return best ?? doc.services[0]?.id;
}
