/**
 * The stage table: a stage re-runs when its data, its code (followed through imports) or the locked
 * version of a package it uses changes, and only then. Also the lint and lib stages for real: lint
 * passes the 17 specs and fails the build on a broken one; lib compiles dist/, which plain Node imports.
 */
import { appendFile, cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild, type Stage } from '../scripts/build.ts';
import { followImports, importSpecifiers, lockedVersions, packageOf, type Lockfile } from '../scripts/import-graph.ts';
import { describeFailure } from '../scripts/summary.ts';

const repo = path.resolve(import.meta.dirname, '..');
const temps: string[] = [];

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(temps.map((t) => rm(t, { recursive: true, force: true })));
});

describe('import-graph', () => {
  it('reads the specifiers a module uses at run time; type-only imports are erased and left out', () => {
    const source = [
      "import { a } from './a.ts';",
      "import type { T } from './types.ts';",
      "export type { U } from './u.ts';",
      "import { type V, w } from './w.ts';",
      "export { x } from './x.ts';",
      "import './side.ts';",
      "const m = await import('./lazy.ts');",
      "const worker = new URL('./worker.mjs', import.meta.url);",
      "import { load } from 'cheerio';",
      "import path from 'node:path';",
    ].join('\n');
    expect(importSpecifiers(source)).toEqual(['./a.ts', './w.ts', './x.ts', './side.ts', './lazy.ts', './worker.mjs', 'cheerio', 'node:path']);
    expect(['cheerio', '@cfworker/json-schema/dist', 'yaml/util', 'node:path', 'fs', './x.ts', '${x}'].map(packageOf)).toEqual(['cheerio', '@cfworker/json-schema', 'yaml', undefined, undefined, undefined, undefined]);
  });

  it('follows the specs stage to the readers and the emitter, not to the type generator', async () => {
    const graph = await followImports([path.join(repo, 'scripts', 'stages', 'specs.ts')]);
    const rel = graph.files.map((f) => path.relative(repo, f));
    expect(rel).toContain('scripts/readers/html/operation-parts.ts');
    expect(rel).toContain('scripts/emit/check-examples.ts');
    expect(rel).not.toContain('scripts/typegen.ts');
    expect(rel).not.toContain('scripts/stages/stage.ts'); // imported for types only
    expect(graph.packages).toEqual(['@cfworker/json-schema', 'cheerio', 'js-yaml', 'randexp', 'yaml']);
  });

  it('locks each package with everything it depends on, resolving nested copies as npm placed them', () => {
    const lock: Lockfile = {
      packages: {
        'node_modules/a': { version: '1.0.0', dependencies: { b: '^2', c: '^1' } },
        'node_modules/a/node_modules/b': { version: '2.5.0' },
        'node_modules/b': { version: '3.0.0' },
        'node_modules/c': { version: '1.1.0', dependencies: { a: '^1' } },
      },
    };
    expect(lockedVersions(lock, ['a'])).toEqual(['a@1.0.0', 'b@2.5.0', 'c@1.1.0']);
    expect(lockedVersions(lock, ['b', 'gone'])).toEqual(['b@3.0.0', 'gone@?']);
  });
});

