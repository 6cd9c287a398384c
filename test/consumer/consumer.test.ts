/**
 * The package as a stranger gets it: `npm pack` (whose `prepare` builds dist/ from a clean state), one install of
 * the tarball into an empty project in a temp directory, and then, against that install only:
 * plain Node ESM and CommonJS, `tsc --strict` under NodeNext/Node16/Bundler with and without @types/node (and a
 * misuse that must fail), attw and publint, the README's usage example run verbatim against a loopback server,
 * every file of examples/ type-checked and run against Prism mocks, and the size of a one-service browser bundle.
 */
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleSize, BUNDLE_BUDGET_GZIP_BYTES } from '../../scripts/bench-client.ts';
import { compile, consumerVariants } from './compile.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const projectFiles = path.join(import.meta.dirname, 'project');
const repoPackage = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  devDependencies: Record<string, string>;
};
const services = readdirSync(path.join(root, 'generated'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const bin = (name: string): string => path.join(root, 'node_modules/.bin', name);
const SETUP_MS = 600_000;

/** The environment for child processes: the caller's, without what `npm test` adds about this repository. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_(lifecycle|package|command)/i.test(k)) env[k] = v;
  return { ...env, ...extra };
}

/** The first ```ts block of the README's "Using the client" section, exactly as written. */
function readmeExample(): string {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Using the client'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error('README: no ```ts block under "## Using the client"');
  return match[1]!;
}

let dir: string;
let tarball: string;
let app: string;
/** Diagnostics of the NodeNext + @types/node program that also emits the README example and examples/ to out/. */
let emitDiagnostics: string[];

beforeAll(async () => {
  dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'scp-consumer-')));
  const packed = await run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root, env: childEnv(), maxBuffer: 64 << 20 });
  tarball = path.join(dir, (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename);

  app = path.join(dir, 'app');
  mkdirSync(app);
  cpSync(projectFiles, app, { recursive: true });
  cpSync(path.join(root, 'examples'), path.join(app, 'examples'), { recursive: true });
  writeFileSync(path.join(app, 'readme.ts'), readmeExample());
  writeFileSync(
    path.join(app, 'package.json'),
    JSON.stringify({
      name: 'scp-openapi-consumer',
      private: true,
      type: 'module',
      dependencies: { [repoPackage.name]: `file:${tarball}`, '@types/node': repoPackage.devDependencies['@types/node'] },
    }),
  );
  // One install shared by every check; the repository's TypeScript, attw, publint, esbuild and Prism are reused.
  await run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline'], { cwd: app, env: childEnv() });

  const exampleFiles = readdirSync(path.join(app, 'examples')).filter((f) => f.endsWith('.ts')).map((f) => path.join(app, 'examples', f));
  emitDiagnostics = compile([path.join(app, 'readme.ts'), ...exampleFiles], {
    ...consumerVariants()[0]!.options,
    noEmit: false,
    outDir: path.join(app, 'out'),
    rootDir: app,
    allowImportingTsExtensions: true,
    rewriteRelativeImportExtensions: true,
  }, app);
}, SETUP_MS);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const node = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, args, { cwd: app, env: childEnv(env), timeout: 240_000, maxBuffer: 16 << 20 });

describe('the packed package', () => {
  it('ships the compiled entries, declarations, specs and LICENSE, and no CLI', async () => {
    const { stdout } = await run('tar', ['-tzf', tarball]);
    const files = stdout.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
    for (const f of ['dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/index.d.ts.map', 'dist/generated/data-flow/index.js', 'specs/data-flow/1.1.yaml', 'LICENSE']) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => /^(bin|scripts|test|sources)\//.test(f))).toEqual([]);
    const pkg = JSON.parse(readFileSync(path.join(app, 'node_modules/scp-openapi/package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg['bin']).toBeUndefined();
    expect(pkg['sideEffects']).toBe(false);
  });

  it('passes attw (esm-only profile, every per-service entry) and publint', async () => {
    const entries = services.flatMap((s) => ['--include-entrypoints', `./${s}`]);
    // attw exits non-zero on any problem the esm-only profile does not ignore (CommonJS-only resolutions).
    const attw = await run(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'table-flipped', ...entries], { env: childEnv() }).catch(
      (e: { stdout: string; code: number }) => e,
    );
    for (const s of services) expect(attw.stdout).toContain(`"scp-openapi/${s}"`);
    expect((attw as { code?: number }).code ?? 0, attw.stdout).toBe(0);
    // --strict fails on any warning. The one suggestion left is to replace the "browser" file map (which keeps
    // Node-only modules out of browser bundles) by conditional imports; see package.json.
    const publint = await run(bin('publint'), ['run', '--strict', tarball], { env: childEnv() });
    expect(publint.stdout).not.toMatch(/Errors:|Warnings:/);
  }, 120_000);
});

describe('a plain Node project', () => {
  it('imports the main entry, a per-service entry, package.json and a spec as ES modules', async () => {
    const { stdout } = await node(['esm.mjs']);
    expect(JSON.parse(stdout)).toEqual({
      name: 'scp-openapi',
      mainFrom: 'scp-openapi/dist/src/index.js',
      services,
      dataFlowServices: ['data-flow'],
      client: 'ScpClient(data-flow 1.1)',
      refused: expect.stringMatching(/^ScpConfigError: No SCP API spec for vertica 1\.0 \(known services: data-flow\)$/),
      specExists: true,
      specTitle: expect.stringMatching(/Data Flow/),
      sameErrorClass: true,
    });
  });

  it('require()s them from CommonJS', async () => {
    const { stdout } = await node(['cjs.cjs']);
    expect(JSON.parse(stdout)).toEqual({ main: 'function', dataFlow: 'function', client: 'ScpClient(data-flow 1.1)' });
  });
});

describe('TypeScript projects (strict, exactOptionalPropertyTypes, skipLibCheck off)', () => {
  it.each(consumerVariants().map((v) => [v.name, v] as const))('%s: the typed calls compile', (_name, variant) => {
    expect(compile([path.join(app, 'check.ts')], variant.options, app)).toEqual([]);
    // check.ts holds misuses under @ts-expect-error: an unneeded directive would be an error above.
    expect(readFileSync(path.join(app, 'check.ts'), 'utf8').match(/^\s*\/\/ @ts-expect-error/gm)).toHaveLength(5);
  }, 120_000);

  it('a misuse fails to compile', () => {
    const errors = compile([path.join(app, 'misuse.ts')], consumerVariants()[0]!.options, app);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^misuse\.ts\(5,\d+\): TS2322 /);
  }, 120_000);

  it('the README example and every file in examples/ compile (NodeNext, @types/node)', () => {
    expect(emitDiagnostics).toEqual([]);
    expect(readdirSync(path.join(app, 'out/examples')).sort()).toEqual(
      readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, '.js')).sort(),
    );
  });
});

describe('running', () => {
  const ACCESS_KEY = 'AKREADME000000000001';
  const SECRET = 'readme-secret/with+chars=';
  const ACCOUNT = 'acct-readme';

  it('the README usage example, verbatim, against a loopback server that checks the signature', async () => {
    const seen: { url: string; version: string | undefined; signed: boolean }[] = [];
    const server = http.createServer((req, res) => {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const h = req.headers;
      const expected = createHmac('sha256', SECRET)
        .update(`${req.method}${origin}${req.url}${h['scp-timestamp']}${ACCESS_KEY}${ACCOUNT}Openapi`)
        .digest('base64');
      seen.push({ url: req.url ?? '', version: h['scp-api-version'] as string | undefined, signed: h['scp-signature'] === expected });
      res.writeHead(h['scp-signature'] === expected ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data_flow_id: 'df-1', data_flow_name: 'flow from loopback', state: 'RUNNING' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const configDir = mkdtempSync(path.join(dir, 'scpconf-'));
      const { stdout } = await node(['out/readme.js'], {
        SCP_ACCESS_KEY: ACCESS_KEY,
        SCP_SECRET_KEY: SECRET,
        SCP_ACCOUNT_ID: ACCOUNT,
        SCP_ENDPOINT_OVERRIDE: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        SCP_CONFIG_DIR: configDir,
      });
      expect(stdout.trim()).toBe('flow from loopback RUNNING');
      expect(seen).toEqual([{ url: '/v1/data-flows/df-1', version: 'data-flow 1.1', signed: true }]);
    } finally {
      server.close();
    }
  }, 120_000);

  it('every example against Prism mocks of the installed specs, without a request violation', async () => {
    const scripts = readdirSync(path.join(app, 'out/examples')).filter((f) => f !== 'mock-server.js');
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    const prism = realpathSync(bin('prism'));
    const outputs = await Promise.all(scripts.map((f) => node([`out/examples/${f}`], { SCP_EXAMPLE_PRISM: prism }).then((r) => [f, r.stdout] as const)));
    for (const [file, stdout] of outputs) {
      const answers = stdout.match(/ {2}← \d+/g) ?? [];
      expect(answers.length, file).toBeGreaterThanOrEqual(2);
      expect(stdout, file).not.toContain('request violations');
      expect(stdout, file).toMatch(/Prism mock of .*node_modules\/scp-openapi\/specs\//);
    }
  }, 300_000);
});

describe('a browser bundle of one service', () => {
  it(`stays within ${BUNDLE_BUDGET_GZIP_BYTES} bytes gzipped and carries no other service`, async () => {
    const { gzipBytes, text } = await bundleSize(path.join(app, 'bundle-entry.js'), app);
    expect(gzipBytes).toBeLessThanOrEqual(BUNDLE_BUDGET_GZIP_BYTES);
    expect(text.includes('data-flow 1.1'), 'the data-flow registry is in the bundle').toBe(true);
    // The package's "browser" map leaves the node:crypto signer and the config-file reader out.
    expect(/getBuiltinModule|homedir|readFile\(/.test(text), 'Node-only code in the browser bundle').toBe(false);
    for (const other of services.filter((s) => s !== 'data-flow')) expect(text.includes(`${other} `), other).toBe(false);
  }, 60_000);
});

