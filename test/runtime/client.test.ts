/**
 * The typed client end to end against a loopback server that checks every signature itself (node:crypto,
 * independent of src/signing.ts) and answers 401 when it does not match.
 */
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import {
  checkDeprecation,
  createScpClient,
  createScpClientAsync,
  createScpClientFromMeta,
  paginate,
  ScpApiError,
  ScpConfigError,
  ScpTimeoutError,
  type DeprecationNotice,
  type ScpClientEvent,
  type ScpClientOptions,
  type ServiceVersionMeta,
  registry,
} from '../../src/index.ts';

const root = path.resolve(import.meta.dirname, '../..');
// The registry is generated from specs/ once the build has emitted them, from the fixtures before that.
const specsDir = existsSync(path.join(root, 'specs/data-flow/1.1.yaml')) ? path.join(root, 'specs') : path.join(root, 'test/fixtures/specs');

type Doc = { paths: Record<string, Record<string, Record<string, unknown>>> };
const parsedSpecs = new Map<string, Doc>();
function spec(service: string, version: string): Doc {
  const file = path.join(specsDir, service, `${version}.yaml`);
  let doc = parsedSpecs.get(file);
  if (!doc) parsedSpecs.set(file, (doc = parse(readFileSync(file, 'utf8')) as Doc));
  return doc;
}
/** `x-scp-api-version` of an operation, read straight from the spec (not from the registry the client uses). */
function specApiVersion(service: string, version: string, method: string, p: string): string {
  return spec(service, version).paths[p]![method]!['x-scp-api-version'] as string;
}

const SECRET = 'client-test-secret/with+chars=';
const ACCESS_KEY = 'AKCLIENTTEST00000001';
const ACCOUNT = 'acct-client-test-0001';
const TOKEN = 'session-token-xyz-0001';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: http.Server;
let origin: string;
const seen: Seen[] = [];
/** Statuses to answer before normal routing, one per request (e.g. [503] = one 503, then the real answer). */
const queue: number[] = [];
let emptyConfigDir: string;

/** 3 data flows, served 0-based by page/size with total_count; and 3 eventstreams clusters with `count`. */
const FLOWS = ['df-a', 'df-b', 'df-c'].map((id) => ({
  account_id: ACCOUNT,
  cluster_id: 'cl-1',
  created_by: 'tester',
  created_dt: '2026-02-11T06:41:26.053Z',
  data_flow_id: id,
  data_flow_name: `name-${id}`,
  image_id: 'img-1',
  instance_id: null,
  is_active_image: true,
  modified_by: 'tester',
  modified_dt: '2026-02-11T06:41:26.060Z',
  namespace_name: 'ns',
  state: 'RUNNING',
  version: '1.1',
}));
const CLUSTERS = ['es-1', 'es-2', 'es-3'].map((id) => ({ id, name: `cluster-${id}`, service_state: 'RUNNING' }));

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function route(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', origin);
  const page = Number(url.searchParams.get('page') ?? 0);
  const size = Number(url.searchParams.get('size') ?? 20);
  const detail = /^\/v1\/data-flows\/([^/]+)$/.exec(url.pathname);
  if (req.method === 'GET' && url.pathname === '/v1/data-flows') {
    return json(res, 200, { contents: FLOWS.slice(page * size, page * size + size), total_count: FLOWS.length });
  }
  if (req.method === 'GET' && url.pathname === '/v1/clusters') {
    return json(res, 200, { contents: CLUSTERS.slice(page * size, page * size + size), count: CLUSTERS.length, page, size });
  }
  if (req.method === 'POST' && url.pathname === '/v1/data-flows') {
    res.writeHead(202);
    res.end();
    return;
  }
  if (req.method === 'GET' && detail) {
    const id = decodeURIComponent(detail[1]!);
    if (id === 'stalled') {
      // Headers and part of the body, then nothing: only a timeout or an abort ends the wait.
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.write('{"data_flow_id":');
    }
    if (id === 'echo') return json(res, 400, { message: `bad token ${req.headers['x-auth-token']} for ${SECRET}`, detail: [TOKEN] });
    if (id === 'missing') return json(res, 404, { message: 'data flow missing not found' }, { 'x-request-id': 'req-404-abc' });
    const flow = FLOWS.find((f) => f.data_flow_id === id) ?? { ...FLOWS[0]!, data_flow_id: id };
    return json(res, 200, flow);
  }
  json(res, 404, { message: `no route ${req.method} ${url.pathname}` });
}

