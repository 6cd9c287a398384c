import { createHmac } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { protectCredentials } from '../../src/credentials.ts';
import { createSigner, signatureMessage, signRequestSync, type ScpAuthHeaders } from '../../src/signing.ts';
import { createScpFetch } from '../../src/transport.ts';

interface Vector {
  name: string;
  method: string;
  /** The URL the caller gave, when it differs from the URL on the wire. */
  requestUrl?: string;
  url: string;
  timestamp: string;
  accessKey: string;
  secretKey: string;
  /** null: no account id, so no Scp-AccountId header. */
  accountId: string | null;
  sendsAccountId?: boolean;
  clientType: string;
  message: string;
  signature: string;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const readVectors = (file: string): Vector[] => (JSON.parse(readFileSync(file, 'utf8')) as { vectors: Vector[] }).vectors;
// The project's own vectors, computed by test/fixtures/signing-vectors.py (Python hmac): always there.
const ownVectorsFile = path.join(repoRoot, 'test/fixtures/signing-vectors.json');
const vectors = readVectors(ownVectorsFile);
// The shared vectors sit beside the repo on CI (../shared); a bare clone has none, and that suite says so.
const sharedVectorsFile = path.resolve(repoRoot, '../shared/signing-vectors.json');
const sharedVectors = existsSync(sharedVectorsFile) ? readVectors(sharedVectorsFile) : [];

const credentialsOf = (v: Vector) => ({ accessKey: v.accessKey, secretKey: v.secretKey, ...(v.accountId !== null ? { accountId: v.accountId } : {}) });

function expectHeaders(headers: ScpAuthHeaders, v: Vector): void {
  expect(headers).toEqual({
    'Scp-Accesskey': v.accessKey,
    'Scp-Signature': v.signature,
    'Scp-Timestamp': v.timestamp,
    'Scp-ClientType': v.clientType,
    ...(v.accountId !== null ? { 'Scp-AccountId': v.accountId } : {}),
  });
}

function signerChecks(v: Vector): void {
  it('builds the documented message', () => {
    expect(signatureMessage(v.method, v.url, v.timestamp, v.accessKey, v.accountId ?? '')).toBe(v.message);
    expect(signatureMessage(v.method.toLowerCase(), v.url, v.timestamp, v.accessKey, v.accountId ?? '')).toBe(v.message);
  });

  it('signRequestSync reproduces the signature', () => {
    const headers = signRequestSync({ method: v.method, url: v.url, timestamp: v.timestamp, credentials: credentialsOf(v) });
    expectHeaders(headers, v);
    const numeric = signRequestSync({ method: v.method, url: v.url, timestamp: Number(v.timestamp), credentials: credentialsOf(v) });
    expect(numeric['Scp-Signature']).toBe(v.signature);
  });

  it('node:crypto signer reproduces the signature', async () => {
    const signer = await createSigner(protectCredentials(credentialsOf(v)));
    expect(signer.backend).toBe('node');
    expectHeaders(await signer.sign(v.method, v.url, Number(v.timestamp)), v);
  });

  it('WebCrypto signer reproduces the signature', async () => {
    const signer = await createSigner(credentialsOf(v), { preferWebCrypto: true });
    expect(signer.backend).toBe('webcrypto');
    const pending = signer.sign(v.method.toLowerCase(), v.url, Number(v.timestamp));
    expect(pending).toBeInstanceOf(Promise);
    expectHeaders(await pending, v);
  });
}

describe('signing vectors (test/fixtures, computed by signing-vectors.py)', () => {
  it('cover the cases that matter: no account id, escapes as on the wire, an empty `?`', () => {
    expect(vectors.some((v) => v.accountId === null && v.sendsAccountId === false)).toBe(true);
    expect(vectors.some((v) => /%[0-9a-f]{2}.*%[0-9A-F]{2}/.test(v.url) && v.url.includes('%25'))).toBe(true);
    expect(vectors.some((v) => v.requestUrl?.endsWith('?') && v.url === v.requestUrl.slice(0, -1))).toBe(true);
  });

  it.skipIf(spawnSync('python3', ['--version']).status !== 0)('are what signing-vectors.py computes (skipped without python3)', () => {
    const run = spawnSync('python3', [path.join(repoRoot, 'test/fixtures/signing-vectors.py'), '--check'], { encoding: 'utf8' });
    expect(run.stdout.trim()).toBe('signing-vectors.json is up to date');
    expect(run.status).toBe(0);
  });

  describe.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    signerChecks(v);

    it('the transport sends the request to, and signs, exactly the wire URL', async () => {
      const sent: { url: string; headers: Record<string, string> }[] = [];
      const scpFetch = createScpFetch({
        signer: await createSigner(credentialsOf(v)),
        now: () => Number(v.timestamp),
        fetch: (async (url: string, init: RequestInit) => {
          sent.push({ url, headers: init.headers as Record<string, string> });
          return new Response('{}');
        }) as typeof fetch,
      });
      await scpFetch(new Request(v.requestUrl ?? v.url, { method: v.method.toUpperCase() }));
      expect(sent).toHaveLength(1);
      expect(sent[0]!.url).toBe(v.url);
      expect(sent[0]!.headers['scp-signature']).toBe(v.signature);
      expect(sent[0]!.headers['scp-timestamp']).toBe(v.timestamp);
      expect('scp-accountid' in sent[0]!.headers).toBe(v.sendsAccountId ?? v.accountId !== null);
    });
  });
});

