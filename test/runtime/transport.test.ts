import { createHmac } from 'node:crypto';
import { getEventListeners } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { protectCredentials } from '../../src/credentials.ts';
import { ScpApiError, ScpNetworkError, ScpTimeoutError, readErrorInfo } from '../../src/errors.ts';
import { createSigner, type Signer } from '../../src/signing.ts';
import { createScpFetch, type ScpRequestEvent, type TransportOptions } from '../../src/transport.ts';

const SECRET = 'loopback-secret/with+chars=';
const ACCESS_KEY = 'AKLOOPBACK000000001';
const ACCOUNT = 'acct-loopback-0001';

interface Seen {
  method: string;
  url: string;
  timestamp: string;
  signature: string;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** What the server does with the next request to /plan/<key>: a status, a status with headers, or a fault. */
type Step =
  | number
  | { status: number; headers?: Record<string, string> }
  | 'reset'
  | 'hang'
  /** Headers and the first bytes of the body, then nothing more, ever. */
  | 'stall-body'
  /** Headers and the first bytes of the body, then the connection is cut. */
  | 'reset-body';

let server: http.Server;
let origin: string;
const seen: Seen[] = [];
const plans = new Map<string, Step[]>();
const arrivals: Array<() => void> = [];

function onArrival(): Promise<void> {
  return new Promise((resolve) => arrivals.push(resolve));
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const timestamp = String(req.headers['scp-timestamp'] ?? '');
      const signature = String(req.headers['scp-signature'] ?? '');
      // Independent check: the server's own HMAC over what actually arrived on the wire.
      const expected = createHmac('sha256', SECRET)
        .update(`${req.method}${origin}${req.url}${timestamp}${ACCESS_KEY}${ACCOUNT}Openapi`, 'utf8')
        .digest('base64');
      seen.push({ method: req.method ?? '', url: req.url ?? '', timestamp, signature, body, headers: req.headers });
      for (const wake of arrivals.splice(0)) wake();
      if (signature !== expected || req.headers['scp-accesskey'] !== ACCESS_KEY || req.headers['scp-accountid'] !== ACCOUNT) {
        res.writeHead(401, { 'content-type': 'application/json', 'x-request-id': 'req-401' });
        res.end(JSON.stringify({ message: 'signature mismatch' }));
        return;
      }
      const key = /^\/plan\/([^/?]+)/.exec(req.url ?? '')?.[1];
      const step = key ? plans.get(key)?.shift() : undefined;
      if (step === 'reset') {
        req.socket.destroy();
        return;
      }
      if (step === 'hang') return;
      if (step === 'stall-body' || step === 'reset-body') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"partial":');
        if (step === 'reset-body') setImmediate(() => req.socket.destroy());
        return;
      }
      const status = typeof step === 'number' ? step : (step?.status ?? 200);
      res.writeHead(status, { 'content-type': 'application/json', ...(typeof step === 'object' && 'headers' in step ? step.headers : {}) });
      res.end(JSON.stringify({ url: req.url, status }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen.length = 0;
  plans.clear();
});

const credentials = protectCredentials({ accessKey: ACCESS_KEY, secretKey: SECRET, accountId: ACCOUNT });
let signer: Signer;
beforeAll(async () => {
  signer = await createSigner(credentials);
});

/** Wraps a signer to record which URLs and timestamps it signed. */
function recording(inner: Signer): { signer: Signer; urls: string[] } {
  const urls: string[] = [];
  return {
    urls,
    signer: {
      accountId: inner.accountId,
      sign(method, url, timestamp) {
        urls.push(url);
        return inner.sign(method, url, timestamp);
      },
    },
  };
}

/** globalThis.fetch that counts the responses whose headers have arrived and wakes `onHeaders` waiters. */
function headersWatch() {
  const waiters: Array<() => void> = [];
  let count = 0;
  const fetchImpl = (async (url: string, init: RequestInit) => {
    const response = await globalThis.fetch(url, init);
    count++;
    for (const wake of waiters.splice(0)) wake();
    return response;
  }) as typeof fetch;
  return { fetch: fetchImpl, count: () => count, next: () => new Promise<void>((resolve) => waiters.push(resolve)) };
}

function transport(extra: Partial<TransportOptions> = {}) {
  const delays: number[] = [];
  const events: ScpRequestEvent[] = [];
  const scpFetch = createScpFetch({
    signer,
    accountId: ACCOUNT,
    sleep: async (ms) => {
      delays.push(ms);
    },
    onEvent: (e) => events.push(e),
    ...extra,
  });
  return { scpFetch, delays, events };
}

describe('signing on the wire', () => {
  it('passes the server check with the right secret and fails with a wrong one', async () => {
    const { scpFetch } = transport();
    const ok = await scpFetch(new Request(`${origin}/ok?x=1`));
    expect(ok.status).toBe(200);

    const wrong = await createSigner({ accessKey: ACCESS_KEY, secretKey: `${SECRET}-wrong`, accountId: ACCOUNT });
    const bad = await createScpFetch({ signer: wrong })(new Request(`${origin}/ok?x=1`));
    expect(bad.status).toBe(401);
    const info = await readErrorInfo(bad);
    expect(info).toEqual({ status: 401, requestId: 'req-401', body: { message: 'signature mismatch' } });
    const error = new ScpApiError({ ...info, method: 'GET', url: `${origin}/ok?x=1` });
    expect(error.message).toContain('401');
    expect(error.message).toContain('signature mismatch');
    expect(error.message).toContain('req-401');
    expect(error.message).not.toContain(SECRET);
    expect(seen).toHaveLength(2);
  });

  it('signs with the WebCrypto backend too', async () => {
    const web = await createSigner(credentials, { preferWebCrypto: true });
    const response = await createScpFetch({ signer: web })(new Request(`${origin}/ok?via=webcrypto`));
    expect(response.status).toBe(200);
  });

  it('signs exactly the URL openapi-fetch puts on the wire', async () => {
    const rec = recording(signer);
    const client = createClient<any>({ baseUrl: origin, fetch: createScpFetch({ signer: rec.signer }) });
    const query = {
      name: '김삼성 데이터',
      note: '50% off & more',
      brackets: 'a[0]{x}|^`',
      tags: ['한글', 'b c', '[]'],
      empty: '',
    };
    const { data, response } = await client.GET('/echo/{id}', {
      params: { path: { id: '경로 값' }, query },
    });
    expect(response.status).toBe(200);
    const wire = seen.at(-1) as Seen;
    expect(rec.urls).toEqual([origin + wire.url]);
    expect((data as { url: string }).url).toBe(wire.url);
    // And the server got the values the caller meant.
    const params = new URL(wire.url, origin).searchParams;
    expect(params.get('name')).toBe(query.name);
    expect(params.get('note')).toBe(query.note);
    expect(params.get('brackets')).toBe(query.brackets);
    expect(params.getAll('tags')).toEqual(query.tags);
    expect(decodeURIComponent(new URL(wire.url, origin).pathname)).toBe('/echo/경로 값');
  });

  it('signs the normalised URL of a hand-built Request with raw characters, without its fragment', async () => {
    const rec = recording(signer);
    const scpFetch = createScpFetch({ signer: rec.signer });
    const raw = `${origin}/raw path/김?filter[name]={a b}&q=50%&list=[1,2]&k=한 글|x#fragment`;
    const request = new Request(raw);
    const response = await scpFetch(request);
    expect(response.status).toBe(200);
    const wire = (seen.at(-1) as Seen).url;
    expect(rec.urls).toEqual([origin + wire]);
    expect(request.url.split('#')[0]).toBe(origin + wire);
    expect(wire).not.toContain('fragment');
  });

  it('signs a URL with an empty `?` as fetch sends it (without the `?`), and percent-escapes byte for byte', async () => {
    const rec = recording(signer);
    const scpFetch = createScpFetch({ signer: rec.signer });
    for (const path of ['/ok?', '/ok/%7e%3a%2F?q=%3a%2f&x=%25&y=%E2%82%AC', '/ok/%41?#frag']) {
      const response = await scpFetch(new Request(`${origin}${path}`));
      // The server verified the signature over the raw request line it received.
      expect(response.status, path).toBe(200);
    }
    expect(seen.map((s) => s.url)).toEqual(['/ok', '/ok/%7e%3a%2F?q=%3a%2f&x=%25&y=%E2%82%AC', '/ok/%41']);
    expect(rec.urls).toEqual(seen.map((s) => origin + s.url));
  });

  it('passes caller headers through and adds Accept-Language and the auth headers', async () => {
    const sessionSigner = await createSigner(
      protectCredentials({ accessKey: ACCESS_KEY, secretKey: SECRET, accountId: ACCOUNT, sessionToken: 'sess-tok' }),
    );
    const { scpFetch } = transport({ signer: sessionSigner });
    await scpFetch(new Request(`${origin}/ok`, { headers: { 'Scp-Api-Version': 'data-flow 1.1' } }));
    const headers = (seen.at(-1) as Seen).headers;
    expect(headers['scp-api-version']).toBe('data-flow 1.1');
    expect(headers['accept-language']).toBe('en-US');
    expect(headers['scp-clienttype']).toBe('Openapi');
    expect(headers['x-auth-token']).toBe('sess-tok');
    await scpFetch(new Request(`${origin}/ok`, { headers: { 'Accept-Language': 'ko-KR' } }));
    expect((seen.at(-1) as Seen).headers['accept-language']).toBe('ko-KR');
  });

  it('refuses an accountId that differs from the one the signer signs with', () => {
    expect(() => createScpFetch({ signer, accountId: 'someone-else' })).toThrow(/account id/);
  });
});

describe('retries', () => {
  it('retries a 503 with a new timestamp and signature', async () => {
    plans.set('flaky', [503]);
    const { scpFetch, delays } = transport({ random: () => 0.5, retry: { baseDelayMs: 100 } });
    const response = await scpFetch(new Request(`${origin}/plan/flaky?a=1`));
    expect(response.status).toBe(200);
    expect(seen.map((s) => s.url)).toEqual(['/plan/flaky?a=1', '/plan/flaky?a=1']);
    const [first, second] = seen as [Seen, Seen];
    expect(second.timestamp).not.toBe(first.timestamp);
    expect(Number(second.timestamp)).toBeGreaterThan(Number(first.timestamp));
    expect(second.signature).not.toBe(first.signature);
    expect(delays).toEqual([0.5 * 100]);
  });

  it('backs off exponentially with full jitter and returns the last response when attempts run out', async () => {
    plans.set('down', [503, 502, 504, 200]);
    const { scpFetch, delays } = transport({ random: () => 0.25, retry: { baseDelayMs: 400, maxAttempts: 3 } });
    const response = await scpFetch(new Request(`${origin}/plan/down`));
    expect(response.status).toBe(504);
    expect(seen).toHaveLength(3);
    expect(delays).toEqual([0.25 * 400, 0.25 * 800]);
  });

  it('honours Retry-After in seconds and as an HTTP date, capped by maxDelayMs', async () => {
    plans.set('slow', [{ status: 429, headers: { 'retry-after': '2' } }]);
    const seconds = transport();
    expect((await seconds.scpFetch(new Request(`${origin}/plan/slow`))).status).toBe(200);
    expect(seconds.delays).toEqual([2000]);

    const now = 1_700_000_000_000;
    const date = new Date(now + 5000).toUTCString();
    plans.set('date', [{ status: 503, headers: { 'retry-after': date } }, { status: 503, headers: { 'retry-after': date } }]);
    const dated = transport({ now: () => now, retry: { maxDelayMs: 60_000 } });
    expect((await dated.scpFetch(new Request(`${origin}/plan/date`))).status).toBe(200);
    expect(dated.delays).toEqual([5000, 5000]);

    plans.set('capped', [{ status: 503, headers: { 'retry-after': '120' } }]);
    const capped = transport({ retry: { maxDelayMs: 3000 } });
    expect((await capped.scpFetch(new Request(`${origin}/plan/capped`))).status).toBe(200);
    expect(capped.delays).toEqual([3000]);
  });

  it('does not retry POST unless asked, and then resends the same body', async () => {
    const body = JSON.stringify({ name: '클러스터', size: 3 });
    const post = () =>
      new Request(`${origin}/plan/post`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });

    plans.set('post', [503]);
    const plain = transport();
    expect((await plain.scpFetch(post())).status).toBe(503);
    expect(seen).toHaveLength(1);
    expect(plain.delays).toEqual([]);

    seen.length = 0;
    plans.set('post', [503]);
    const opted = transport({ retry: { retryNonIdempotent: true } });
    expect((await opted.scpFetch(post())).status).toBe(200);
    expect(seen.map((s) => [s.method, s.body])).toEqual([
      ['POST', body],
      ['POST', body],
    ]);
    expect((seen[0] as Seen).signature).not.toBe((seen[1] as Seen).signature);

    seen.length = 0;
    plans.set('post', [503]);
    const perRequest = transport().scpFetch.withOptions({ retry: { retryNonIdempotent: true } });
    expect((await perRequest(post())).status).toBe(200);
    expect(seen).toHaveLength(2);
  });

  it('retries PUT and PATCH only as documented', async () => {
    plans.set('put', [503]);
    const { scpFetch } = transport();
    const put = await scpFetch(new Request(`${origin}/plan/put`, { method: 'PUT', body: '{"v":1}' }));
    expect(put.status).toBe(200);
    expect(seen.map((s) => [s.method, s.body])).toEqual([
      ['PUT', '{"v":1}'],
      ['PUT', '{"v":1}'],
    ]);

    seen.length = 0;
    plans.set('patch', [503]);
    const patch = await scpFetch(new Request(`${origin}/plan/patch`, { method: 'PATCH', body: '{}' }));
    expect(patch.status).toBe(503);
    expect(seen).toHaveLength(1);
  });

  it('retries a network error', async () => {
    plans.set('reset', ['reset']);
    const { scpFetch, events } = transport();
    const response = await scpFetch(new Request(`${origin}/plan/reset`));
    expect(response.status).toBe(200);
    expect(events.map((e) => `${e.type}:${e.attempt}`)).toEqual(['request:1', 'error:1', 'retry:1', 'request:2', 'response:2']);
    const failure = events.find((e) => e.type === 'error') as ScpRequestEvent;
    expect(failure.error).toMatch(/fetch failed|socket|closed/i);
  });

  it('throws ScpNetworkError, with the failure as its cause, once attempts run out', async () => {
    plans.set('dead', ['reset', 'reset']);
    const { scpFetch } = transport({ retry: { maxAttempts: 2 } });
    const error = await scpFetch(new Request(`${origin}/plan/dead`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScpNetworkError);
    expect(error).toMatchObject({ method: 'GET', url: `${origin}/plan/dead`, attempts: 2 });
    expect((error as Error).message).toMatch(/^SCP request GET .*\/plan\/dead failed: TypeError: fetch failed .*\(2 attempts\)$/);
    expect(((error as Error).cause as Error).name).toBe('TypeError');
    expect(seen).toHaveLength(2);
  });

  it('retries a connection reset while the body arrives (GET), and reports it as ScpNetworkError (POST)', async () => {
    plans.set('cut', ['reset-body']);
    const { scpFetch, events } = transport();
    const response = await scpFetch(new Request(`${origin}/plan/cut`));
    expect(await response.json()).toEqual({ url: '/plan/cut', status: 200 });
    expect(events.map((e) => `${e.type}:${e.attempt}`)).toEqual(['request:1', 'error:1', 'retry:1', 'request:2', 'response:2']);

    seen.length = 0;
    plans.set('cut', ['reset-body']);
    const post = scpFetch(new Request(`${origin}/plan/cut`, { method: 'POST', body: '{}' }));
    await expect(post).rejects.toBeInstanceOf(ScpNetworkError);
    expect(seen).toHaveLength(1);
  });
});

describe('timeouts and aborts', () => {
  it('times out a server that never answers, per attempt', async () => {
    // The server never answers: the margin only has to cover the request's arrival on a busy machine.
    plans.set('hang', ['hang', 'hang']);
    const { scpFetch, events } = transport({ timeoutMs: 600, retry: { maxAttempts: 2 } });
    const error = await scpFetch(new Request(`${origin}/plan/hang`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScpTimeoutError);
    expect(error).toMatchObject({ method: 'GET', url: `${origin}/plan/hang`, timeoutMs: 600, attempts: 2 });
    expect(seen).toHaveLength(2);
    expect(events.filter((e) => e.type === 'error').map((e) => e.error)).toEqual([
      'timed out after 600 ms',
      'timed out after 600 ms',
    ]);

    plans.set('hang', ['hang']);
    const single = transport().scpFetch.withOptions({ timeoutMs: 100, retry: { maxAttempts: 1 } });
    await expect(single(new Request(`${origin}/plan/hang`))).rejects.toBeInstanceOf(ScpTimeoutError);
  });

  it('does not retry when the caller aborts', async () => {
    plans.set('abort', ['hang', 'hang']);
    const { scpFetch, delays, events } = transport({ timeoutMs: 10_000 });
    const controller = new AbortController();
    const arrived = onArrival();
    const pending = scpFetch(new Request(`${origin}/plan/abort`, { signal: controller.signal }));
    await arrived;
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ScpTimeoutError);
    expect((error as Error).name).toBe('AbortError');
    expect(seen).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(events.map((e) => `${e.type}:${e.error ?? ''}`)).toEqual(['request:', 'error:aborted by caller']);
  });

  it('times out a body that stalls after the headers, and retries it', async () => {
    // The body never completes, so the margin only has to cover the headers' arrival on a busy machine.
    plans.set('stall', ['stall-body', 'stall-body']);
    const watch = headersWatch();
    const { scpFetch, events } = transport({ timeoutMs: 1_000, retry: { maxAttempts: 2 }, fetch: watch.fetch });
    const error = await scpFetch(new Request(`${origin}/plan/stall`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScpTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 1_000, attempts: 2 });
    expect(seen).toHaveLength(2);
    expect(watch.count()).toBe(2); // both timed out after their headers had arrived
    expect(events.map((e) => e.type)).toEqual(['request', 'error', 'retry', 'request', 'error']);

    // A stalled first attempt, then a good one: the caller gets the good body.
    plans.set('stall', ['stall-body']);
    const recovered = await transport({ timeoutMs: 1_000 }).scpFetch(new Request(`${origin}/plan/stall`));
    expect(await recovered.json()).toEqual({ url: '/plan/stall', status: 200 });
  });

  it('lets the caller abort while the body arrives, with and without a timeout', async () => {
    for (const timeoutMs of [10_000, 0]) {
      plans.set('stall', ['stall-body']);
      seen.length = 0;
      const watch = headersWatch();
      const { scpFetch, delays } = transport({ timeoutMs, fetch: watch.fetch });
      const controller = new AbortController();
      const headersIn = watch.next();
      const pending = scpFetch(new Request(`${origin}/plan/stall`, { signal: controller.signal }));
      await headersIn;
      controller.abort(new Error(`caller gave up (timeout ${timeoutMs})`));
      await expect(pending).rejects.toThrow(`caller gave up (timeout ${timeoutMs})`);
      expect(seen).toHaveLength(1);
      expect(delays).toEqual([]);
    }
  });

  it('does not send at all when the signal is already aborted', async () => {
    const { scpFetch } = transport();
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(scpFetch(new Request(`${origin}/ok`, { signal: controller.signal }))).rejects.toThrow('stop');
    expect(seen).toHaveLength(0);
  });
});

describe('fast paths', () => {
  it('resends the same body bytes on every attempt, for Request and for (url, init) input', async () => {
    const body = JSON.stringify({ name: '클러스터 "b"', list: [1, 2, 3], note: 'x'.repeat(5000) });
    plans.set('body', [503, 502]);
    const { scpFetch } = transport({ retry: { retryNonIdempotent: true, maxAttempts: 3 } });
    const response = await scpFetch(new Request(`${origin}/plan/body`, { method: 'POST', body, headers: { 'content-type': 'application/json' } }));
    expect(response.status).toBe(200);
    expect(seen.map((s) => [s.method, s.body])).toEqual([
      ['POST', body],
      ['POST', body],
      ['POST', body],
    ]);
    expect(new Set(seen.map((s) => s.signature)).size).toBe(3);
    expect(seen.every((s) => s.headers['content-type'] === 'application/json')).toBe(true);

    seen.length = 0;
    plans.set('put', [503]);
    // Typed for openapi-fetch (Request only); it also takes fetch's (url, init) form.
    const asFetch = scpFetch as unknown as typeof fetch;
    const direct = await asFetch(`${origin}/plan/put?v=2`, { method: 'PUT', body, headers: { 'x-extra': 'kept' } });
    expect(direct.status).toBe(200);
    expect(seen.map((s) => [s.method, s.url, s.body, s.headers['x-extra']])).toEqual([
      ['PUT', '/plan/put?v=2', body, 'kept'],
      ['PUT', '/plan/put?v=2', body, 'kept'],
    ]);
  });

  it('works without a timeout, with and without a caller signal, and still retries', async () => {
    const untimed = transport({ timeoutMs: 0 });
    expect((await (untimed.scpFetch as unknown as typeof fetch)(`${origin}/ok?no=signal`)).status).toBe(200);
    expect((await untimed.scpFetch(new Request(`${origin}/ok?own=signal`))).status).toBe(200);

    plans.set('untimed', [503]);
    const controller = new AbortController();
    const retried = await untimed.scpFetch(new Request(`${origin}/plan/untimed`, { signal: controller.signal }));
    expect(retried.status).toBe(200);
    expect(seen.map((s) => s.url)).toEqual(['/ok?no=signal', '/ok?own=signal', '/plan/untimed', '/plan/untimed']);
    expect(untimed.delays).toHaveLength(1);
  });

  it('lets the caller abort a request that has no timeout', async () => {
    plans.set('forever', ['hang']);
    const { scpFetch, events } = transport({ timeoutMs: Infinity });
    const controller = new AbortController();
    const arrived = onArrival();
    const pending = scpFetch(new Request(`${origin}/plan/forever`, { signal: controller.signal }));
    await arrived;
    controller.abort(new Error('caller gave up'));
    await expect(pending).rejects.toThrow('caller gave up');
    expect(seen).toHaveLength(1);
    expect(events.map((e) => `${e.type}:${e.error ?? ''}`)).toEqual(['request:', 'error:aborted by caller']);
  });

  it('does not send when the caller aborts while an async signer is signing', async () => {
    const controller = new AbortController();
    const slow: Signer = {
      accountId: ACCOUNT,
      async sign(method, url, timestamp) {
        controller.abort(new Error('changed my mind'));
        return signer.sign(method, url, timestamp);
      },
    };
    const { scpFetch, events } = transport({ signer: slow });
    await expect(scpFetch(new Request(`${origin}/ok`, { signal: controller.signal }))).rejects.toThrow('changed my mind');
    expect(seen).toHaveLength(0);
    expect(events).toEqual([]);
  });

  it('leaves no listener on the caller signal once response headers are in, attempt after attempt', async () => {
    plans.set('listeners', [503, 503]);
    const { scpFetch } = transport({ timeoutMs: 5_000, retry: { maxAttempts: 3 } });
    const request = new Request(`${origin}/plan/listeners`);
    expect((await scpFetch(request)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await scpFetch(request)).status).toBe(200);
    expect(seen).toHaveLength(8);
    expect(getEventListeners(request.signal, 'abort')).toHaveLength(0);
  });

  it('hands back a response whose body is already read, so a later timeout cannot reach it', async () => {
    const { scpFetch } = transport({ timeoutMs: 1_000, retry: { maxAttempts: 1 } });
    const first = await scpFetch(new Request(`${origin}/ok?first`));
    plans.set('stuck', ['hang']);
    await expect(scpFetch(new Request(`${origin}/plan/stuck`))).rejects.toBeInstanceOf(ScpTimeoutError);
    // Long after the first attempt's deadline: its body is still there.
    expect(await first.json()).toEqual({ url: '/ok?first', status: 200 });
    expect(first.url).toBe(`${origin}/ok?first`);
  });

  it('passes request settings other than the defaults on to fetch', async () => {
    const inits: RequestInit[] = [];
    const { scpFetch } = transport({
      fetch: (async (url: string, init: RequestInit) => {
        inits.push(init);
        return globalThis.fetch(url, init);
      }) as typeof fetch,
    });
    await scpFetch(new Request(`${origin}/ok`, { redirect: 'manual', cache: 'no-store' }));
    await scpFetch(new Request(`${origin}/ok`));
    expect(inits[0]).toMatchObject({ method: 'GET', redirect: 'manual', cache: 'no-store' });
    expect(inits[1]).not.toHaveProperty('redirect');
    expect(inits[1]).not.toHaveProperty('cache');
    expect(seen).toHaveLength(2);
  });
});

describe('events', () => {
  it('never carry the secret, the signature or headers', async () => {
    plans.set('mixed', [503, 'reset']);
    const sessionSigner = await createSigner(
      protectCredentials({ accessKey: ACCESS_KEY, secretKey: SECRET, accountId: ACCOUNT, sessionToken: 'sess-token-value' }),
    );
    const { scpFetch, events } = transport({ signer: sessionSigner, sessionToken: 'sess-token-value' });
    const response = await scpFetch(new Request(`${origin}/plan/mixed?q=1`));
    expect(response.status).toBe(200);
    plans.set('late', ['hang']);
    await scpFetch.withOptions({ timeoutMs: 50, retry: { maxAttempts: 1 } })(new Request(`${origin}/plan/late`)).catch(() => undefined);

    expect(events.map((e) => e.type)).toEqual([
      'request',
      'response',
      'retry',
      'request',
      'error',
      'retry',
      'request',
      'response',
      'request',
      'error',
    ]);
    expect(events[1]).toMatchObject({ status: 503, attempt: 1, method: 'GET', url: `${origin}/plan/mixed?q=1` });
    const text = JSON.stringify(events);
    expect(seen.length).toBeGreaterThanOrEqual(4);
    for (const s of seen) expect(text).not.toContain(s.signature);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('sess-token-value');
    expect(text.toLowerCase()).not.toContain('scp-signature');
    for (const e of events) {
      expect(Object.keys(e).every((k) => ['type', 'method', 'url', 'attempt', 'status', 'durationMs', 'delayMs', 'error'].includes(k))).toBe(true);
    }
  });

  it('never show a session token that fetch refuses (a newline in it) in the error, its causes or the events', async () => {
    const token = 'sess-token\nline-two-of-token';
    const { scpFetch, events } = transport({ sessionToken: token, retry: { maxAttempts: 2 } });
    const error = await scpFetch(new Request(`${origin}/ok`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScpNetworkError);
    expect((error as Error).message).toContain('invalid header value');
    const renderings = [String(error), (error as Error).stack ?? '', inspect(error, { depth: 10, showHidden: true }), JSON.stringify(events)];
    for (let cause = (error as Error).cause; cause instanceof Error; cause = cause.cause) renderings.push(String(cause), cause.stack ?? '');
    expect(events.filter((e) => e.type === 'error')).toHaveLength(2);
    for (const text of renderings) {
      expect(text).not.toContain('line-two-of-token');
      expect(text).not.toContain('sess-token');
    }
    expect(seen).toHaveLength(0);
  });

  it('survive a listener that throws', async () => {
    const { scpFetch } = transport({
      onEvent: () => {
        throw new Error('listener bug');
      },
    });
    expect((await scpFetch(new Request(`${origin}/ok`))).status).toBe(200);
  });
});
