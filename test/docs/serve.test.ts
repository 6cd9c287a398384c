import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DocsServer, resolveInside, serveDocs } from '../../scripts/docs/serve.ts';

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
    expect((await get(server.url, '/nope.html')).status).toBe(404);
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
