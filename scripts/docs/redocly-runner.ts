/**
 * The pinned @redocly/cli: its version (part of the docs cache keys), and running its published
 * `redocly` bin for one `build-docs` command in a worker thread of its own, telemetry off: the same
 * program and arguments as `npx redocly build-docs …`, minus the start-up of a Node process (about
 * 10 % of the ~1 CPU-second a page costs, most of which is compiling the CLI's modules, which no
 * Node 20 cache can keep). redoc-views.ts runs several at once.
 */
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

export interface BuildDocsRun {
  readonly projectRoot: string;
  readonly spec: string;
  readonly output: string;
  readonly template: string;
  readonly title: string;
  /** The Redocly config file to use (see BUILD_DOCS_CONFIG), not whatever redocly.yaml the working directory has. */
  readonly config: string;
}

/** The config the Redoc views are rendered with: none of Redoc's options set (its defaults). */
export const BUILD_DOCS_CONFIG = '# build-docs for the Redoc views: Redoc defaults, whatever redocly.yaml the working directory holds.\n{}\n';

/** The @redocly/cli version installed under the project (part of the page cache key). */
export function redoclyVersion(projectRoot: string): string {
  const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'node_modules/@redocly/cli/package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

/** Run the bin with `argv` in a worker; resolves with its exit code and everything it printed. */
function runBin(entry: string, argv: readonly string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, {
      argv: [...argv],
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      stdout: true,
      stderr: true,
    });
    let output = '';
    const collect = (d: Buffer | string): void => {
      output += String(d);
    };
    worker.stdout.on('data', collect);
    worker.stderr.on('data', collect);
    worker.on('error', reject);
    worker.on('exit', (code) => resolve({ code, output }));
  });
}

export async function runBuildDocs(o: BuildDocsRun): Promise<void> {
  // The bin's JS entry itself, so no shell, PATH or .bin shim is involved.
  const entry = realpathSync(path.join(o.projectRoot, 'node_modules/.bin/redocly'));
  const args = ['build-docs', o.spec, '--output', o.output, '--template', o.template, '--title', o.title, '--config', o.config, '--lint-config', 'off'];
  const r = await runBin(entry, args).catch((e: unknown) => ({ code: -1, output: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
  if (r.code !== 0) {
    const detail = r.output.trim().split('\n').slice(-8).join('\n');
    throw new Error(`redocly build-docs failed for ${o.spec}:\n${detail}`);
  }
}