describe('stage invalidation: code and dependency versions', () => {
  let codeRoot: string;
  let root: string;
  const STAGES: readonly Stage[] = ['specs', 'types', 'lint'];
  const build = () => runBuild({ root, codeRoot, stages: STAGES });

  /** Bump a package's locked version in the copied package-lock.json. */
  async function bump(pkg: string): Promise<void> {
    const file = path.join(codeRoot, 'package-lock.json');
    const lock = JSON.parse(await readFile(file, 'utf8')) as { packages: Record<string, { version: string }> };
    const entry = lock.packages[`node_modules/${pkg}`];
    if (!entry) throw new Error(`${pkg} is not in package-lock.json`);
    entry.version = `${entry.version}-bumped`;
    await writeFile(file, JSON.stringify(lock));
  }

  /** Append a comment to a module of the copied pipeline: its text changes, its behaviour does not. */
  const touch = (rel: string): Promise<void> => appendFile(path.join(codeRoot, 'scripts', rel), '\n// touched by a test\n');

  beforeAll(async () => {
    codeRoot = await tempDir('scp-code-');
    await cp(path.join(repo, 'scripts'), path.join(codeRoot, 'scripts'), { recursive: true });
    await cp(path.join(repo, 'package-lock.json'), path.join(codeRoot, 'package-lock.json'));
    root = await tempDir('scp-stages-');
    await cp(path.join(repo, 'sources'), path.join(root, 'sources'), { recursive: true });
    const first = await build();
    expect(first.ok).toBe(true);
    expect(first.stagesRun).toEqual(['specs', 'lint', 'types']);
    expect((await build()).stagesSkipped).toEqual(['specs', 'lint', 'types']);
  }, 180_000);

  const cases: { change: string; apply: () => Promise<void>; runs: Stage[] }[] = [
    { change: 'the type generator (scripts/typegen.ts)', apply: () => touch('typegen.ts'), runs: ['types'] },
    { change: 'the lint module (scripts/lint.ts)', apply: () => touch('lint.ts'), runs: ['lint'] },
    { change: 'an emitter module (scripts/emit/naming.ts)', apply: () => touch('emit/naming.ts'), runs: ['specs'] },
    { change: 'the locked @cfworker/json-schema (imported by the emitter)', apply: () => bump('@cfworker/json-schema'), runs: ['specs'] },
    { change: 'the locked openapi-typescript (imported by the type generator)', apply: () => bump('openapi-typescript'), runs: ['types'] },
    { change: 'the locked @redocly/cli (run by the lint stage)', apply: () => bump('@redocly/cli'), runs: ['lint'] },
  ];
  for (const c of cases) {
    it(`changing ${c.change} re-runs ${c.runs.join(', ')} and nothing else`, async () => {
      await c.apply();
      const r = await build();
      expect(r.ok).toBe(true);
      expect(r.stagesRun).toEqual(c.runs);
      expect([...r.stagesSkipped].sort()).toEqual(STAGES.filter((s) => !c.runs.includes(s)).sort());
      expect(r.specsWritten).toEqual([]); // the same output: only the recorded hashes moved
    }, 120_000);
  }
});

describe('the lint and lib stages', () => {
  let root: string;

  beforeAll(async () => {
    root = await tempDir('scp-lib-');
    for (const rel of ['sources', 'src', 'tsconfig.json', 'tsconfig.lib.json', 'package.json']) await cp(path.join(repo, rel), path.join(root, rel), { recursive: true });
    await symlink(path.join(repo, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  });

  it('lint checks every spec in one process and passes them; lib compiles dist/, which plain Node imports', async () => {
    const r = await runBuild({ root, stages: ['specs', 'types', 'lint', 'lib'] });
    expect(r.stagesFailed).toEqual([]);
    expect(r.lint).toMatchObject({ ok: true, errors: 0, warnings: 0 });
    expect(await readFile(path.join(root, 'redocly.yaml'), 'utf8')).toMatch(/^ {2}data-flow@1\.1:\n {4}root: specs\/data-flow\/1\.1\.yaml$/m);
    const lib = (await import(pathToFileURL(path.join(root, 'dist', 'src', 'index.js')).href)) as { createScpClient: unknown; registry: Record<string, unknown> };
    expect(typeof lib.createScpClient).toBe('function');
    expect(Object.keys(lib.registry).sort()).toEqual(['aimlops-platform', 'data-flow', 'data-ops', 'eventstreams', 'quick-query', 'searchengine', 'vertica']);
    const again = await runBuild({ root, stages: ['specs', 'types', 'lint', 'lib'] });
    expect(again.stagesSkipped).toEqual(['specs', 'lint', 'types', 'lib']);
  }, 240_000);

  it('a lint error fails the build, and the failure says so', async () => {
    const spec = path.join(root, 'specs', 'vertica', '1.0.yaml');
    const text = await readFile(spec, 'utf8');
    const broken = text.replace('$ref: "#/components/schemas/AsyncResponse"', '$ref: "#/components/schemas/NoSuchSchema"');
    expect(broken).not.toBe(text);
    await writeFile(spec, broken);
    const r = await runBuild({ root, stages: ['lint'] });
    expect(r.ok).toBe(false);
    expect(r.stagesFailed).toEqual(['lint']);
    expect(r.lint?.problems.some((p) => p.includes('specs/vertica/1.0.yaml') && p.includes('no-unresolved-refs'))).toBe(true);
    expect(describeFailure(r, false)).toMatch(/^build failed: redocly lint found \d+ errors? \(listed above\)\.$/);
  }, 120_000);
});
