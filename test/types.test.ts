/**
 * Type-level tests and the type generator.
 * - test/types/*.ts compile with zero errors under the project tsconfig; their `@ts-expect-error` lines prove that
 *   wrong paths, parameters, bodies, services and versions do not compile (an unused directive is an error).
 * - scripts/typegen.ts: one run over the fixture specs gives deterministic files that compile under --strict, and
 *   a registry whose facts come from the specs' x-scp-* extensions.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadSpecs } from '../scripts/typegen-cli.ts';
import { generateTypes, writeGeneratedFiles } from '../scripts/typegen.ts';
import { GENERATED_HEADER } from '../scripts/typegen-render.ts';

const root = path.resolve(import.meta.dirname, '..');
const fixtureSpecs = path.join(root, 'test/fixtures/specs');
const headerFixtures = path.join(root, 'test/fixtures/typegen-headers');

/** Compiled beside the entry generated from headerFixtures: every `@ts-expect-error` must be needed. */
const HEADER_CHECK = `import { createScpClient } from './header-generated/pinned/index.ts';
const pinned = createScpClient('pinned', '1.1');
export async function calls(): Promise<void> {
  // Scp-Api-Version and Accept-Language are declared required, but the client sets them: not needed here.
  await pinned.GET('/v1/things/{thing_id}', { params: { path: { thing_id: 't-1' }, header: { 'X-Trace': 'x' } } });
  await pinned.GET('/v1/things');
  // Passing one is allowed, and it is still typed by its schema.
  await pinned.GET('/v1/things', { params: { header: { 'scp-api-version': 'pinned 1.1' } } });
  // @ts-expect-error the pinned value is the only one accepted
  await pinned.GET('/v1/things', { params: { header: { 'scp-api-version': 'pinned 1.0' } } });
  // @ts-expect-error a required header the client does not set stays required
  await pinned.GET('/v1/things/{thing_id}', { params: { path: { thing_id: 't-1' } } });
}
`;
const tmpDirs: string[] = [];

afterAll(() => {
  for (const dir of tmpDirs) rmSync(dir, { recursive: true, force: true });
});

function tmpDir(): string {
  // Inside the project (so imports resolve from its node_modules) but outside tsconfig's include and git (.cache/).
  mkdirSync(path.join(root, '.cache'), { recursive: true });
  const dir = mkdtempSync(path.join(root, '.cache/typegen-test-'));
  tmpDirs.push(dir);
  return dir;
}

function projectOptions(): ts.CompilerOptions {
  const configPath = path.join(root, 'tsconfig.json');
  const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configPath).options;
}

