/**
 * SCP request signing: Scp-Signature = base64(HMAC-SHA256(secretKey, METHOD + url + timestamp + accessKey +
 * accountId + 'Openapi')). The body is not signed. Pure: no clock, no I/O.
 *
 * Two backends: node:crypto (Node, Bun, Deno; 1-2 µs a signature, synchronous; node-crypto.ts, which browser
 * bundles replace by an empty stand-in) and WebCrypto (browsers; async, with the HMAC key imported once per signer).
 */
import type { ScpCredentials } from './credentials.ts';
import { nodeCryptoAsync, nodeCryptoSync, nodeHmacBase64, type NodeCrypto } from './node-crypto.ts';

/** Literal sent as Scp-ClientType and appended to every signed message. */
export const SCP_CLIENT_TYPE = 'Openapi';

/** Authentication headers for one request. Header names follow the docs' spelling (HTTP ignores case). */
export interface ScpAuthHeaders {
  'Scp-Accesskey': string;
  'Scp-Signature': string;
  'Scp-Timestamp': string;
  'Scp-ClientType': 'Openapi';
  'Scp-AccountId'?: string;
  'X-Auth-Token'?: string;
}

export interface Signer {
  /** `url` is the full URL as sent (scheme, host, path, `?query`); `timestamp` is Unix epoch milliseconds. */
  sign(method: string, url: string, timestamp: number): ScpAuthHeaders | Promise<ScpAuthHeaders>;
  /** Which HMAC implementation signs. */
  readonly backend?: 'node' | 'webcrypto';
  /** The account id inside every signature ('' when none), so a transport can check it sends the same one. */
  readonly accountId?: string;
}

/** The exact text that is signed. Contains no secret, but is a signature input: do not log it. */
export function signatureMessage(
  method: string,
  url: string,
  timestamp: string,
  accessKey: string,
  accountId: string,
): string {
  return method.toUpperCase() + url + timestamp + accessKey + accountId + SCP_CLIENT_TYPE;
}

/** Synchronous signing through node:crypto. Throws where node:crypto is unavailable (use {@link createSigner}). */
export function signRequestSync(input: {
  method: string;
  url: string;
  timestamp: number | string;
  credentials: ScpCredentials;
}): ScpAuthHeaders {
  const crypto = nodeCryptoSync();
  if (!crypto) {
    throw new Error('signRequestSync needs node:crypto, which this runtime lacks; use `await createSigner(credentials)`');
  }
  const { credentials } = input;
  const timestamp = String(input.timestamp);
  const accountId = credentials.accountId ?? '';
  const signature = crypto
    .createHmac('sha256', credentials.secretKey)
    .update(signatureMessage(input.method, input.url, timestamp, credentials.accessKey, accountId), 'utf8')
    .digest('base64');
  return authHeaders(credentials, signature, timestamp);
}

/**
 * A signer bound to one set of credentials. Uses node:crypto when the runtime has it, else WebCrypto with the
 * CryptoKey imported once here. The secret is copied into the key material; the returned object does not expose it.
 */
export async function createSigner(credentials: ScpCredentials, opts: { preferWebCrypto?: boolean } = {}): Promise<Signer> {
  const { accessKey, secretKey } = credentials;
  if (typeof accessKey !== 'string' || accessKey === '' || typeof secretKey !== 'string' || secretKey === '') {
    throw new TypeError('createSigner needs a non-empty accessKey and secretKey');
  }
  const accountId = credentials.accountId ?? '';
  // Headers that do not change between requests are computed once.
  const fixed = authHeaders(credentials, '', '');
  const tail = accessKey + accountId + SCP_CLIENT_TYPE;

  const nodeCrypto = opts.preferWebCrypto ? undefined : ((nodeCryptoSync() ?? (await nodeCryptoAsync())) as NodeCrypto | undefined);
  if (nodeCrypto) {
    const mac = nodeHmacBase64(nodeCrypto, new TextEncoder().encode(secretKey));
    const { 'Scp-Accesskey': accessKeyHeader, 'Scp-AccountId': accountIdHeader, 'X-Auth-Token': tokenHeader } = fixed;
    return Object.freeze({
      backend: 'node' as const,
      accountId,
      sign(method: string, url: string, timestamp: number): ScpAuthHeaders {
        const ts = String(timestamp);
        // A literal in the same key order as authHeaders(): one object shape for every signature.
        const headers: ScpAuthHeaders = {
          'Scp-Accesskey': accessKeyHeader,
          'Scp-Signature': mac(method.toUpperCase() + url + ts + tail),
          'Scp-Timestamp': ts,
          'Scp-ClientType': SCP_CLIENT_TYPE,
        };
        if (accountIdHeader !== undefined) headers['Scp-AccountId'] = accountIdHeader;
        if (tokenHeader !== undefined) headers['X-Auth-Token'] = tokenHeader;
        return headers;
      },
    });
  }

  const subtle = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  if (!subtle) throw new Error('No HMAC implementation: neither node:crypto nor WebCrypto (crypto.subtle) is available');
  const encoder = new TextEncoder();
  const key = await subtle.importKey('raw', encoder.encode(secretKey), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return Object.freeze({
    backend: 'webcrypto' as const,
    accountId,
    async sign(method: string, url: string, timestamp: number): Promise<ScpAuthHeaders> {
      const ts = String(timestamp);
      const mac = await subtle.sign('HMAC', key, encoder.encode(method.toUpperCase() + url + ts + tail));
      return { ...fixed, 'Scp-Signature': base64(new Uint8Array(mac)), 'Scp-Timestamp': ts };
    },
  });
}

function authHeaders(credentials: ScpCredentials, signature: string, timestamp: string): ScpAuthHeaders {
  const headers: ScpAuthHeaders = {
    'Scp-Accesskey': credentials.accessKey,
    'Scp-Signature': signature,
    'Scp-Timestamp': timestamp,
    'Scp-ClientType': SCP_CLIENT_TYPE,
  };
  if (credentials.accountId !== undefined) headers['Scp-AccountId'] = credentials.accountId;
  const token = credentials.sessionToken;
  if (token !== undefined && token !== '') headers['X-Auth-Token'] = token;
  return headers;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i] as number);
  return btoa(binary);
}
