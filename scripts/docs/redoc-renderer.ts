/**
 * Rendering reference pages with @redocly/cli's own build-docs handler (the function `redocly
 * build-docs` calls: Redoc server-rendered with react-dom/server into our template), in worker
 * threads that each load the CLI once and then render page after page. A `redocly build-docs`
 * process per page spends most of its ~0.6 s starting Node and loading the CLI; a warm worker
 * renders a page in ~0.1 s.
 *
 * The CLI is one bundle whose build-docs handler and config loader live in hashed chunk files, so
 * locateBuildDocs finds them through the CLI's own entry (index.js imports both), and fails loudly
 * when a CLI upgrade changes that shape. Workers run with NODE_ENV=production: React's production
 * build renders the same HTML as the development build the CLI process uses (checked byte for byte
 * by test/docs/redoc-renderer.test.ts) in about half the time.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Where the pinned @redocly/cli keeps what build-docs runs. */
export interface BuildDocsEntry {
  readonly cliVersion: string;
  /** Module exporting `handlerBuildCommand`. */
  readonly handlerUrl: string;
  /** Module exporting the config loader (`loadConfig` of the bundled openapi-core) … */
  readonly configUrl: string;
  /** … under this (minified) export name. */
  readonly configExport: string;
}

const HANDLER_IMPORT = /\{handlerBuildCommand:[\w$]+\}=await import\("\.\/([\w$/.-]+\.js)"\)/;
/** The CLI's config step: `n=await <loadConfig>({configPath:argv.config,customExtends:…`. */
const CONFIG_CALL = /=await ([\w$]+)\(\{configPath:[\w$]+\.config,customExtends:/;
const STATIC_IMPORT = /import\{([^}]*)\}from"\.\/([\w$/.-]+\.js)"/g;

/** Find the build-docs handler and the config loader inside the installed @redocly/cli. */
export function locateBuildDocs(projectRoot: string): BuildDocsEntry {
  const cli = path.join(projectRoot, 'node_modules/@redocly/cli');
  const cliVersion = (JSON.parse(readFileSync(path.join(cli, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  const lib = path.join(cli, 'lib');
  const index = readFileSync(path.join(lib, 'index.js'), 'utf8');
  const fail = (what: string): never => {
    throw new Error(`@redocly/cli ${cliVersion}: cannot find ${what} in lib/index.js (its bundle layout changed; update scripts/docs/redoc-renderer.ts)`);
  };
  const handler = HANDLER_IMPORT.exec(index)?.[1] ?? fail('the build-docs handler import');
  const local = CONFIG_CALL.exec(index)?.[1] ?? fail('the config loader call');
  for (const m of index.matchAll(STATIC_IMPORT)) {
    for (const binding of (m[1] ?? '').split(',')) {
      const [exported, alias = exported] = binding.split(' as ');
      if (alias === local && exported) {
        return {
          cliVersion,
          handlerUrl: pathToFileURL(path.join(lib, handler)).href,
          configUrl: pathToFileURL(path.join(lib, m[2] ?? '')).href,
          configExport: exported,
        };
      }
    }
  }
  return fail(`the import of the config loader (${local})`);
}

export interface RenderRequest {
  /** Spec file (absolute). */
  readonly spec: string;
  /** Handlebars template (absolute). */
  readonly template: string;
  readonly title: string;
}

export interface RendererOptions {
  readonly projectRoot: string;
  /** Where the handler writes each page before the worker reads it back. */
  readonly scratchDir: string;
  /** At most this many worker threads, each started when a render finds every running one busy. */
  readonly threads: number;
}

interface Job {
  readonly request: RenderRequest;
  readonly resolve: (html: string) => void;
  readonly reject: (error: Error) => void;
}

interface Lane {
  readonly worker: Worker;
  readonly index: number;
  job?: Job;
  /** Last lines the worker printed (the CLI logs to stdout/stderr), for error messages. */
  output: string;
}

type WorkerReply = { html: string } | { error: string };

const WORKER_FILE = new URL('./redoc-render-worker.mjs', import.meta.url);
const OUTPUT_TAIL = 2000;

/** A pool of build-docs workers; `render` resolves with the page HTML exactly as build-docs writes it. */
export class PageRenderers {
  private readonly lanes: Lane[] = [];
  private readonly idle: Lane[] = [];
  private readonly queue: Job[] = [];
  private entry: BuildDocsEntry | undefined;
  private broken: Error | undefined;
  private seq = 0;

  constructor(private readonly opts: RendererOptions) {}

  render(request: RenderRequest): Promise<string> {
    if (this.broken) return Promise.reject(this.broken);
    try {
      if (this.idle.length === 0 && this.lanes.length < this.opts.threads) this.idle.push(this.startLane());
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    return new Promise<string>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.dispatch();
    });
  }

  /** Stop every worker (pending renders are rejected). */
  async close(): Promise<void> {
    this.fail(new Error('page renderers closed'));
    await Promise.all(this.lanes.map((l) => l.worker.terminate()));
  }

  private startLane(): Lane {
    this.entry ??= locateBuildDocs(this.opts.projectRoot);
    const redoclyYaml = path.join(this.opts.projectRoot, 'redocly.yaml');
    const worker = new Worker(WORKER_FILE, {
      workerData: { ...this.entry, configPath: existsSync(redoclyYaml) ? redoclyYaml : undefined },
      env: { ...process.env, NODE_ENV: 'production', REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      // Plain JS worker: no TypeScript loader hooks (they only slow its start).
      execArgv: [],
      stdout: true,
      stderr: true,
    });
    const lane: Lane = { worker, index: this.lanes.length, output: '' };
    const keep = (chunk: Buffer): void => {
      lane.output = (lane.output + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
    };
    worker.stdout.on('data', keep);
    worker.stderr.on('data', keep);
    worker.on('message', (reply: WorkerReply) => {
      const job = lane.job;
      lane.job = undefined;
      this.idle.push(lane);
      if (job) {
        if ('html' in reply) job.resolve(reply.html);
        else job.reject(new Error(`redocly build-docs failed for ${job.request.spec}: ${reply.error}${tail(lane.output)}`));
      }
      this.dispatch();
    });
    worker.on('error', (e) => this.fail(new Error(`build-docs worker failed: ${e.message}${tail(lane.output)}`)));
    worker.on('exit', (code) => {
      if (code !== 0 || lane.job) this.fail(new Error(`build-docs worker exited (code ${code})${tail(lane.output)}`));
    });
    this.lanes.push(lane);
    return lane;
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const lane = this.idle.pop() as Lane;
      const job = this.queue.shift() as Job;
      lane.job = job;
      const output = path.join(this.opts.scratchDir, `${path.basename(job.request.spec, '.yaml')}.${process.pid}.${lane.index}.${this.seq++}.html`);
      lane.worker.postMessage({ ...job.request, output });
    }
  }

  /** A worker died: reject what is running and waiting, and every later render. */
  private fail(error: Error): void {
    this.broken ??= error;
    for (const lane of this.lanes) {
      lane.job?.reject(error);
      lane.job = undefined;
    }
    for (const job of this.queue.splice(0)) job.reject(error);
  }
}

function tail(output: string): string {
  const lines = output.trim().split('\n').slice(-8).join('\n');
  return lines ? `\n${lines}` : '';
}
