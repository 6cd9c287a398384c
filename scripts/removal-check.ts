/**
 * The update flow's removal check (its `removalCheck` option, on by default): every operation the
 * change report says was removed, alone or with its whole version's spec, is classified by
 * `classifyRemovals` against the staged snapshot. A removal the pages do not confirm is an error (the
 * update is refused); a confirmed one is reported (info), and the change report already marks it
 * breaking.
 */
import path from 'node:path';
import { readSpecFile } from './diff/spec-tree.ts';
import type { ChangeReport } from './diff/types.ts';
import type { Diagnostic } from './model.ts';
import { operationEntries } from './openapi-operations.ts';
import { classifyRemovals, type RemovalVerdict, type RemovedOperation } from './removals.ts';
import { readSnapshot } from './stages/specs.ts';

/** The operations a change report lists as removed one by one (a whole version's removal lists none). */
export function removedOperations(reports: readonly ChangeReport[]): RemovedOperation[] {
  return reports.flatMap((r) =>
    r.service === undefined || r.version === undefined || r.version === 'latest'
      ? []
      : r.changes
          .filter((c) => c.kind === 'operation-removed' && c.method !== undefined && c.path !== undefined)
          .map((c) => ({ service: r.service as string, version: r.version as string, name: c.operation ?? '', method: c.method as string, path: c.path as string })),
  );
}

/** The operations of the versions a change report removes whole, read from the live spec `root/specs/<service>/<version>.yaml`. */
async function operationsOfRemovedVersions(reports: readonly ChangeReport[], root: string): Promise<RemovedOperation[]> {
  const gone = reports.filter((r) => r.service !== undefined && r.version !== undefined && r.version !== 'latest' && r.changes.some((c) => c.kind === 'version-removed'));
  const lists = await Promise.all(
    gone.map(async (r) => {
      const service = r.service as string;
      const version = r.version as string;
      const doc = await readSpecFile(path.join(root, 'specs', service, `${version}.yaml`));
      return operationEntries(doc).map(({ path: p, method, op }) => ({ service, version, name: typeof op.operationId === 'string' ? op.operationId : '', method, path: p }));
    }),
  );
  return lists.flat();
}

function toDiagnostic(v: RemovalVerdict): Diagnostic {
  const op = `${v.removed.name} ${v.removed.version}`;
  const source = v.source ?? { file: 'manifest.json', line: 1 };
  return v.confirmed
    ? { severity: 'info', code: 'confirmed-removal', message: v.reason, source, service: v.removed.service, operation: op }
    : { severity: 'error', code: 'unconfirmed-removal', message: `${v.reason}: not committed as a removal`, source, service: v.removed.service, operation: op };
}

/**
 * Check the removals of `reports` against the snapshot staged under `stagedRoot`. With `root` (the
 * live project root, whose specs the reports compare against), the operations of a version removed
 * whole are checked too.
 */
export async function checkRemovals(input: { readonly reports: readonly ChangeReport[]; readonly stagedRoot: string; readonly root?: string }): Promise<Diagnostic[]> {
  const removed = [...removedOperations(input.reports), ...(input.root !== undefined ? await operationsOfRemovedVersions(input.reports, input.root) : [])];
  if (removed.length === 0) return [];
  const { model, sources } = await readSnapshot(input.stagedRoot);
  return classifyRemovals(removed, model, sources).map(toDiagnostic);
}
