import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { compress } from '../../scripts/docs/precompress.ts';
import { type DocsServer, IMMUTABLE, REVALIDATE, acceptedEncodings, resolveInside, serveDocs } from '../../scripts/docs/serve.ts';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A GET with the given request headers, returning the raw (possibly compressed) body. */
function fetchRaw(url: string, rawPath: string, headers: Record<string, string> = {}): Promise<Raw> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    http
      .get({ host: u.hostname, port: u.port, path: rawPath, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

/** A raw GET (no URL normalisation by the client, so traversal attempts reach the server as written). */
function get(url: string, rawPath: string): Promise<{ status: number; type?: string; body: string; location?: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    http
      .get({ host: u.hostname, port: u.port, path: rawPath }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body, location: res.headers.location }));
      })
      .on('error', reject);
  });
}

describe('serveDocs', () => {
  let dir: string;
  let server: DocsServer;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'scp-serve-'));
    await mkdir(path.join(dir, 'site', 'data-flow'), { recursive: true });
    await writeFile(path.join(dir, 'site', 'index.html'), '<h1>portal</h1>');
    await writeFile(path.join(dir, 'site', 'data-flow', '1.1.html'), '<h1>df</h1>');
    await writeFile(path.join(dir, 'site', 'data-flow', '1.1.yaml'), 'openapi: 3.1.0\n');
    await writeFile(path.join(dir, 'secret.txt'), 'outside the site');
    // A page with its precompressed copies, a content-hashed asset, and the styled 404 page.
    const page = Buffer.from(`<h1>big</h1>${'<p>repeated text</p>'.repeat(200)}`);
    const { gzip, brotli } = await compress(page);
    await writeFile(path.join(dir, 'site', 'big.html'), page);
    await writeFile(path.join(dir, 'site', 'big.html.gz'), gzip);
    await writeFile(path.join(dir, 'site', 'big.html.br'), brotli);
    await mkdir(path.join(dir, 'site', 'assets'), { recursive: true });
    await writeFile(path.join(dir, 'site', 'assets', 'portal.0123456789.css'), 'body{}');
    await writeFile(path.join(dir, 'site', '404.html'), '<!DOCTYPE html><title>Page not found</title><h1>Page not found</h1>');
    server = await serveDocs({ siteDir: path.join(dir, 'site'), port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('listens on localhost and serves files with their content types', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await get(server.url, '/')).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', body: '<h1>portal</h1>' });
    expect(await get(server.url, '/data-flow/1.1.html')).toMatchObject({ status: 200, body: '<h1>df</h1>' });
    expect((await get(server.url, '/data-flow/1.1.yaml')).type).toBe('application/yaml; charset=utf-8');
    expect(await get(server.url, '/data-flow')).toMatchObject({ status: 301, location: '/data-flow/' });
    expect(await get(server.url, '/nope.html')).toMatchObject({ status: 404, type: 'text/html; charset=utf-8' });
  });

  it('answers a missing page with the styled 404 page', async () => {
    const r = await get(server.url, '/data-flow/9.9.html');
    expect(r.status).toBe(404);
    expect(r.body).toContain('<h1>Page not found</h1>');
  });

  it('sends the precompressed copy the client accepts, brotli first, and the plain file otherwise', async () => {
    const plain = await fetchRaw(server.url, '/big.html');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await fetchRaw(server.url, '/big.html', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.body.length).toBeLessThan(plain.body.length / 10);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    const gz = await fetchRaw(server.url, '/big.html', { 'accept-encoding': 'gzip, br;q=0' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    expect([...acceptedEncodings('gzip;q=1.0, br;q=0, *')]).toEqual(['gzip', '*']);
  });

  it('lets browsers keep content-hashed assets for a year and revalidates everything else with an ETag', async () => {
    expect((await fetchRaw(server.url, '/assets/portal.0123456789.css')).headers['cache-control']).toBe(IMMUTABLE);
    const page = await fetchRaw(server.url, '/big.html', { 'accept-encoding': 'br' });
    expect(page.headers['cache-control']).toBe(REVALIDATE);
    const etag = page.headers.etag ?? '';
    expect(etag).toMatch(/^".+-br"$/);
    const again = await fetchRaw(server.url, '/big.html', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // The gzip copy is another representation: the brotli ETag does not match it.
    expect((await fetchRaw(server.url, '/big.html', { 'accept-encoding': 'gzip', 'if-none-match': etag })).status).toBe(200);
  });

  it('never serves a file outside the site directory', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/data-flow/..%2f..%2fsecret.txt', '/%00']) {
      const r = await get(server.url, p);
      expect(r.body, p).not.toContain('outside the site');
      expect([400, 404], p).toContain(r.status);
    }
    const root = path.join(dir, 'site');
    expect(resolveInside(root, '/a/../../secret.txt')).toBe(path.join(root, 'secret.txt'));
    expect(resolveInside(root, '/%2e%2e/secret.txt')).toBe(path.join(root, 'secret.txt'));
    expect(resolveInside(root, '/%E0%A4%A')).toBeUndefined();
  });
});
