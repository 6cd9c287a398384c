import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { viewSpec } from '../../scripts/docs/openapi-view.ts';
import { type PortalModel, buildPortalModel, pickDefault, versionStatus } from '../../scripts/docs/portal-model.ts';
import { compareVersions } from '../../src/version-order.ts';
import { type SpecFile, readSpecsDir } from '../../scripts/docs/spec-files.ts';
import { FIXTURE_SPECS, REAL_SPECS, loadManifest } from './helpers.ts';
import { inventoryExists, loadInventory, type Inventory } from '../helpers/inventory.ts';

describe('version ordering and status', () => {
  it('compares versions numerically', () => {
    expect(['1.9', '1.10', '1.0', '2.0', '1.1'].sort(compareVersions)).toEqual(['1.0', '1.1', '1.9', '1.10', '2.0']);
    expect(compareVersions('1.0', '1')).toBe(0);
  });

  it('takes the status most operations carry, ties going to the more current one', () => {
    expect(versionStatus([{ status: 'SUPPORTED' }, { status: 'DEPRECATED' }, { status: 'DEPRECATED' }])).toEqual({
      status: 'DEPRECATED',
      counts: { SUPPORTED: 1, DEPRECATED: 2 },
    });
    expect(versionStatus([{ status: 'PLANNED' }, { status: 'CURRENT' }]).status).toBe('CURRENT');
    expect(versionStatus([{}, {}]).status).toBeUndefined();
  });

  it('picks the newest CURRENT version as the default, never a PLANNED one when another exists', () => {
    expect(pickDefault([{ version: '1.10', status: 'PLANNED' }, { version: '1.9', status: 'CURRENT' }, { version: '1.2', status: 'CURRENT' }])).toBe('1.9');
    expect(pickDefault([{ version: '2.0', status: 'PLANNED' }, { version: '1.0', status: 'SUPPORTED' }])).toBe('1.0');
  });
});

describe('portal model from the fixture specs', () => {
  let specs: SpecFile[];
  let model: PortalModel;
  beforeAll(async () => {
    specs = await readSpecsDir(FIXTURE_SPECS);
    model = buildPortalModel(specs, loadManifest());
  });

  it('groups services under the manifest categories, in manifest order', () => {
    expect(model.categories.map((c) => [c.title, c.services.map((s) => s.id)])).toEqual([
      ['Data Analytics', ['data-flow']],
      ['AI-ML', ['aimlops-platform']],
    ]);
    // The manifest's cited title wins over info.title.
    expect(model.categories[1]?.services[0]?.title).toBe('AI&MLOps Platform');
  });

  it('lists numbered versions newest first with status, support date and operation count from the spec', () => {
    const df = model.categories[0]?.services[0];
    expect(df?.versions.map((v) => v.version)).toEqual(['1.1', '1.0']);
    for (const v of df?.versions ?? []) {
      const spec = specs.find((s) => s.service === 'data-flow' && s.version === v.version);
      const ops = viewSpec(spec?.doc).operations;
      expect(v.operationCount).toBe(ops.length);
      expect(v.operations.map((o) => o.operationId)).toEqual(ops.map((o) => o.operationId));
    }
    const [v11, v10] = df?.versions ?? [];
    expect([v11?.status, v11?.isDefault, v11?.supportedUntil]).toEqual(['CURRENT', true, undefined]);
    expect([v10?.status, v10?.isDefault, v10?.supportedUntil]).toEqual(['SUPPORTED', false, '2026-07-01']);
    expect(v10?.yamlHref).toBe('specs/data-flow/1.0.yaml');
    expect(v10?.jsonHref).toBe('specs/data-flow/1.0.json');
  });

  it('keeps latest.yaml apart: a page of its own, not a version row', () => {
    const df = model.categories[0]?.services[0];
    expect(df?.latest?.pageHref).toBe('data-flow/latest.html');
    expect(df?.versions.some((v) => v.version === 'latest')).toBe(false);
    expect(model.versionCount).toBe(specs.filter((s) => s.version !== 'latest').length);
  });

  it('links each operation to its anchor in the reference page and its route in the Redoc view', () => {
    const ops = model.categories[0]?.services[0]?.versions[0]?.operations ?? [];
    expect(ops.find((o) => o.operationId === 'ListDataFlows')?.href).toBe('data-flow/1.1.html#op-ListDataFlows');
    expect(ops.find((o) => o.operationId === 'ListDataFlows')?.redocHref).toBe('data-flow/1.1.redoc.html#/data-flow/listdataflows');
    expect(model.categories[0]?.services[0]?.changesHref).toBe('data-flow/changes.html');
    expect(model.categories[1]?.services[0]?.changesHref).toBeUndefined(); // one version: nothing to compare
    const aiml = model.categories[1]?.services[0]?.versions[0];
    expect(aiml?.status).toBe('DEPRECATED');
    expect(aiml?.supportedUntil).toBe('2026-03-19');
    expect(aiml?.operations.map((o) => o.href)).toContain('aimlops-platform/1.0.html#op-CheckAimlopsPlatformVersionV1');
  });

  it('puts services the manifest does not know under their x-scp-category, else "Other services"', () => {
    const doc = (category?: string) => ({ info: { title: 'X', 'x-scp-category': category }, paths: {} });
    const m = buildPortalModel(
      [
        { service: 'zeta', version: '1.0', doc: doc('compute') },
        { service: 'alpha', version: '1.0', doc: doc() },
      ],
      loadManifest(),
    );
    expect(m.categories.map((c) => [c.id, c.services.map((s) => s.id)])).toEqual([
      ['compute', ['zeta']],
      ['other', ['alpha']],
    ]);
  });
});


// The independent seed inventory (outside the repo) is the oracle for the real specs the build emits.
describe.skipIf(!existsSync(path.join(REAL_SPECS, 'data-flow', '1.1.yaml')) || !inventoryExists())('portal model from the real specs', () => {
  let model: PortalModel;
  let inventory: Inventory;
  beforeAll(async () => {
    model = buildPortalModel(await readSpecsDir(REAL_SPECS), loadManifest());
    inventory = loadInventory();
  });

  it('has every service and version of the snapshot, with its operation count and status', () => {
    const services = model.categories.flatMap((c) => c.services);
    for (const [id, svc] of Object.entries(inventory.services)) {
      const service = services.find((s) => s.id === id);
      expect(service, id).toBeDefined();
      for (const [version, ops] of Object.entries(svc.versions)) {
        const v = service?.versions.find((x) => x.version === version);
        expect(v?.operationCount, `${id} ${version}`).toBe(ops.length);
        const statuses = [...new Set(ops.map((o) => o.status))];
        expect(statuses).toHaveLength(1);
        expect(v?.status, `${id} ${version}`).toBe(statuses[0]);
        const dates = ops.map((o) => o.supportedUntil).filter((d) => /^\d{8}$/.test(d)).sort();
        const expected = dates[0] ? `${dates[0].slice(0, 4)}-${dates[0].slice(4, 6)}-${dates[0].slice(6)}` : undefined;
        expect(v?.supportedUntil, `${id} ${version}`).toBe(expected);
      }
    }
  });

  it('places each service in its manifest category', () => {
    const manifest = loadManifest();
    for (const c of model.categories) for (const s of c.services) expect(manifest.services?.[s.id]?.category).toBe(c.id);
  });
});
