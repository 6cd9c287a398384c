/**
 * The build on the real snapshot and on damaged copies of it. A clean snapshot passes --strict (its
 * one known warning is acknowledged in the manifest, and still printed). Damage is a diagnostic naming
 * file, line and operation; an error fails the build without --strict, a warning with it; and a
 * failing build leaves specs/ and generated/ exactly as they were.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild, type BuildResult } from '../scripts/build.ts';
import { sha256 } from '../scripts/hash.ts';
import { treeHashes } from './update/site-server.ts';

const repo = path.resolve(import.meta.dirname, '..');
const temps: string[] = [];
let template: string;

type Edit = (file: string, text: string) => string | undefined;

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'scp-build-'));
  temps.push(dir);
  return dir;
}

/** A copy of the built template project; `edit` changes source files and records their new sha256 (a deliberate edit). */
async function project(edit?: Edit): Promise<string> {
  const root = await tempDir();
  await cp(template, root, { recursive: true });
  if (!edit) return root;
  const manifestPath = path.join(root, 'sources', 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { files: { file: string; sha256: string }[] };
  for (const entry of manifest.files) {
    const file = path.join(root, 'sources', entry.file);
    const next = edit(entry.file, await readFile(file, 'utf8'));
    if (next === undefined) continue;
    await writeFile(file, next);
    entry.sha256 = sha256(next);
  }
  await writeFile(manifestPath, JSON.stringify(manifest, null, 2));
  return root;
}

async function outputs(root: string): Promise<Record<string, Record<string, string>>> {
  return { specs: await treeHashes(path.join(root, 'specs')), generated: await treeHashes(path.join(root, 'generated')) };
}

const notInfo = (r: BuildResult) => r.diagnostics.filter((d) => d.severity !== 'info');
const where = (r: BuildResult) => r.failures.map((d) => `${d.severity} ${d.code} ${d.source.file}`);

beforeAll(async () => {
  template = await tempDir();
  await cp(path.join(repo, 'sources'), path.join(template, 'sources'), { recursive: true });
  const built = await runBuild({ root: template, stages: ['specs', 'types'], strict: true });
  expect(built.failures).toEqual([]);
}, 120_000);

afterAll(async () => {
  await Promise.all(temps.map((t) => rm(t, { recursive: true, force: true })));
});

describe('build on the real snapshot', () => {
  it('passes --strict: 17 specs, the one known warning acknowledged with its reason', async () => {
    const root = await tempDir();
    await cp(path.join(repo, 'sources'), path.join(root, 'sources'), { recursive: true });
    const r = await runBuild({ root, stages: ['specs'], strict: true });
    expect(r.ok).toBe(true);
    expect(r.specsWritten).toHaveLength(17);
    expect(r.failures).toEqual([]);
    expect(notInfo(r).map((d) => `${d.code} ${d.source.file}:${d.source.line} ${d.operation}`)).toEqual(['unresolved-placeholder 000_0a127fa9373169b5.txt:928 ListDataOps 1.0']);
    expect(notInfo(r)[0]?.acknowledged).toContain('{aianalytics.GetDataOpsListConsole.notes}');
  });

  it('skips the specs stage when nothing changed, and re-runs it when a source changes', async () => {
    const root = await project();
    const again = await runBuild({ root, stages: ['specs'] });
    expect(again.stagesRun).toEqual([]);
    expect(again.stagesSkipped).toEqual(['specs']);
    const edited = await project((f, t) => (f.startsWith('002') ? `${t}\n` : undefined));
    const third = await runBuild({ root: edited, stages: ['specs'] });
    expect(third.stagesRun).toEqual(['specs']);
    expect(third.ok).toBe(true);
  });

  it('re-runs the specs stage when an emitted spec was edited by hand', async () => {
    const root = await project();
    const spec = path.join(root, 'specs', 'vertica', '1.0.yaml');
    const original = await readFile(spec, 'utf8');
    await writeFile(spec, original.replace('title: Vertica', 'title: Hand-edited'));
    const r = await runBuild({ root, stages: ['specs'] });
    expect(r.specsWritten).toEqual(['specs/vertica/1.0.yaml']);
    expect(await readFile(spec, 'utf8')).toBe(original);
  });
});

describe('a manifest that does not match sources/ fails the build and touches nothing', () => {
  it('a file listed in the manifest is missing: an error naming it, and specs/aimlops-platform/ stays', async () => {
    const root = await project();
    const before = await outputs(root);
    await rm(path.join(root, 'sources', '004_93f42c537ca2b419.txt'));
    const r = await runBuild({ root, stages: ['specs', 'types'] });
    expect(r.ok).toBe(false);
    expect(where(r)).toEqual(['error missing-file 004_93f42c537ca2b419.txt']);
    expect(r.stagesBlocked).toEqual(['types']);
    expect(r.specsRemoved).toEqual([]);
    expect(await outputs(root)).toEqual(before);
    expect(Object.keys(before.specs ?? {})).toContain('aimlops-platform/1.0.yaml');
  });

  it('a file whose bytes do not match its recorded sha256: an error, without --strict', async () => {
    const root = await project();
    const before = await outputs(root);
    const file = path.join(root, 'sources', '002_934d1ebcd2abc109.txt');
    await writeFile(file, `${await readFile(file, 'utf8')}\n`);
    const r = await runBuild({ root, stages: ['specs', 'types'] });
    expect(r.ok).toBe(false);
    expect(where(r)).toEqual(['error sha256-mismatch 002_934d1ebcd2abc109.txt']);
    expect(await outputs(root)).toEqual(before);
    // Nothing was recorded as built: the next build tries again rather than skipping.
    expect((await runBuild({ root, stages: ['specs'] })).stagesRun).toEqual(['specs']);
  });
});

describe('build on damaged sources', () => {
  const cases: { name: string; edit: Edit; file: string; codes: RegExp; operation?: RegExp; severity: 'error' | 'warning' }[] = [
    {
      name: 'a file cut off mid-table',
      file: '004_93f42c537ca2b419.txt',
      edit: (f, t) => (f.startsWith('004') ? t.slice(0, t.indexOf('| query | with_k8s')) : undefined),
      codes: /truncated|toc-mismatch/,
      operation: /AI&MLOps|1\.0/,
      severity: 'error',
    },
    {
      name: 'a print page cut cleanly at 97 %',
      file: '003_c1a374b69b53f437.txt',
      edit: (f, t) => (f.startsWith('003') ? t.slice(0, Math.floor(t.length * 0.97)) : undefined),
      codes: /^truncated-block$/,
      operation: /^UpdateDataFlowService 1\.0$/,
      severity: 'error',
    },
    {
      name: 'the end of a whole-section page cut off (models lost)',
      file: '001_a654bf60b90d6dd0.txt',
      edit: (f, t) => (f.startsWith('001') ? t.slice(0, t.indexOf('\n6.2.5 - ')) : undefined),
      codes: /^model-not-defined$/,
      operation: / 1\.0$|Response$/,
      severity: 'error',
    },
    {
      name: 'a service section that lost its whole Models section',
      file: '001_a654bf60b90d6dd0.txt',
      edit: (f, t) => (f.startsWith('001') ? t.slice(0, t.indexOf('\n1.2 - Models')) + t.slice(t.indexOf('\n2 - Data Ops')) : undefined),
      codes: /^missing-models$/,
      severity: 'error',
    },
    {
      name: 'an operation that lost its Parameters table',
      file: '003_c1a374b69b53f437.txt',
      edit: (f, t) => {
        if (!f.startsWith('003')) return undefined;
        const block = t.indexOf('get /v1/data-flows/{data_flow_id}\n');
        return t.slice(0, t.indexOf('Parameters\n', block)) + t.slice(t.indexOf('Responses\n', block));
      },
      codes: /^missing-parameters$/,
      operation: /^ShowDataFlow 1\.[01]$/,
      severity: 'error',
    },
    {
      name: 'a mangled schema expression',
      file: '001_a654bf60b90d6dd0.txt',
      edit: (f, t) => (f.startsWith('001') ? t.replace('any of [integer, null]20', 'any of [integer, null20') : undefined),
      codes: /bad-schema/,
      operation: /\d\.\d$/,
      severity: 'error',
    },
    {
      name: 'an unknown schema token',
      file: '004_93f42c537ca2b419.txt',
      edit: (f, t) => (f.startsWith('004') ? t.replace('| query | status optional | Service State Example : DEPLOYED | string |', '| query | status optional | Service State Example : DEPLOYED | strnig |') : undefined),
      codes: /bad-schema/,
      operation: /List AI&MLOps Platform 1\.0/,
      severity: 'error',
    },
    {
      name: 'a duplicated operation',
      file: '004_93f42c537ca2b419.txt',
      edit: (f, t) => {
        if (!f.startsWith('004')) return undefined;
        // The whole block of operation 2 appears twice in a row.
        const start = t.indexOf('\n2 - ');
        const end = t.indexOf('\n3 - ');
        return t.slice(0, end) + t.slice(start, end) + t.slice(end);
      },
      codes: /duplicate|heading-sequence|toc-mismatch/,
      severity: 'warning',
    },
    {
      name: 'an empty file',
      file: '003_c1a374b69b53f437.txt',
      edit: (f) => (f.startsWith('003') ? '' : undefined),
      codes: /empty/,
      severity: 'error',
    },
  ];

  for (const c of cases) {
    it(`${c.name}: ${c.severity === 'error' ? 'an error' : 'a warning'} names ${c.file}, a line and what is missing; the failing build touches nothing`, async () => {
      const root = await project(c.edit);
      const before = await outputs(root);
      const strict = await runBuild({ root, stages: ['specs', 'types'], strict: true });
      expect(await outputs(root)).toEqual(before);
      const lenient = await runBuild({ root, stages: ['specs'] });
      expect(lenient.ok).toBe(c.severity === 'warning');
      expect(strict.ok).toBe(false);
      const found = strict.failures.filter((d) => d.source.file === c.file && c.codes.test(d.code));
      expect(found.length, JSON.stringify(strict.failures.slice(0, 5))).toBeGreaterThan(0);
      for (const d of found) {
        expect(d.severity).toBe(c.severity);
        expect(d.source.line).toBeGreaterThan(0);
        expect(d.message.length).toBeGreaterThan(10);
      }
      if (c.operation) expect(found.some((d) => c.operation?.test(d.operation ?? '')), JSON.stringify(found)).toBe(true);
      expect(strict.stagesBlocked).toEqual(['types']);
    });
  }
});

describe('the build command', () => {
  const cli = path.join(repo, 'scripts', 'cli.ts');
  const tsx = path.join(repo, 'node_modules', '.bin', 'tsx');
  const run = (args: string[]): Promise<{ code: number; out: string; err: string }> =>
    promisify(execFile)(tsx, [cli, 'build', '--no-lint', ...args]).then(
      (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
    );

  it('exits non-zero on an error without --strict, and says which diagnostic failed it', async () => {
    const root = await project((f, t) => (f.startsWith('001') ? t.replace('any of [integer, null]20', 'any of [integer, null20') : undefined));
    const r = await run(['--root', root]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/build failed: 1 diagnostic \(errors\) failed it; specs\/ and generated\/ were left as they were/);
    expect(r.err).toMatch(/error 001_a654bf60b90d6dd0\.txt:\d+ \[ListDataFlowService 1\.1\] bad-schema/);
  }, 120_000);

  it('a warning fails only --strict, and the failure names it', async () => {
    const root = await project();
    await writeFile(path.join(root, 'sources', 'manifest.json'), (await readFile(path.join(root, 'sources', 'manifest.json'), 'utf8')).replace('"code": "unresolved-placeholder"', '"code": "no-such-code"'));
    const strict = await run(['--strict', '--root', root]);
    expect(strict.code).toBe(1);
    expect(strict.err).toMatch(/1 diagnostic \(errors and warnings, --strict\) failed it/);
    expect(strict.err).toMatch(/warning 000_0a127fa9373169b5\.txt:928 \[ListDataOps 1\.0\] unresolved-placeholder/);
    const lenient = await run(['--root', root]);
    expect(lenient.code).toBe(0);
    expect(lenient.out).toMatch(/warning 000_0a127fa9373169b5\.txt:928/);
  }, 120_000);
});
