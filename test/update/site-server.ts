/**
 * Test helpers for `update`: a local docs-site server (node:http on 127.0.0.1, port 0) serving the
 * fixture pages under test/fixtures/site/<version>/ with ETag, Range and fault injection (error
 * statuses, slow answers), and a
 * throw-away project root holding the minimal manifest and the v1 pages.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const SITE_DIR = path.resolve(import.meta.dirname, '..', 'fixtures', 'site');
export const PRINT_PATH = '/apireference/data-analytics/_print/';
export const OPERATION_PATH = '/apireference/data-analytics/data-flow/apis/showdataflow/1.0/';

/** The fixture manifest's file name for each page path. */
const FILES: Readonly<Record<string, string>> = {
  [PRINT_PATH]: '000_data-analytics-print.html',
  [OPERATION_PATH]: '001_showdataflow-1.0.html',
};

export interface SiteOptions {
  /** Directory under `siteDir` served: the fixture versions `v1`, `v2` (can be changed while running). */
  version: string;
  /** Send ETag and honour If-None-Match. */
  etag: boolean;
  /** Answer `Range: bytes=-N` with 206 and the last N bytes (otherwise the Range header is ignored). */
  honourRange: boolean;
  /** Bytes of navigation markup injected at `<!--NAV-PADDING…-->` to give pages a realistic head. */
  padBytes: number;
  /** Per path, statuses to answer before serving normally (e.g. [503] = one 503 then the page). */
  faults: Map<string, number[]>;
  /** Paths that always answer 500. */
  broken: Set<string>;
  /** Per path, milliseconds to wait before answering (a slow page). */
  delays: Map<string, number>;
  /** Rewrites a page before it is served (e.g. to inject markup a reader warns about). */
  transform?: (urlPath: string, html: string) => string;
  /** Files served as they are at these paths (e.g. `/search-index.json`), before the fixture pages. */
  extra: Map<string, Buffer | string>;
  /** Directory of `<version>/<path>/index.html` pages (default: test/fixtures/site). */
  siteDir: string;
}

export interface RequestLog {
  readonly path: string;
  readonly status: number;
  readonly bytes: number;
  readonly range?: string;
  readonly ifNoneMatch?: string;
}

export interface SiteServer {
  readonly url: string;
  readonly options: SiteOptions;
  readonly requests: RequestLog[];
  /** The page bytes as served (padding included) for a path under the current version. */
  page(urlPath: string): Promise<Buffer>;
  close(): Promise<void>;
}

function padding(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const li = `<li><a href="/en/apireference/other/service-${i}/apis/operation${i}/1.0/">Operation ${i}</a></li>\n`;
    parts.push(li);
    size += li.length;
  }
  return parts.join('');
}

export async function startSiteServer(opts: Partial<SiteOptions> = {}): Promise<SiteServer> {
  const options: SiteOptions = { version: 'v1', etag: true, honourRange: true, padBytes: 0, faults: new Map(), broken: new Set(), delays: new Map(), extra: new Map(), siteDir: SITE_DIR, ...opts };
  const requests: RequestLog[] = [];

  const page = async (urlPath: string): Promise<Buffer> => {
    const extra = options.extra.get(urlPath);
    if (extra !== undefined) return Buffer.from(extra);
    const file = path.join(options.siteDir, options.version, urlPath, 'index.html');
    const text = (await readFile(file, 'utf8')).replace(/<!--NAV-PADDING[^>]*-->/, padding(options.padBytes));
    return Buffer.from(options.transform ? options.transform(urlPath, text) : text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const urlPath = new URL(req.url ?? '/', 'http://x').pathname;
    const range = req.headers.range;
    const ifNoneMatch = req.headers['if-none-match'];
    const send = (status: number, body: Buffer | string, headers: Record<string, string> = {}): void => {
      const buf = typeof body === 'string' ? Buffer.from(body) : body;
      requests.push({ path: urlPath, status, bytes: buf.length, ...(range ? { range } : {}), ...(ifNoneMatch ? { ifNoneMatch } : {}) });
      const type = urlPath.endsWith('.json') ? 'application/json' : 'text/html; charset=utf-8';
      res.writeHead(status, { 'content-length': String(buf.length), 'content-type': type, ...headers });
      res.end(buf);
    };
    const delay = options.delays.get(urlPath);
    if (delay !== undefined) await new Promise((resolve) => setTimeout(resolve, delay));
    const queued = options.faults.get(urlPath);
    if (queued && queued.length > 0) return send(queued.shift() as number, 'upstream connect error or disconnect/reset before headers. reset reason: connection timeout');
    if (options.broken.has(urlPath)) return send(500, 'internal error');
    let body: Buffer;
    try {
      body = await page(urlPath);
    } catch {
      return send(404, 'not found');
    }
    const tag = `"${createHash('sha1').update(body).digest('hex')}"`;
    const validators: Record<string, string> = options.etag ? { etag: tag } : {};
    if (options.etag && ifNoneMatch === tag) {
      requests.push({ path: urlPath, status: 304, bytes: 0, ...(range ? { range } : {}), ifNoneMatch });
      res.writeHead(304, validators);
      res.end();
      return;
    }
    const suffix = typeof range === 'string' ? /^bytes=-(\d+)$/.exec(range) : null;
    if (options.honourRange && suffix) {
      const n = Math.min(Number(suffix[1]), body.length);
      const start = body.length - n;
      return send(206, body.subarray(start), { ...validators, 'content-range': `bytes ${start}-${body.length - 1}/${body.length}`, 'accept-ranges': 'bytes' });
    }
    send(200, body, validators);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      res.writeHead(500);
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    options,
    requests,
    page,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

/**
 * A fresh project root in the OS temp dir: sources/ with the fixture manifest and the pages of
 * `version` (as served with `padBytes` of padding), sha256 filled in.
 */
export async function makeProject(version: 'v1' | 'v2' = 'v1', padBytes = 0): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'scp-update-'));
  const sources = path.join(root, 'sources');
  await mkdir(sources, { recursive: true });
  const manifest = JSON.parse(await readFile(path.join(SITE_DIR, 'manifest.json'), 'utf8')) as { files: { file: string; origin: string; sha256: string }[] };
  for (const entry of manifest.files) {
    const urlPath = new URL(entry.origin).pathname;
    if (FILES[urlPath] !== entry.file) throw new Error(`fixture manifest and FILES disagree on ${urlPath}`);
    const text = await readFile(path.join(SITE_DIR, version, urlPath, 'index.html'), 'utf8');
    const body = Buffer.from(text.replace(/<!--NAV-PADDING[^>]*-->/, padding(padBytes)));
    await writeFile(path.join(sources, entry.file), body);
    entry.sha256 = createHash('sha256').update(body).digest('hex');
  }
  await writeFile(path.join(sources, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return root;
}

/** Every file under `dir` (relative path → sha256), for byte-identity checks. */
export async function treeHashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  for (const e of entries) {
    if (!e.isFile()) continue;
    const full = path.join(e.parentPath, e.name);
    out[path.relative(dir, full)] = createHash('sha256').update(await readFile(full)).digest('hex');
  }
  return out;
}
