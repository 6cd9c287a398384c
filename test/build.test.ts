/**
 * The build on bad input (each case a damaged copy of the real snapshot): a clear diagnostic
 * naming file, line and operation, no crash, no silently smaller spec, and a non-zero exit in
 * strict mode. Also: stages are skipped when nothing changed.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runBuild, type BuildResult } from '../scripts/build.ts';
import { sha256 } from '../scripts/read-source.ts';

const repo = path.resolve(import.meta.dirname, '..');
const temps: string[] = [];

async function project(edit?: (file: string, text: string) => string | undefined): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'scp-build-'));
  temps.push(root);
  await cp(path.join(repo, 'sources'), path.join(root, 'sources'), { recursive: true });
  if (edit) {
    const manifestPath = path.join(root, 'sources', 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { files: { file: string; sha256: string }[] };
    for (const entry of manifest.files) {
      const file = path.join(root, 'sources', entry.file);
      const next = edit(entry.file, await readFile(file, 'utf8'));
      if (next === undefined) continue;
      await writeFile(file, next);
      entry.sha256 = sha256(next); // a deliberate edit, recorded: only the content is bad
    }
    await writeFile(manifestPath, JSON.stringify(manifest, null, 2));
  }
  return root;
}

const opsIn = async (root: string, spec: string): Promise<number> => {
  const doc = parse(await readFile(path.join(root, 'specs', spec), 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  return Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).filter((k) => ['get', 'post', 'put', 'delete'].includes(k)).length, 0);
};

const warnings = (r: BuildResult) => r.diagnostics.filter((d) => d.severity !== 'info');

afterAll(async () => {
  await Promise.all(temps.map((t) => rm(t, { recursive: true, force: true })));
});

describe('build on the real snapshot', () => {
  let root: string;
  let first: BuildResult;
  beforeAll(async () => {
    root = await project();
    first = await runBuild({ root, stages: ['specs'], strict: true });
  });

  it('emits 17 specs with only the known placeholder warning', () => {
    expect(first.specsWritten).toHaveLength(17);
    expect(warnings(first).map((d) => `${d.code} ${d.source.file}:${d.source.line} ${d.operation}`)).toEqual([
      'unresolved-placeholder 000_0a127fa9373169b5.txt:928 ListDataOps 1.0',
    ]);
  });

  it('skips the specs stage when nothing changed, and re-runs it when a source changes', async () => {
    const again = await runBuild({ root, stages: ['specs'] });
    expect(again.stagesRun).toEqual([]);
    expect(again.stagesSkipped).toEqual(['specs']);
    const file = path.join(root, 'sources', '002_934d1ebcd2abc109.txt');
    await writeFile(file, `${await readFile(file, 'utf8')}\n`);
    const third = await runBuild({ root, stages: ['specs'] });
    expect(third.stagesRun).toEqual(['specs']);
    expect(third.diagnostics.map((d) => d.code)).toContain('sha256-mismatch');
  });

  it('re-runs the specs stage when an emitted spec was edited by hand', async () => {
    const spec = path.join(root, 'specs', 'vertica', '1.0.yaml');
    const original = await readFile(spec, 'utf8');
    await writeFile(spec, original.replace('title: Vertica', 'title: Hand-edited'));
    const r = await runBuild({ root, stages: ['specs'] });
    expect(r.specsWritten).toEqual(['specs/vertica/1.0.yaml']);
    expect(await readFile(spec, 'utf8')).toBe(original);
  });
});

describe('build on bad input', () => {
  const cases: {
    name: string;
    edit: (file: string, text: string) => string | undefined;
    file: string;
    codes: RegExp;
    operation?: RegExp;
  }[] = [
    {
      name: 'a file cut off mid-table',
      file: '004_93f42c537ca2b419.txt',
      edit: (f, t) => (f.startsWith('004') ? t.slice(0, t.indexOf('| query | with_k8s')) : undefined),
      codes: /truncated|missing-section|toc-mismatch/,
      operation: /AI&MLOps|1\.0/,
    },
    {
      name: 'a mangled schema expression',
      file: '001_a654bf60b90d6dd0.txt',
      edit: (f, t) => (f.startsWith('001') ? t.replace('any of [integer, null]20', 'any of [integer, null20') : undefined),
      codes: /bad-schema|truncated/,
      operation: /\d\.\d$/,
    },
    {
      name: 'an unknown schema token',
      file: '004_93f42c537ca2b419.txt',
      edit: (f, t) => (f.startsWith('004') ? t.replace('| query | status optional | Service State Example : DEPLOYED | string |', '| query | status optional | Service State Example : DEPLOYED | strnig |') : undefined),
      codes: /bad-schema|unknown-model|undefined-model/,
      operation: /List AI&MLOps Platform 1\.0/,
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
    },
    {
      name: 'an empty file',
      file: '003_c1a374b69b53f437.txt',
      edit: (f) => (f.startsWith('003') ? '' : undefined),
      codes: /empty/,
    },
  ];

  for (const c of cases) {
    it(`${c.name}: a diagnostic names ${c.file} and a line; strict build fails; nothing silently lost`, async () => {
      const root = await project(c.edit);
      const r = await runBuild({ root, stages: ['specs'], strict: true });
      expect(r.ok).toBe(false);
      const found = warnings(r).filter((d) => d.source.file === c.file && c.codes.test(d.code));
      expect(found.length, JSON.stringify(warnings(r).slice(0, 5))).toBeGreaterThan(0);
      for (const d of found) {
        expect(d.source.line).toBeGreaterThan(0);
        expect(d.message.length).toBeGreaterThan(10);
      }
      if (c.operation) expect(found.some((d) => c.operation?.test(d.operation ?? ''))).toBe(true);
      // Every spec the clean snapshot has is still emitted: damage is reported, never silently dropped.
      expect(r.specsWritten.length + r.specsUnchanged.length).toBe(17);
    });
  }

  it('the spec that depends on a truncated file shrinks only with a diagnostic', async () => {
    const root = await project(cases[0]?.edit);
    const r = await runBuild({ root, stages: ['specs'] });
    expect(await opsIn(root, 'aimlops-platform/1.0.yaml')).toBeLessThan(12);
    expect(warnings(r).some((d) => d.source.file === '004_93f42c537ca2b419.txt')).toBe(true);
  });

  it('`scp-openapi build --strict` exits non-zero and prints file:line; without --strict it exits 0', async () => {
    const root = await project(cases[1]?.edit);
    const cli = path.join(repo, 'scripts', 'cli.ts');
    const tsx = path.join(repo, 'node_modules', '.bin', 'tsx');
    const run = promisify(execFile);
    const strict = await run(tsx, [cli, 'build', '--strict', '--no-lint', '--root', root]).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    );
    expect(strict.code).not.toBe(0);
    expect(strict.out).toMatch(/001_a654bf60b90d6dd0\.txt:\d+/);
    const lenient = await run(tsx, [cli, 'build', '--no-lint', '--root', root]);
    expect(lenient.stdout).toMatch(/001_a654bf60b90d6dd0\.txt:\d+/);
  }, 120_000);
});
