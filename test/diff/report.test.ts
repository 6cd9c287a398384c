import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runDiffCommand } from '../../scripts/diff/command.ts';
import { diffSpecs } from '../../scripts/diff/diff-specs.ts';
import { changeReportJson, renderChangeJson, renderChangeMarkdown } from '../../scripts/diff/render.ts';
import { diffSpecDirectories } from '../../scripts/diff/spec-tree.ts';
import type { ChangeReport } from '../../scripts/diff/types.ts';

function spec(version: string, status: string, extraParam = false): Record<string, unknown> {
  const parameters = [{ in: 'path', name: 'cluster_id', required: true, schema: { type: 'string' } }];
  if (extraParam) parameters.push({ in: 'query', name: 'verbose', required: true, schema: { type: 'string' } });
  return {
    openapi: '3.1.0',
    info: { title: 'Event Streams', version },
    paths: {
      '/v1/clusters/{cluster_id}': {
        get: { operationId: 'showCluster', 'x-scp-api-version': `eventstreams ${version}`, 'x-scp-status': status, parameters, responses: { '200': { description: 'OK' } } },
      },
    },
  };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'scp-diff-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeSpecs(tree: string, files: Record<string, Record<string, unknown>>): Promise<string> {
  const root = path.join(dir, tree);
  for (const [rel, doc] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), stringify(doc));
  }
  return root;
}

describe('renderChangeMarkdown / renderChangeJson', () => {
  const report = diffSpecs(spec('1.0', 'CURRENT'), spec('1.0', 'DEPRECATED', true), { service: 'eventstreams', version: '1.0' });

  it('writes a dated section, breaking entries first and marked', () => {
    const md = renderChangeMarkdown([report], { date: '2026-11-23' });
    const lines = md.split('\n');
    expect(lines[0]).toBe('## 2026-11-23');
    expect(md).toContain('### eventstreams 1.0');
    const entries = lines.filter((l) => l.startsWith('- '));
    expect(entries).toEqual([
      '- **BREAKING** `GET /v1/clusters/{cluster_id}` (showCluster) `query verbose`: parameter added (required)',
      '- `x-scp-status`: status CURRENT → DEPRECATED',
    ]);
    expect(md).toContain('2 changes in 1 spec, 1 breaking.');
  });

  it('says "No changes." when no report has an entry', () => {
    const none: ChangeReport = { service: 'eventstreams', version: '1.0', status: 'unchanged', changes: [], breaking: 0 };
    expect(renderChangeMarkdown([none], { date: '2026-11-23' })).toBe('## 2026-11-23\n\nNo changes.\n');
    expect(renderChangeMarkdown([])).toBe('No changes.\n');
  });

  it('JSON round-trips with totals computed from the reports', () => {
    const parsed = JSON.parse(renderChangeJson([report], { date: '2026-11-23' })) as ReturnType<typeof changeReportJson>;
    expect(parsed.date).toBe('2026-11-23');
    expect(parsed.changed).toBe(true);
    expect(parsed.totals).toEqual({ changes: report.changes.length, breaking: report.breaking });
    expect(parsed.reports[0]?.changes.map((c) => c.kind)).toEqual(report.changes.map((c) => c.kind));
  });
});

describe('diffSpecDirectories', () => {
  it('pairs versions across two specs/ trees, reporting added, removed and unchanged versions and skipping latest.yaml', async () => {
    const before = await writeSpecs('before', {
      'eventstreams/1.0.yaml': spec('1.0', 'CURRENT'),
      'eventstreams/latest.yaml': spec('1.0', 'CURRENT'),
      'vertica/1.0.yaml': spec('1.0', 'CURRENT'),
      'gone/1.0.yaml': spec('1.0', 'CURRENT'),
    });
    const after = await writeSpecs('after', {
      'eventstreams/1.0.yaml': spec('1.0', 'SUPPORTED'),
      'eventstreams/1.1.yaml': spec('1.1', 'CURRENT'),
      'eventstreams/latest.yaml': spec('1.1', 'CURRENT'),
      'vertica/1.0.yaml': spec('1.0', 'CURRENT'),
    });
    const reports = await diffSpecDirectories(before, after);
    expect(reports.map((r) => [r.service, r.version, r.status, r.breaking])).toEqual([
      ['eventstreams', '1.1', 'added', 0],
      ['eventstreams', '1.0', 'changed', 0],
      ['gone', '1.0', 'removed', 1],
      ['vertica', '1.0', 'unchanged', 0],
    ]);
    expect(reports[1]?.changes.map((c) => [c.kind, c.before, c.after])).toEqual([['version-status-changed', 'CURRENT', 'SUPPORTED']]);
  });

  it('a missing old tree (first build) makes every version "added"', async () => {
    const after = await writeSpecs('first', { 'vertica/1.0.yaml': spec('1.0', 'CURRENT') });
    const reports = await diffSpecDirectories(path.join(dir, 'does-not-exist'), after);
    expect(reports.map((r) => r.status)).toEqual(['added']);
  });
});

describe('runDiffCommand', () => {
  it('compares two spec files and labels the report from the specs', async () => {
    const root = await writeSpecs('cmd', {
      'specs/eventstreams/1.0.yaml': spec('1.0', 'SUPPORTED'),
      'specs/eventstreams/1.1.yaml': spec('1.1', 'CURRENT', true),
    });
    const files = await runDiffCommand([path.join(root, 'specs/eventstreams/1.0.yaml'), path.join(root, 'specs/eventstreams/1.1.yaml')], root);
    expect(files.exitCode).toBe(0);
    expect(files.output).toContain('### eventstreams 1.0 → 1.1');
    expect(files.output).toContain('**BREAKING**');

    const byVersion = await runDiffCommand(['eventstreams', '1.0', '1.1', '--json'], root);
    const json = JSON.parse(byVersion.output) as ReturnType<typeof changeReportJson>;
    expect(json.reports[0]?.version).toBe('1.0 → 1.1');
    expect(json.reports[0]?.changes.map((c) => c.kind)).toEqual(['version-status-changed', 'parameter-added']);

    const strict = await runDiffCommand(['eventstreams', '1.0', '1.1', '--fail-on-breaking'], root);
    expect(strict.exitCode).toBe(1);
    const same = await runDiffCommand(['eventstreams', '1.0', '1.0', '--fail-on-breaking'], root);
    expect(same).toEqual({ output: 'No changes.\n', exitCode: 0 });
  });

  it('usage and missing files exit 2', async () => {
    expect((await runDiffCommand([], dir)).exitCode).toBe(2);
    const missing = await runDiffCommand(['eventstreams', '1.0', '9.9'], dir);
    expect(missing.exitCode).toBe(2);
    expect(missing.output).toContain('no spec for eventstreams 1.0');
    expect((await runDiffCommand(['a.yaml', 'b.yaml'], dir)).exitCode).toBe(2);
  });

  it('reads the file it is given: a changed spec on disk changes the output', async () => {
    const root = await writeSpecs('cmd2', { 'specs/x/1.0.yaml': spec('1.0', 'CURRENT'), 'specs/x/1.1.yaml': spec('1.0', 'CURRENT') });
    expect((await runDiffCommand(['x', '1.0', '1.1'], root)).output).toBe('No changes.\n');
    await writeFile(path.join(root, 'specs/x/1.1.yaml'), (await readFile(path.join(root, 'specs/x/1.1.yaml'), 'utf8')).replace('CURRENT', 'DEPRECATED'));
    expect((await runDiffCommand(['x', '1.0', '1.1'], root)).output).toContain('status CURRENT → DEPRECATED');
  });
});
