/**
 * The update flow's removal check (its `removalCheck` option): every operation the change report
 * says was removed is classified by `classifyRemovals` against the staged snapshot. A removal the
 * pages do not confirm is an error (the update is refused); a confirmed one is reported (info), and the
 * change report already marks it breaking.
 */
import type { ChangeReport } from './diff/types.ts';
import type { Diagnostic } from './model.ts';
import { classifyRemovals, type RemovalVerdict, type RemovedOperation } from './removals.ts';
import { readSnapshot } from './stages/specs.ts';

/** The operations a change report lists as removed (a whole version's removal is not an operation's). */
export function removedOperations(reports: readonly ChangeReport[]): RemovedOperation[] {
  return reports.flatMap((r) =>
    r.service === undefined || r.version === undefined || r.version === 'latest'
      ? []
      : r.changes
          .filter((c) => c.kind === 'operation-removed' && c.method !== undefined && c.path !== undefined)
          .map((c) => ({ service: r.service as string, version: r.version as string, name: c.operation ?? '', method: c.method as string, path: c.path as string })),
  );
}

function toDiagnostic(v: RemovalVerdict): Diagnostic {
  const op = `${v.removed.name} ${v.removed.version}`;
  const source = { file: 'manifest.json', line: 1 };
  return v.confirmed
    ? { severity: 'info', code: 'confirmed-removal', message: v.reason, source, service: v.removed.service, operation: op }
    : { severity: 'error', code: 'unconfirmed-removal', message: `${v.reason}: not committed as a removal`, source, service: v.removed.service, operation: op };
}

/** Check the removals of `reports` against the snapshot staged under `stagedRoot`. */
export async function checkRemovals(input: { readonly reports: readonly ChangeReport[]; readonly stagedRoot: string }): Promise<Diagnostic[]> {
  const removed = removedOperations(input.reports);
  if (removed.length === 0) return [];
  const { model, sources } = await readSnapshot(input.stagedRoot);
  return classifyRemovals(removed, model, sources).map(toDiagnostic);
}