beforeAll(async () => {
  emptyConfigDir = mkdtempSync(path.join(os.tmpdir(), 'scp-client-test-'));
  server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const timestamp = String(req.headers['scp-timestamp'] ?? '');
      const accountId = String(req.headers['scp-accountid'] ?? '');
      const expected = createHmac('sha256', SECRET)
        .update(`${req.method}${origin}${req.url}${timestamp}${ACCESS_KEY}${accountId}Openapi`, 'utf8')
        .digest('base64');
      if (req.headers['scp-signature'] !== expected || req.headers['scp-accesskey'] !== ACCESS_KEY) {
        return json(res, 401, { message: 'signature mismatch' }, { 'x-request-id': 'req-401' });
      }
      const status = queue.shift();
      if (status !== undefined) return json(res, status, { message: `queued ${status}` });
      route(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(emptyConfigDir, { recursive: true, force: true });
});

beforeEach(() => {
  seen.length = 0;
  queue.length = 0;
});

/** Options for a client talking to the loopback server, isolated from the machine's env and ~/.scpconf. */
function loopback<const E extends ScpClientOptions = {}>(extra: E = {} as E) {
  return {
    baseUrl: origin,
    accessKey: ACCESS_KEY,
    secretKey: SECRET,
    accountId: ACCOUNT,
    sessionToken: TOKEN,
    env: {},
    configDir: emptyConfigDir,
    onDeprecation: () => undefined,
    ...extra,
  };
}

/** A data-flow create body with the documented required fields. */
function createBody(name: string) {
  return {
    cluster_id: 'cl-1',
    data_flow_name: name,
    domain: 'flow.example',
    host_alias_list: [],
    image_id: 'img-1',
    ingress_controller_name: 'nginx',
    storage_class_name: 'std',
  };
}

describe('createScpClient against a signature-checking server', () => {
  it('passes with the right secret and fails (401) with a wrong one', async () => {
    const good = createScpClient('data-flow', '1.1', loopback());
    const ok = await good.GET('/v1/data-flows/{data_flow_id}', { params: { path: { data_flow_id: 'df-b' } } });
    expect(ok.error).toBeUndefined();
    expect(ok.data?.data_flow_name).toBe('name-df-b');
    expect(seen[0]!.url).toBe('/v1/data-flows/df-b');

    const bad = createScpClient('data-flow', '1.1', loopback({ secretKey: 'not-the-secret' }));
    const denied = await bad.GET('/v1/data-flows/{data_flow_id}', { params: { path: { data_flow_id: 'df-b' } } });
    expect(denied.data).toBeUndefined();
    expect(denied.error).toEqual({ status: 401, requestId: 'req-401', body: { message: 'signature mismatch' } });
  });

  it('signs the query string as sent', async () => {
    const client = createScpClient('data-flow', '1.1', loopback());
    const { data, error } = await client.GET('/v1/data-flows', {
      params: { query: { page: 1, size: 2, sort: 'created_dt:desc' } },
    });
    expect(error).toBeUndefined();
    expect(data?.contents?.map((f) => f.data_flow_id)).toEqual(['df-c']);
    expect(seen[0]!.url).toBe('/v1/data-flows?page=1&size=2&sort=created_dt%3Adesc');
  });

  it.each([
    ['data-flow', '1.1', '/v1/data-flows'],
    ['data-flow', '1.0', '/v1/data-flows'],
    ['eventstreams', '1.0', '/v1/clusters'],
  ] as const)('sends the SCP headers for %s %s', async (service, version, listPath) => {
    // The cases mix services, so the per-spec types do not apply here; the runtime path is the same.
    const create = createScpClient as (s: string, v: string, o: ScpClientOptions) => { GET(p: string): Promise<{ error?: unknown }> };
    const { error } = await create(service, version, loopback()).GET(listPath);
    expect(error).toBeUndefined();
    const h = seen[0]!.headers;
    expect(h['scp-api-version']).toBe(specApiVersion(service, version, 'get', listPath));
    expect(h['scp-api-version']).toBe(`${service} ${version}`);
    expect(h['accept-language']).toBe('en-US');
    expect(h['scp-accountid']).toBe(ACCOUNT);
    expect(h['x-auth-token']).toBe(TOKEN);
    expect(h['scp-clienttype']).toBe('Openapi');
    expect(h['scp-accesskey']).toBe(ACCESS_KEY);
    expect(Number(h['scp-timestamp'])).toBeGreaterThan(Date.parse('2020-01-01'));
  });

  it('sends each operation its own Scp-Api-Version under latest', async () => {
    const client = createScpClient('data-flow', 'latest', loopback({ acceptLanguage: 'ko-KR' }));
    await client.GET('/v1/data-flows');
    await client.GET('/v1/data-flows/{data_flow_id}', { params: { path: { data_flow_id: 'df-a' } } });
    expect(seen.map((s) => s.headers['scp-api-version'])).toEqual([
      specApiVersion('data-flow', 'latest', 'get', '/v1/data-flows'),
      specApiVersion('data-flow', 'latest', 'get', '/v1/data-flows/{data_flow_id}'),
    ]);
    expect(seen[0]!.headers['accept-language']).toBe('ko-KR');
  });

  it('lets an explicit Scp-Api-Version win and shows the chosen one to user middleware', async () => {
    const client = createScpClient('data-flow', '1.1', loopback());
    const seenByMiddleware: (string | null)[] = [];
    client.use({ onRequest: ({ request }) => void seenByMiddleware.push(request.headers.get('scp-api-version')) });
    await client.GET('/v1/data-flows', { headers: { 'scp-api-version': 'data-flow 1.0' } });
    await client.GET('/v1/data-flows', { headers: new Headers({ 'X-Extra': 'yes' }) });
    expect(seen.map((s) => s.headers['scp-api-version'])).toEqual(['data-flow 1.0', 'data-flow 1.1']);
    expect(seen[1]!.headers['x-extra']).toBe('yes');
    expect(seenByMiddleware).toEqual(['data-flow 1.0', 'data-flow 1.1']);
  });

  it('takes the version per operation from the registry entry, not from the pinned name', async () => {
    // A `latest` whose operations come from two versions (as happens when only some operations get a new version).
    const mixed: ServiceVersionMeta = {
      service: 'data-flow',
      version: 'latest',
      serverTemplate: 'https://data-flow.{region}.{environment}.samsungsdscloud.com',
      environments: [{ environment: 's', region: 'kr-west1' }],
      operations: {
        'GET /v1/data-flows': { apiVersion: 'data-flow 1.1', status: 'CURRENT' },
        'GET /v1/data-flows/{data_flow_id}': { apiVersion: 'data-flow 1.0', status: 'CURRENT' },
      },
    };
    const client = createScpClientFromMeta<{ '/v1/data-flows': any; '/v1/data-flows/{data_flow_id}': any }>(mixed, loopback());
    await (client.GET as (p: string, i?: unknown) => Promise<unknown>)('/v1/data-flows/{data_flow_id}', { params: { path: { data_flow_id: 'x' } } });
    await (client.GET as (p: string) => Promise<unknown>)('/v1/data-flows');
    expect(seen.map((s) => s.headers['scp-api-version'])).toEqual(['data-flow 1.0', 'data-flow 1.1']);
  });

  it('builds the base URL from region and environment when no baseUrl is given', async () => {
    const urls: string[] = [];
    const { baseUrl: _, ...noBaseUrl } = loopback();
    const client = createScpClient('data-flow', '1.1', {
      ...noBaseUrl,
      region: 'kr-east1',
      environment: 'e',
      fetch: async (input: RequestInfo | URL) => {
        urls.push(input instanceof Request ? input.url : String(input));
        return new Response(JSON.stringify({ contents: [], total_count: 0 }), { headers: { 'content-type': 'application/json' } });
      },
    });
    await client.GET('/v1/data-flows');
    expect(urls).toEqual(['https://data-flow.kr-east1.e.samsungsdscloud.com/v1/data-flows']);
  });

  it('retries a 503 with a fresh timestamp and signature', async () => {
    queue.push(503);
    const client = createScpClient('data-flow', '1.1', loopback({ retry: { baseDelayMs: 1 } }));
    const { data, error } = await client.GET('/v1/data-flows/{data_flow_id}', { params: { path: { data_flow_id: 'df-c' } } });
    expect(error).toBeUndefined();
    expect(data?.data_flow_id).toBe('df-c');
    expect(seen).toHaveLength(2);
    const [first, second] = seen as [Seen, Seen];
    expect(second.headers['scp-timestamp']).not.toBe(first.headers['scp-timestamp']);
    expect(second.headers['scp-signature']).not.toBe(first.headers['scp-signature']);
  });

  it('does not retry POST unless asked to, per client or per request', async () => {
    const body = createBody('flow');
    const client = createScpClient('data-flow', '1.1', loopback({ retry: { baseDelayMs: 1 } }));
    queue.push(503);
    const once = await client.POST('/v1/data-flows', { body });
    expect(once.error?.status).toBe(503);
    expect(seen).toHaveLength(1);

    seen.length = 0;
    queue.push(503);
    const retried = await client.POST('/v1/data-flows', { body, retry: { retryNonIdempotent: true, baseDelayMs: 1 } });
    expect(retried.error).toBeUndefined();
    expect(retried.response.status).toBe(202);
    expect(seen.map((s) => s.method)).toEqual(['POST', 'POST']);
    expect(JSON.parse(seen[1]!.body)).toEqual(body);
  });

  it('times out a body that stalls after the headers (per-request override of the client default)', async () => {
    const client = createScpClient('data-flow', '1.1', loopback({ timeoutMs: 600_000 }));
    const call = client.GET('/v1/data-flows/{data_flow_id}', {
      params: { path: { data_flow_id: 'stalled' } },
      timeoutMs: 300,
      retry: { maxAttempts: 1 },
    });
    await expect(call).rejects.toMatchObject({ name: 'ScpTimeoutError', timeoutMs: 300, attempts: 1 });
    await expect(call).rejects.toBeInstanceOf(ScpTimeoutError);
  });

  it('sends the same signed request with and without user middleware (a real Request only for middleware)', async () => {
    const body = createBody('흐름 one');
    const exchange = async (client: ReturnType<typeof createScpClient<'data-flow', '1.1'>>) => {
      const got = await client.GET('/v1/data-flows/{data_flow_id}', { params: { path: { data_flow_id: 'ü x/1' } } });
      const listed = await client.GET('/v1/data-flows', { params: { query: { size: 2, data_flow_name: 'a b&c' } } });
      const posted = await client.POST('/v1/data-flows', { body, redirect: 'error' });
      return [got.response.status, got.data?.data_flow_id, listed.response.status, posted.response.status];
    };
    const redirects: (string | undefined)[] = [];
    const recording = loopback({ fetch: (url: RequestInfo | URL, init?: RequestInit) => (redirects.push(init?.redirect), fetch(url, init)) });
    const plain = createScpClient('data-flow', '1.1', recording);
    expect(await exchange(plain)).toEqual([200, 'ü x/1', 200, 202]);
    const bare = seen.splice(0).map(({ method, url, body, headers }) => [method, url, body, headers['content-type']]);
    const withMiddleware = createScpClient('data-flow', '1.1', recording);
    const requests: string[] = [];
    withMiddleware.use({ onRequest: ({ request }) => void requests.push(`${request.constructor.name} ${request.method}`) });
    expect(await exchange(withMiddleware)).toEqual([200, 'ü x/1', 200, 202]);
    expect(seen.map(({ method, url, body, headers }) => [method, url, body, headers['content-type']])).toEqual(bare);
    expect(requests).toEqual(['Request GET', 'Request GET', 'Request POST']);
    expect(redirects).toEqual([undefined, undefined, 'error', undefined, undefined, 'error']);
    expect(bare.map(([method, url]) => `${method} ${url}`)).toEqual([
      'GET /v1/data-flows/%C3%BC%20x%2F1',
      'GET /v1/data-flows?size=2&data_flow_name=a%20b%26c',
      'POST /v1/data-flows',
    ]);
    expect(JSON.parse(bare[2]![2]!)).toEqual(body);
  });

  it('lets the caller abort a stalled body through the client, and stops calling ejected middleware', async () => {
    const client = createScpClient('data-flow', '1.1', loopback());
    const calls: string[] = [];
    const middleware = { onRequest: () => void calls.push('called') };
    client.use(middleware);
    client.eject(middleware);
    const controller = new AbortController();
    const call = client.GET('/v1/data-flows/{data_flow_id}', { params: { path: { data_flow_id: 'stalled' } }, signal: controller.signal });
    while (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new Error('caller gave up'));
    await expect(call).rejects.toThrow('caller gave up');
    expect(calls).toEqual([]);
  });

  it('refuses a missing, empty, `.` or `..` path parameter before anything is signed or sent', async () => {
    const client = createScpClient('data-flow', '1.1', loopback());
    const untyped = client.DELETE as unknown as (p: string, i?: unknown) => Promise<unknown>;
    for (const [value, shown] of [['..', '".."'], ['.', '"."'], ['', '""'], [[], '""']] as const) {
      await expect(untyped('/v1/data-flows/{data_flow_id}', { params: { path: { data_flow_id: value } } })).rejects.toThrow(
        `DELETE /v1/data-flows/{data_flow_id}: path parameter "data_flow_id" is ${shown}, which would change the request's path`,
      );
    }
    await expect(untyped('/v1/data-flows/{data_flow_id}', { params: { path: {} } })).rejects.toMatchObject({
      name: 'ScpRequestError',
      message: 'DELETE /v1/data-flows/{data_flow_id}: path parameter "data_flow_id" is missing',
    });
    await expect(untyped('/v1/data-flows/{data_flow_id}')).rejects.toThrow(/is missing/);
    expect(seen).toHaveLength(0);
    // Values that only look alike are fine, and arrive encoded.
    await client.DELETE('/v1/data-flows/{data_flow_id}', { params: { path: { data_flow_id: '...' } } });
    await client.DELETE('/v1/data-flows/{data_flow_id}', { params: { path: { data_flow_id: '../x' } } });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['DELETE /v1/data-flows/...', 'DELETE /v1/data-flows/..%2Fx']);
  });

  it('refuses a session token with a line break without ever showing it', async () => {
    const token = 'tok-first-line\ntok-second-line';
    const events: ScpClientEvent[] = [];
    const client = createScpClient('data-flow', '1.1', loopback({ sessionToken: token, onEvent: (e: ScpClientEvent) => events.push(e) }));
    const error = await client.GET('/v1/data-flows').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScpConfigError);
    expect((error as Error).message).toBe('SCP session token contains a line break, NUL or surrounding whitespace, which an HTTP header cannot carry');
    const text = `${String(error)} ${(error as Error).stack} ${inspect(error, { depth: 10 })} ${JSON.stringify(events)}`;
    expect(text).not.toContain('tok-first-line');
    expect(text).not.toContain('tok-second-line');
    expect(seen).toHaveLength(0);
  });

  it('cuts the secret key and session token from error info and ScpApiError when the server echoes them', async () => {
    const client = createScpClient('data-flow', '1.1', loopback());
    const { error } = await client.GET('/v1/data-flows/{data_flow_id}', { params: { path: { data_flow_id: 'echo' } } });
    expect(error).toEqual({ status: 400, body: { message: 'bad token [REDACTED] for [REDACTED]', detail: ['[REDACTED]'] } });

    const throwing = createScpClient('data-flow', '1.1', loopback({ throwOnError: true }));
    const thrown = await throwing.GET('/v1/data-flows/{data_flow_id}', { params: { path: { data_flow_id: 'echo' } } }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(ScpApiError);
    expect((thrown as Error).message).toContain('bad token [REDACTED] for [REDACTED]');
    const text = `${(thrown as Error).message} ${inspect(thrown, { depth: 10 })} ${JSON.stringify((thrown as ScpApiError).body)}`;
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(SECRET);
  });

  it('returns error info with the request id, or throws ScpApiError with throwOnError', async () => {
    const client = createScpClient('data-flow', '1.1', loopback());
    const r = await client.GET('/v1/data-flows/{data_flow_id}', { params: { path: { data_flow_id: 'missing' } } });
    expect(r.error).toEqual({ status: 404, requestId: 'req-404-abc', body: { message: 'data flow missing not found' } });
    expect(r.response.status).toBe(404);

    const throwing = createScpClient('data-flow', '1.1', loopback({ throwOnError: true }));
    const err = await throwing
      .GET('/v1/data-flows/{data_flow_id}', { params: { path: { data_flow_id: 'missing' } } })
      .then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ScpApiError);
    const apiError = err as ScpApiError;
    expect([apiError.status, apiError.requestId, apiError.method, apiError.url]).toEqual([
      404,
      'req-404-abc',
      'GET',
      `${origin}/v1/data-flows/missing`,
    ]);
    expect(apiError.body).toEqual({ message: 'data flow missing not found' });
    expect(apiError.message).toContain('data flow missing not found');
    expect(`${apiError.message} ${inspect(apiError)}`).not.toContain(SECRET);

    const fine = await throwing.GET('/v1/data-flows/{data_flow_id}', { params: { path: { data_flow_id: 'df-a' } } });
    expect(fine.data.data_flow_id).toBe('df-a');
  });

  it('fails with ScpConfigError before sending anything when credentials are missing', async () => {
    const noCreds = { baseUrl: origin, env: {}, configDir: emptyConfigDir };
    const client = createScpClient('data-flow', '1.1', noCreds);
    await expect(client.GET('/v1/data-flows')).rejects.toBeInstanceOf(ScpConfigError);
    await expect(createScpClientAsync('data-flow', '1.1', noCreds)).rejects.toThrow(/secret key|access key/);
    expect(seen).toHaveLength(0);
  });

  it('warns once per client when the pinned version nears its supported-until date', async () => {
    const until = spec('data-flow', '1.0').paths['/v1/data-flows']!['get']!['x-scp-supported-until'] as string;
    const untilMs = Date.parse(`${until}T00:00:00Z`);
    const notices: DeprecationNotice[] = [];
    const events: ScpClientEvent[] = [];
    // 30 days before the documented date: inside the default 90-day window.
    const old = createScpClient('data-flow', '1.0', loopback({
      now: () => untilMs - 30 * 86_400_000,
      onDeprecation: (n: DeprecationNotice) => notices.push(n),
      onEvent: (e: ScpClientEvent) => events.push(e),
    }));
    await old.GET('/v1/data-flows');
    await old.GET('/v1/data-flows');
    expect(seen).toHaveLength(2);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ service: 'data-flow', version: '1.0', reason: 'ending', date: until, daysLeft: 30 });
    expect(notices[0]!.suggestedVersion).toBe('1.1');
    expect(notices[0]!.message).toContain(until);
    expect(events.filter((e) => e.type === 'deprecation')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'request')).toHaveLength(2);

    // Without hooks the notice goes to console.warn, still once per client.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const plain = createScpClient('data-flow', '1.0', loopback({ now: () => untilMs - 30 * 86_400_000, onDeprecation: undefined }));
      await plain.GET('/v1/data-flows');
      await plain.GET('/v1/data-flows');
      expect(warn.mock.calls).toEqual([[notices[0]!.message]]);
    } finally {
      warn.mockRestore();
    }

    // Outside the window (or a smaller max-remain-days), and for the current version: silence.
    const quiet: DeprecationNotice[] = [];
    const early = createScpClient('data-flow', '1.0', loopback({ now: () => untilMs - 120 * 86_400_000, onDeprecation: (n: DeprecationNotice) => quiet.push(n) }));
    await early.GET('/v1/data-flows');
    const narrow = createScpClient('data-flow', '1.0', loopback({ now: () => untilMs - 30 * 86_400_000, maxRemainDays: 7, onDeprecation: (n: DeprecationNotice) => quiet.push(n) }));
    await narrow.GET('/v1/data-flows');
    const current = createScpClient('data-flow', '1.1', loopback({ now: () => untilMs - 30 * 86_400_000, onDeprecation: (n: DeprecationNotice) => quiet.push(n) }));
    await current.GET('/v1/data-flows');
    expect(quiet).toEqual([]);
  });

  it('paginates over two pages (total_count) and over count-style pages', async () => {
    const client = createScpClient('data-flow', '1.1', loopback());
    const ids: string[] = [];
    for await (const flow of paginate(client, '/v1/data-flows', { params: { query: { sort: 'created_dt:desc' } } }, { pageSize: 2 })) {
      ids.push(flow.data_flow_id);
    }
    expect(ids).toEqual(FLOWS.map((f) => f.data_flow_id));
    expect(seen.map((s) => s.url)).toEqual([
      '/v1/data-flows?sort=created_dt%3Adesc&page=0&size=2',
      '/v1/data-flows?sort=created_dt%3Adesc&page=1&size=2',
    ]);

    seen.length = 0;
    const es = createScpClient('eventstreams', '1.0', loopback());
    const names: string[] = [];
    for await (const cluster of paginate(es, '/v1/clusters', undefined, { pageSize: 3 })) names.push(cluster.name);
    expect(names).toEqual(CLUSTERS.map((c) => c.name));
    // count = 3 reached after one full page: no second request.
    expect(seen).toHaveLength(1);
  });

  it('paginate throws ScpApiError on an error page', async () => {
    const client = createScpClient('data-flow', '1.1', loopback({ retry: { maxAttempts: 1 } }));
    queue.push(500);
    const drain = async () => {
      for await (const _ of paginate(client, '/v1/data-flows')) void _;
    };
    await expect(drain()).rejects.toMatchObject({ name: 'ScpApiError', status: 500 });
  });

  it('does not reveal the secret or token through String, JSON or inspect', async () => {
    const client = createScpClient('data-flow', '1.1', loopback());
    await client.ready();
    const renderings = [String(client), JSON.stringify(client), inspect(client, { depth: 10, showHidden: true })];
    for (const text of renderings) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(TOKEN);
    }
    expect(String(client)).toBe('ScpClient(data-flow 1.1)');
  });

  it('refuses an unknown service or version at run time too (for JavaScript callers)', () => {
    const create = createScpClient as (s: string, v: string) => unknown;
    expect(() => create('nope', '1.0')).toThrow(/known services: .*data-flow/);
    expect(() => create('data-flow', '9.9')).toThrow(/known versions of data-flow: .*1\.1/);
  });
});

