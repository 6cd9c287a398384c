/**
 * `diff data-flow 1.0 1.1` on the real specs: built by the real pipeline from the real snapshot
 * (sources/) into a temp root, compared with what the independent seed inventory says differs.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../scripts/build.ts';
import { runDiffCommand } from '../../scripts/diff/command.ts';
import type { ChangeReportJson } from '../../scripts/diff/render.ts';
import { loadInventory, type Inventory } from '../helpers/inventory.ts';

const REPO = path.resolve(import.meta.dirname, '..', '..');


let root: string;
let inventory: Inventory;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'scp-real-diff-'));
  await cp(path.join(REPO, 'sources'), path.join(root, 'sources'), { recursive: true });
  const build = await runBuild({ root, stages: ['specs'] });
  expect(build.specsWritten).toContain('specs/data-flow/1.1.yaml');
  inventory = loadInventory();
}, 120_000);
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('diff data-flow 1.0 1.1 (real specs)', () => {
  it('reports the status change and exactly the V1Dot1 response differences, none breaking', async () => {
    const { output, exitCode } = await runDiffCommand(['data-flow', '1.0', '1.1', '--json'], root);
    expect(exitCode).toBe(0);
    const report = (JSON.parse(output) as ChangeReportJson).reports[0];
    if (!report) throw new Error('no report');
    const versions = inventory.services['data-flow']?.versions ?? {};
    const v10 = versions['1.0'] ?? [];
    const v11 = versions['1.1'] ?? [];

    // Lifecycle from the inventory: 1.0 SUPPORTED until 20260701, 1.1 CURRENT.
    const statusBefore = [...new Set(v10.map((o) => o.status))];
    const statusAfter = [...new Set(v11.map((o) => o.status))];
    expect(report.changes.find((c) => c.kind === 'version-status-changed')).toMatchObject({ before: statusBefore[0], after: statusAfter[0] });
    const until = report.changes.find((c) => c.kind === 'version-supported-until-changed');
    expect(String(until?.before).replace(/-/g, '')).toBe(v10[0]?.supportedUntil);
    expect(until?.after).toBeUndefined();

    // Response models that differ between the versions, per the inventory → one schema-ref-changed each.
    const expectedRefChanges = v11
      .flatMap((op) => {
        const old = v10.find((o) => o.operationName === op.operationName);
        return op.responses
          .filter((r) => old?.responses.find((x) => x.code === r.code)?.schema !== r.schema)
          .map((r) => `${op.method.toLowerCase()} ${op.path} response ${r.code} → ${r.schema}`);
      })
      .sort();
    expect(expectedRefChanges.length).toBe(4);
    const refChanges = report.changes
      .filter((c) => c.kind === 'schema-ref-changed' && c.target.startsWith('response '))
      .map((c) => `${c.method} ${c.path} ${c.target} → ${String(c.after)}`)
      .sort();
    expect(refChanges).toEqual(expectedRefChanges);

    // Each V1Dot1 model adds exactly `account_id` (required) to its twin; seen by the client as a new response property.
    const models = inventory.services['data-flow']?.models ?? [];
    const twins = models.filter((m) => m.name.endsWith('V1Dot1') && models.find((p) => p.name === m.name.replace(/V1Dot1$/, ''))?.fieldCount === m.fieldCount - 1);
    const added = report.changes.filter((c) => c.kind === 'property-added');
    expect(added.map((c) => c.target).sort()).toEqual(twins.map((m) => `${m.name}.account_id`).sort());
    expect(added.every((c) => c.side === 'response' && c.detail.includes('required'))).toBe(true);

    // Nothing else: same operations, same parameters, nothing breaking.
    const kinds = new Set(report.changes.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['property-added', 'schema-ref-changed', 'version-status-changed', 'version-supported-until-changed']);
    expect(report.breaking).toBe(0);
  });

  it('prints Markdown for the same comparison', async () => {
    const { output } = await runDiffCommand(['data-flow', '1.0', '1.1'], root);
    expect(output).toContain('### data-flow 1.0 → 1.1');
    expect(output).toContain('status SUPPORTED → CURRENT');
    expect(output).not.toContain('BREAKING');
  });
});