/** Diagnostics of compiling `rootNames` (and what they import) with the project's compiler options. */
function compile(rootNames: string[]): string[] {
  const program = ts.createProgram({ rootNames, options: { ...projectOptions(), noEmit: true } });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const file = d.file ? path.relative(root, d.file.fileName) : '';
    return `${file}${where ? `(${where.line + 1},${where.character + 1})` : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

/**
 * One compiler run for everything this file checks (type tests, a deliberately wrong file, typegen output):
 * a program costs seconds, most of it shared lib and node_modules typings.
 */
interface Compiled {
  typeTestFiles: string[];
  /** Calls through the entry generated from test/fixtures/typegen-headers (required client-set headers). */
  headerCheckFile: string;
  headerGenerated: Awaited<ReturnType<typeof generateTypes>>;
  wrongFile: string;
  generatedFiles: string[];
  first: Awaited<ReturnType<typeof generateTypes>>;
  second: Awaited<ReturnType<typeof generateTypes>>;
  generatedDir: string;
  diagnostics: string[];
}
let compiled: Promise<Compiled> | undefined;
function compileAll(): Promise<Compiled> {
  compiled ??= (async () => {
    const typesDir = path.join(root, 'test/types');
    const typeTestFiles = readdirSync(typesDir).filter((f) => f.endsWith('.ts')).map((f) => path.join(typesDir, f));

    const dir = tmpDir();
    const wrongFile = path.join(dir, 'wrong.ts');
    const clientImport = path.relative(dir, path.join(root, 'src/index.ts')).split(path.sep).join('/');
    writeFileSync(
      wrongFile,
      `import { createScpClient } from '${clientImport}';\n` +
        `export const c = createScpClient('data-flow', '1.1');\n` +
        `export const r = c.GET('/v1/data-flows/{data_flow_id}', { params: { path: {} } });\n`,
    );

    const specs = await loadSpecs(fixtureSpecs);
    const generatedDir = path.join(dir, 'generated');
    const importPath = path.relative(generatedDir, path.join(root, 'src')).split(path.sep).join('/');
    const first = await generateTypes(specs, generatedDir, { srcImport: importPath });
    // Same input in another order must give the same files.
    const second = await generateTypes([...specs].reverse(), generatedDir, { srcImport: importPath });
    await writeGeneratedFiles(first.files, generatedDir);
    const generatedFiles = first.files.map((f) => f.path);

    const headerDir = path.join(dir, 'header-generated');
    const headerGenerated = await generateTypes(await loadSpecs(headerFixtures), headerDir, {
      srcImport: path.relative(headerDir, path.join(root, 'src')).split(path.sep).join('/'),
    });
    await writeGeneratedFiles(headerGenerated.files, headerDir);
    const headerCheckFile = path.join(dir, 'header-check.ts');
    writeFileSync(headerCheckFile, HEADER_CHECK);

    const diagnostics = compile([...typeTestFiles, wrongFile, ...generatedFiles, headerCheckFile]);
    return { typeTestFiles, wrongFile, generatedFiles, first, second, generatedDir, diagnostics, headerCheckFile, headerGenerated };
  })();
  return compiled;
}

const inFile = (diagnostics: string[], file: string): string[] =>
  diagnostics.filter((d) => d.startsWith(`${path.relative(root, file)}(`) || d.startsWith(`${path.relative(root, file)}:`));

describe('type tests (test/types)', () => {
  it('compile with zero errors, so every @ts-expect-error case fails to compile', async () => {
    const { typeTestFiles, diagnostics, wrongFile } = await compileAll();
    expect(typeTestFiles.length).toBeGreaterThanOrEqual(2);
    // Everything except the deliberately wrong file compiles (src/ and generated/ included, as they are imported).
    expect(diagnostics.filter((d) => !inFile([d], wrongFile).length)).toEqual([]);
    // The negative cases are really there (a file without them would prove nothing).
    const expectErrors = typeTestFiles.map((f) => readFileSync(f, 'utf8').match(/@ts-expect-error/g)?.length ?? 0);
    expect(expectErrors.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(15);
  }, 120_000);

  it('a wrong call without @ts-expect-error is reported (the check can fail)', async () => {
    const { diagnostics, wrongFile } = await compileAll();
    const errors = inFile(diagnostics, wrongFile);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/wrong\.ts\(3,/);
  }, 120_000);
});

describe('generateTypes', () => {
  it('makes headers the client sets optional although a spec requires them; other required headers stay required', async () => {
    const { diagnostics, headerCheckFile, headerGenerated } = await compileAll();
    expect(inFile(diagnostics, headerCheckFile)).toEqual([]);
    expect(readFileSync(headerCheckFile, 'utf8').match(/@ts-expect-error/g)).toHaveLength(2);
    const types = headerGenerated.files.find((f) => f.path.endsWith(`${path.sep}pinned${path.sep}1.1.ts`))!.content;
    expect(types).toContain('"Scp-Api-Version"?: "pinned 1.1";');
    expect(types).toContain('"scp-api-version"?: "pinned 1.1";');
    expect(types).toMatch(/"Accept-Language"\?: components\["parameters"\]\["AcceptLanguage"\];/);
    expect(types).toContain('"X-Trace": string;');
  }, 120_000);

  it('is deterministic and its output compiles under --strict', async () => {
    const { first, second, generatedDir, generatedFiles, diagnostics } = await compileAll();
    expect(second.files).toEqual(first.files);
    const specs = await loadSpecs(fixtureSpecs);
    const names = first.files.map((f) => path.relative(generatedDir, f.path).split(path.sep).join('/'));
    const versionFiles = specs.map((s) => `${s.service}/${s.version}.ts`).sort();
    const serviceFiles = [...new Set(specs.map((s) => s.service))].sort().flatMap((s) => [`${s}/index.ts`, `${s}/registry.ts`]);
    expect(names).toEqual([...versionFiles, ...serviceFiles, 'registry.ts']);
    for (const f of first.files) expect(f.content.startsWith(GENERATED_HEADER)).toBe(true);
    expect(generatedFiles.flatMap((f) => inFile(diagnostics, f))).toEqual([]);
  }, 120_000);

  it('builds the registry from servers and x-scp-* extensions of each spec', async () => {
    const specs = await loadSpecs(fixtureSpecs);
    const { files } = await generateTypes(specs, '/out');
    // Each service's facts are in its own registry; the top-level one composes them.
    const registryTs = files.filter((f) => f.path.endsWith(`${path.sep}registry.ts`)).map((f) => f.content).join('\n');
    for (const { service, version, doc } of specs) {
      const d = doc as { servers: { url: string; 'x-scp-environments': unknown[] }[]; paths: Record<string, Record<string, Record<string, unknown>>> };
      expect(registryTs).toContain(`"serverTemplate": ${JSON.stringify(d.servers[0]!.url)}`);
      expect(registryTs).toContain(`from ${JSON.stringify(`./${version}.ts`)}`);
      expect(registryTs).toContain(`from ${JSON.stringify(`./${service}/registry.ts`)}`);
      for (const [p, item] of Object.entries(d.paths)) {
        for (const [method, op] of Object.entries(item)) {
          const meta: Record<string, string> = {
            apiVersion: op['x-scp-api-version'] as string,
            status: op['x-scp-status'] as string,
            ...(op['x-scp-supported-until'] ? { notBefore: op['x-scp-supported-until'] as string } : {}),
          };
          const line = `${JSON.stringify(`${method.toUpperCase()} ${p}`)}: { ${Object.entries(meta).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')} }`;
          expect(registryTs, `${service} ${version} ${method} ${p}`).toContain(line);
        }
      }
    }
  });

  it('names every malformed operation in one error', async () => {
    const doc = parse(readFileSync(path.join(fixtureSpecs, 'data-flow/1.1.yaml'), 'utf8')) as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    doc.paths['/v1/data-flows']!['get']!['x-scp-status'] = 'RETIRED';
    doc.paths['/v1/data-flows/{data_flow_id}']!['get']!['x-scp-supported-until'] = 'soon';
    const latest = structuredClone(doc);
    delete latest.paths['/v1/data-flows']!['post']!['x-scp-api-version'];
    const run = generateTypes(
      [
        { service: 'data-flow', version: '1.1', doc },
        { service: 'data-flow', version: 'latest', doc: latest },
      ],
      '/out',
    );
    await expect(run).rejects.toThrow(/RETIRED[\s\S]*GET \/v1\/data-flows\/\{data_flow_id\}: x-scp-supported-until "soon"[\s\S]*latest POST \/v1\/data-flows: x-scp-api-version/);
  });

  it('writeGeneratedFiles rewrites only changed files and prunes only stale generated ones', async () => {
    const dir = tmpDir();
    const files = [
      { path: path.join(dir, 'a/1.0.ts'), content: `${GENERATED_HEADER}\nexport type A = 1;\n` },
      { path: path.join(dir, 'registry.ts'), content: `${GENERATED_HEADER}\nexport const r = 1;\n` },
    ];
    expect((await writeGeneratedFiles(files, dir)).written).toHaveLength(2);
    writeFileSync(path.join(dir, 'stale.ts'), `${GENERATED_HEADER}\nexport {};\n`);
    writeFileSync(path.join(dir, 'hand-written.ts'), 'export {};\n');
    const changed = [files[0]!, { ...files[1]!, content: `${GENERATED_HEADER}\nexport const r = 2;\n` }];
    const result = await writeGeneratedFiles(changed, dir);
    expect(result.written).toEqual([path.join(dir, 'registry.ts')]);
    expect(result.unchanged).toEqual([path.join(dir, 'a/1.0.ts')]);
    expect(result.removed).toEqual([path.join(dir, 'stale.ts')]);
    expect(readdirSync(dir).sort()).toEqual(['a', 'hand-written.ts', 'registry.ts']);
  });
});