describe('checkDeprecation', () => {
  const versions = registry['data-flow'] as Record<string, ServiceVersionMeta>;
  const old = versions['1.0']!;
  const until = Object.values(old.operations)[0]!.notBefore!;
  const untilMs = Date.parse(`${until}T00:00:00Z`);
  const day = 86_400_000;

  it('reports a passed supported-until date as ended, with the days since and a version to move to', () => {
    const notice = checkDeprecation(old, { now: untilMs + 10 * day, maxRemainDays: 90, versions });
    expect(notice).toMatchObject({ reason: 'ended', date: until, daysLeft: -10, suggestedVersion: '1.1' });
    expect(notice!.operations).toHaveLength(Object.keys(old.operations).length);
    expect(notice!.message).toBe(`SCP API data-flow 1.0 was supported until ${until} (10 days ago); move to data-flow 1.1.`);
  });

  it('reports DEPRECATED and PLANNED operations, naming only those', () => {
    const [firstKey, firstOp] = Object.entries(versions['1.1']!.operations)[0]!;
    const withStatus = (status: 'DEPRECATED' | 'PLANNED'): ServiceVersionMeta => ({
      ...versions['1.1']!,
      operations: { ...versions['1.1']!.operations, [firstKey]: { ...firstOp, status } },
    });
    const deprecated = checkDeprecation(withStatus('DEPRECATED'), { now: untilMs, maxRemainDays: 90 });
    expect(deprecated).toMatchObject({ reason: 'deprecated', operations: [firstKey] });
    expect(deprecated!.message).toContain(`(1 of ${Object.keys(versions['1.1']!.operations).length} operations)`);
    expect(checkDeprecation(withStatus('PLANNED'), { now: untilMs, maxRemainDays: 90 })).toMatchObject({ reason: 'planned', operations: [firstKey] });
  });

  it('is silent for current versions and for dates beyond the window', () => {
    expect(checkDeprecation(versions['1.1']!, { now: untilMs, maxRemainDays: 90, versions })).toBeUndefined();
    expect(checkDeprecation(versions['latest']!, { now: untilMs, maxRemainDays: 90, versions })).toBeUndefined();
    expect(checkDeprecation(old, { now: untilMs - 91 * day, maxRemainDays: 90, versions })).toBeUndefined();
    expect(checkDeprecation(old, { now: untilMs - 90 * day, maxRemainDays: 90, versions })?.reason).toBe('ending');
  });
});
