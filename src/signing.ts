/**
 * SCP request signing: Scp-Signature = base64(HMAC-SHA256(secretKey, METHOD + url + timestamp + accessKey +
 * accountId + 'Openapi')). The body is not signed. Pure: no clock, no I/O.
 *
 * Two backends: node:crypto (Node, Bun, Deno; about 2 µs a signature, synchronous) and WebCrypto (browsers; async,
 * with the HMAC key imported once per signer).
 */
import type { ScpCredentials } from './credentials.ts';

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
    const key = nodeCrypto.createSecretKey(new TextEncoder().encode(secretKey));
    return Object.freeze({
      backend: 'node' as const,
      accountId,
      sign(method: string, url: string, timestamp: number): ScpAuthHeaders {
        const ts = String(timestamp);
        const signature = nodeCrypto
          .createHmac('sha256', key)
          .update(method.toUpperCase() + url + ts + tail, 'utf8')
          .digest('base64');
        return { ...fixed, 'Scp-Signature': signature, 'Scp-Timestamp': ts };
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

type NodeCrypto = Pick<typeof import('node:crypto'), 'createHmac' | 'createSecretKey'>;

let cachedNodeCrypto: NodeCrypto | undefined;

/** node:crypto without awaiting: process.getBuiltinModule (Node ≥ 20.16, Bun, Deno 2) or a module loaded earlier. */
function nodeCryptoSync(): NodeCrypto | undefined {
  if (cachedNodeCrypto) return cachedNodeCrypto;
  const getBuiltin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
    ?.getBuiltinModule;
  if (typeof getBuiltin === 'function') {
    try {
      const mod = getBuiltin('node:crypto') as NodeCrypto | undefined;
      if (mod && typeof mod.createHmac === 'function') cachedNodeCrypto = mod;
    } catch {
      // not available
    }
  }
  return cachedNodeCrypto;
}

async function nodeCryptoAsync(): Promise<NodeCrypto | undefined> {
  const g = globalThis as { process?: { versions?: { node?: unknown } }; Deno?: unknown; Bun?: unknown };
  if (typeof g.process?.versions?.node !== 'string' && g.Deno === undefined && g.Bun === undefined) return undefined;
  try {
    const specifier = 'node:crypto';
    const mod = (await import(/* webpackIgnore: true */ /* @vite-ignore */ specifier)) as NodeCrypto;
    if (typeof mod.createHmac === 'function' && typeof mod.createSecretKey === 'function') cachedNodeCrypto = mod;
  } catch {
    // browser or restricted runtime: WebCrypto it is
  }
  return cachedNodeCrypto;
}