describe.skipIf(sharedVectors.length === 0)(
  `shared signing vectors (${sharedVectors.length ? '../shared/signing-vectors.json' : 'SKIPPED: needs ../shared/signing-vectors.json beside the repo'})`,
  () => {
    describe.each(sharedVectors.map((v) => [v.name, v] as const))('%s', (_name, v) => signerChecks(v));
  },
);

describe('signer behaviour', () => {
  const v = vectors[0] as Vector;

  it('node signer is synchronous and the two backends agree on other inputs', async () => {
    const node = await createSigner(credentialsOf(v));
    const web = await createSigner(credentialsOf(v), { preferWebCrypto: true });
    const urls = [`${v.url}&q=%EA%B9%80`, 'https://x.kr-west1.s.samsungsdscloud.com/v1/a?b=[1]{2}', 'https://h/'];
    for (const [i, url] of urls.entries()) {
      const ts = 1_700_000_000_000 + i;
      const signed = node.sign('PATCH', url, ts);
      expect(signed).not.toBeInstanceOf(Promise);
      const fromNode = signed as ScpAuthHeaders;
      expect(await web.sign('PATCH', url, ts)).toEqual(fromNode);
      expect(fromNode['Scp-Timestamp']).toBe(String(ts));
    }
  });

  it('changes the signature with the timestamp, the URL and the secret', async () => {
    const signer = await createSigner(credentialsOf(v));
    const other = await createSigner({ ...credentialsOf(v), secretKey: `${v.secretKey}x` });
    const base = (await signer.sign('GET', v.url, 1))['Scp-Signature'];
    expect((await signer.sign('GET', v.url, 2))['Scp-Signature']).not.toBe(base);
    expect((await signer.sign('GET', `${v.url}&x=1`, 1))['Scp-Signature']).not.toBe(base);
    expect((await other.sign('GET', v.url, 1))['Scp-Signature']).not.toBe(base);
  });

  it('omits Scp-AccountId without an account id and adds X-Auth-Token for a session token', async () => {
    const signer = await createSigner({ accessKey: 'AK1', secretKey: 'sk', sessionToken: 'tok-123' });
    const headers = await signer.sign('GET', 'https://h/x', 5);
    expect(headers['Scp-AccountId']).toBeUndefined();
    expect(headers['X-Auth-Token']).toBe('tok-123');
    // No account id signs as an empty one.
    expect(headers['Scp-Signature']).toBe(
      signRequestSync({ method: 'GET', url: 'https://h/x', timestamp: 5, credentials: { accessKey: 'AK1', secretKey: 'sk', accountId: '' } })[
        'Scp-Signature'
      ],
    );
  });

  it('does not expose the secret through the signer object', async () => {
    for (const preferWebCrypto of [false, true]) {
      const signer = await createSigner(credentialsOf(v), { preferWebCrypto });
      const renderings = [JSON.stringify(signer), inspect(signer, { depth: 5, showHidden: true }), String(signer)];
      for (const text of renderings) expect(text).not.toContain(v.secretKey);
    }
  });

  it('node signer matches createHmac for keys around the 64-byte block and for messages of any length', async () => {
    // Independent oracle: node:crypto's own HMAC over the documented message.
    const expected = (secretKey: string, method: string, url: string, ts: number, accountId: string) =>
      createHmac('sha256', secretKey).update(`${method}${url}${ts}AKX${accountId}Openapi`, 'utf8').digest('base64');
    const secrets = ['k', 'x'.repeat(63), 'y'.repeat(64), 'z'.repeat(65), '비'.repeat(22), `${'long-secret/'.repeat(20)}+=`];
    // Short, long (grows the message buffer), short again (no stale bytes), raw non-ASCII and lone surrogates.
    const urls = ['https://h/', `https://h/${'p'.repeat(3000)}?q=${'%EA%B9%80'.repeat(200)}`, 'https://h/a?b=1', 'https://h/김 삼성?x=[1]', 'https://h/\ud800'];
    for (const [i, secretKey] of secrets.entries()) {
      const accountId = i % 2 ? 'acct-1' : '';
      const signer = await createSigner({ accessKey: 'AKX', secretKey, accountId });
      expect(signer.backend).toBe('node');
      for (const [j, url] of urls.entries()) {
        const ts = 1_700_000_000_000 + j;
        const headers = signer.sign('get', url, ts) as ScpAuthHeaders;
        expect(headers['Scp-Signature'], `secret #${i}, url #${j}`).toBe(expected(secretKey, 'GET', url, ts, accountId));
      }
    }
  });

  it('rejects empty keys', async () => {
    await expect(createSigner({ accessKey: '', secretKey: 'x' })).rejects.toThrow(/accessKey/);
    await expect(createSigner({ accessKey: 'x', secretKey: '' })).rejects.toThrow(/secretKey/);
  });
});
