/**
 * The Redoc view of each spec (site/<service>/<version>.redoc.html), rendered by the published
 * `redocly build-docs` command (@redocly/cli's bin, its supported entry point) in a pool of worker
 * threads, one page per run of the bin. The CLI's output is byte-identical between runs; the page is then
 * finished on this thread (redoc-page.ts: local content-hashed Redoc bundle, version bar, title).
 * Upgrading Redoc is a version bump of @redocly/cli.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pLimit, { type LimitFunction } from 'p-limit';
import { BUILD_DOCS_CONFIG, runBuildDocs } from './redocly-runner.ts';

export interface RenderRequest {
  /** Spec file (absolute). */
  readonly spec: string;
  /** Handlebars template (absolute). */
  readonly template: string;
  readonly title: string;
}

export interface PoolOptions {
  readonly projectRoot: string;
  /** Where build-docs writes each page before it is read back. */
  readonly scratchDir: string;
  /** At most this many build-docs runs at once. */
  readonly concurrency: number;
}

/** Runs `redocly build-docs` for each request, at most `concurrency` at a time, in request order. */
export class BuildDocsPool {
  private seq = 0;
  private readonly limit: LimitFunction;
  private config: Promise<string> | undefined;

  constructor(private readonly opts: PoolOptions) {
    this.limit = pLimit(Math.max(1, opts.concurrency));
  }

  async render(request: RenderRequest): Promise<string> {
    const file = path.join(this.opts.scratchDir, 'redocly.yaml');
    this.config ??= writeFile(file, BUILD_DOCS_CONFIG).then(() => file);
    const config = await this.config;
    return this.limit(async () => {
      const output = path.join(this.opts.scratchDir, `${path.basename(request.spec, '.yaml')}.${process.pid}.${this.seq++}.html`);
      try {
        await runBuildDocs({ projectRoot: this.opts.projectRoot, output, config, ...request });
        return await readFile(output, 'utf8');
      } finally {
        await rm(output, { force: true });
      }
    });
  }
}
