/**
 * The pinned @redocly/cli: its version (part of the docs cache keys), and running its published
 * `redocly build-docs` command for one spec as its own process, telemetry off (about 1 CPU-second a
 * page, mostly loading the CLI). redoc-views.ts runs several at once.
 */
import { execFile } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface BuildDocsRun {
  readonly projectRoot: string;
  readonly spec: string;
  readonly output: string;
  readonly template: string;
  readonly title: string;
}

/** The @redocly/cli version installed under the project (part of the page cache key). */
export function redoclyVersion(projectRoot: string): string {
  const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'node_modules/@redocly/cli/package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

export async function runBuildDocs(o: BuildDocsRun): Promise<void> {
  // Run the CLI's JS entry with this Node rather than the .bin shim, so no shell or PATH is involved.
  const entry = realpathSync(path.join(o.projectRoot, 'node_modules/.bin/redocly'));
  const args = [entry, 'build-docs', o.spec, '--output', o.output, '--template', o.template, '--title', o.title];
  try {
    await run(process.execPath, args, {
      cwd: o.projectRoot,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; message: string };
    const detail = (err.stderr || err.stdout || err.message).trim().split('\n').slice(-8).join('\n');
    throw new Error(`redocly build-docs failed for ${o.spec}:\n${detail}`);
  }
}
