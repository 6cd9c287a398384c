import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { protectCredentials } from '../../src/credentials.ts';
import { createSigner, signatureMessage, signRequestSync, type ScpAuthHeaders } from '../../src/signing.ts';

// CI clones the repo with shared/ beside it, so resolve the vectors relative to the repo root.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
interface Vector {
  name: string;
  method: string;
  url: string;
  timestamp: string;
  accessKey: string;
  secretKey: string;
  accountId: string;
  clientType: string;
  message: string;
  signature: string;
}
const { vectors } = JSON.parse(readFileSync(path.resolve(repoRoot, '../shared/signing-vectors.json'), 'utf8')) as {
  vectors: Vector[];
};

const credentialsOf = (v: Vector) => ({ accessKey: v.accessKey, secretKey: v.secretKey, accountId: v.accountId });

function expectHeaders(headers: ScpAuthHeaders, v: Vector): void {
  expect(headers).toEqual({
    'Scp-Accesskey': v.accessKey,
    'Scp-Signature': v.signature,
    'Scp-Timestamp': v.timestamp,
    'Scp-ClientType': v.clientType,
    'Scp-AccountId': v.accountId,
  });
}

describe('signing vectors', () => {
  it('has vectors to check', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(4);
  });

  describe.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    it('builds the documented message', () => {
      expect(signatureMessage(v.method, v.url, v.timestamp, v.accessKey, v.accountId)).toBe(v.message);
      expect(signatureMessage(v.method.toLowerCase(), v.url, v.timestamp, v.accessKey, v.accountId)).toBe(v.message);
    });

    it('signRequestSync reproduces the signature', () => {
      const headers = signRequestSync({ method: v.method, url: v.url, timestamp: v.timestamp, credentials: credentialsOf(v) });
      expectHeaders(headers, v);
      const numeric = signRequestSync({
        method: v.method,
        url: v.url,
        timestamp: Number(v.timestamp),
        credentials: credentialsOf(v),
      });
      expect(numeric['Scp-Signature']).toBe(v.signature);
    });

    it('node:crypto signer reproduces the signature', async () => {
      const signer = await createSigner(protectCredentials(credentialsOf(v)));
      expect(signer.backend).toBe('node');
      const headers = await signer.sign(v.method, v.url, Number(v.timestamp));
      expectHeaders(headers, v);
    });

    it('WebCrypto signer reproduces the signature', async () => {
      const signer = await createSigner(credentialsOf(v), { preferWebCrypto: true });
      expect(signer.backend).toBe('webcrypto');
      const pending = signer.sign(v.method.toLowerCase(), v.url, Number(v.timestamp));
      expect(pending).toBeInstanceOf(Promise);
      expectHeaders(await pending, v);
    });
  });
});

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
