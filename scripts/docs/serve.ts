/**
 * A small static file server for the built site (node:http), bound to localhost by default.
 * Directories serve their index.html; paths cannot escape the site directory. It sends the build's
 * precompressed copy (`.br`, else `.gz`) when the client accepts it; content-hashed assets
 * (`assets/name.<hash>.ext`) may be kept by browsers for a year, everything else is revalidated with
 * an ETag (a 304 costs a few hundred bytes). A missing page gets the site's styled 404.html.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { HASHED_ASSET } from './site-assets.ts';

export interface ServeOptions {
  siteDir: string;
  port?: number;
  host?: string;
}

export interface DocsServer {
  url: string;
  close(): Promise<void>;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.yml': 'application/yaml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Precompressed variants, preferred first: the file suffix and the Content-Encoding it means. */
const ENCODINGS = [
  { suffix: '.br', name: 'br' },
  { suffix: '.gz', name: 'gzip' },
] as const;

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** Map a request path to a file inside root, or undefined when it would leave root. */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  return file === root || file.startsWith(root + path.sep) ? file : undefined;
}

/** Encodings the client accepts (q=0 refuses one). */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const out = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) out.add(name);
  }
  return out;
}

interface Chosen {
  readonly file: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly encoding?: string;
}

/** The file to send for `file`: its best precompressed copy the client accepts, else itself. */
async function choose(file: string, size: number, mtimeMs: number, accept: Set<string>): Promise<Chosen> {
  for (const e of ENCODINGS) {
    if (!accept.has(e.name)) continue;
    const info = await stat(file + e.suffix).catch(() => undefined);
    if (info?.isFile()) return { file: file + e.suffix, size: info.size, mtimeMs: info.mtimeMs, encoding: e.name };
  }
  return { file, size, mtimeMs };
}

/** The page file for a request path (index.html for directories), or a redirect for a directory without its slash. */
async function locate(root: string, urlPath: string): Promise<{ file: string; size: number; mtimeMs: number } | { redirect: string } | undefined> {
  const file = resolveInside(root, urlPath);
  if (!file) return undefined;
  const info = await stat(file).catch(() => undefined);
  if (info?.isFile()) return { file, size: info.size, mtimeMs: info.mtimeMs };
  if (!info?.isDirectory()) return undefined;
  if (!urlPath.endsWith('/')) return { redirect: `${urlPath}/` };
  const index = path.join(file, 'index.html');
  const s = await stat(index).catch(() => undefined);
  return s?.isFile() ? { file: index, size: s.size, mtimeMs: s.mtimeMs } : undefined;
}

function send(req: http.IncomingMessage, res: http.ServerResponse, status: number, chosen: Chosen, contentFile: string): void {
  const etag = `"${chosen.size.toString(16)}-${Math.floor(chosen.mtimeMs).toString(16)}${chosen.encoding ? `-${chosen.encoding}` : ''}"`;
  const headers: http.OutgoingHttpHeaders = {
    'content-type': TYPES[path.extname(contentFile).toLowerCase()] ?? 'application/octet-stream',
    'cache-control': status === 200 && HASHED_ASSET.test(contentFile) ? IMMUTABLE : REVALIDATE,
    vary: 'Accept-Encoding',
    'x-content-type-options': 'nosniff',
  };
  if (status === 200) headers.etag = etag;
  if (chosen.encoding) headers['content-encoding'] = chosen.encoding;
  if (status === 200 && req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    return void res.end();
  }
  res.writeHead(status, { ...headers, 'content-length': chosen.size });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(chosen.file).pipe(res);
}

export async function serveDocs(opts: ServeOptions): Promise<DocsServer> {
  const root = path.resolve(opts.siteDir);
  const host = opts.host ?? '127.0.0.1';
  const server = http.createServer(async (req, res) => {
    const plain = (code: number, body: string): void => {
      res.writeHead(code, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return plain(405, 'Method Not Allowed');
      const urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (!resolveInside(root, urlPath)) return plain(400, 'Bad Request');
      const accept = acceptedEncodings(req.headers['accept-encoding'] as string | undefined);
      const found = await locate(root, urlPath);
      if (found && 'redirect' in found) {
        res.writeHead(301, { location: found.redirect });
        return void res.end();
      }
      if (found) return send(req, res, 200, await choose(found.file, found.size, found.mtimeMs, accept), found.file);
      const notFound = await locate(root, '/404.html');
      if (notFound && !('redirect' in notFound)) return send(req, res, 404, await choose(notFound.file, notFound.size, notFound.mtimeMs, accept), notFound.file);
      plain(404, `Not Found: ${urlPath}`);
    } catch {
      if (!res.headersSent) plain(500, 'Internal Server Error');
      else res.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8080, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
