/**
 * SCP request signing: Scp-Signature = base64(HMAC-SHA256(secretKey, METHOD + url + timestamp + accessKey +
 * accountId + 'Openapi')). The body is not signed. Pure: no clock, no I/O.
 *
 * Two backends: node:crypto (Node, Bun, Deno; 1-2 µs a signature, synchronous) and WebCrypto (browsers; async,
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

const HMAC_BLOCK_BYTES = 64; // SHA-256 block size

/**
 * HMAC-SHA256 (RFC 2104) as base64, keyed once. Where node:crypto has the one-shot `hash()` (Node ≥ 20.12) it is
 * H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ message)) with node:crypto's SHA-256 over key blocks padded here once: two digests
 * and no per-message OpenSSL MAC context or native handle, about half the cost of `createHmac` (and less garbage).
 * Elsewhere, `createHmac` with a KeyObject. The padded key blocks live only in this closure.
 */
function nodeHmacBase64(crypto: NodeCrypto, secret: Uint8Array): (message: string) => string {
  const hash = crypto.hash;
  if (typeof hash !== 'function') {
    const key = crypto.createSecretKey(secret);
    return (message) => crypto.createHmac('sha256', key).update(message, 'utf8').digest('base64');
  }
  const key = secret.length > HMAC_BLOCK_BYTES ? hash('sha256', secret, 'buffer') : secret;
  // inner = [K ⊕ ipad | message bytes], outer = [K ⊕ opad | inner digest]; both reused for every message.
  let inner = new Uint8Array(HMAC_BLOCK_BYTES + 256);
  let innerTail = inner.subarray(HMAC_BLOCK_BYTES);
  const outer = new Uint8Array(HMAC_BLOCK_BYTES + 32);
  for (let i = 0; i < HMAC_BLOCK_BYTES; i++) {
    const k = key[i] ?? 0;
    inner[i] = k ^ 0x36;
    outer[i] = k ^ 0x5c;
  }
  const encoder = new TextEncoder();
  return (message) => {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    if (innerTail.length < message.length * 3) {
      const grown = new Uint8Array(HMAC_BLOCK_BYTES + message.length * 3);
      grown.set(inner.subarray(0, HMAC_BLOCK_BYTES));
      inner = grown;
      innerTail = grown.subarray(HMAC_BLOCK_BYTES);
    }
    const { written } = encoder.encodeInto(message, innerTail);
    outer.set(hash('sha256', inner.subarray(0, HMAC_BLOCK_BYTES + written), 'buffer'), HMAC_BLOCK_BYTES);
    return hash('sha256', outer, 'base64');
  };
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i] as number);
  return btoa(binary);
}

type NodeCrypto = Pick<typeof import('node:crypto'), 'createHmac' | 'createSecretKey'> & {
  /** One-shot digest: Node ≥ 20.12 / 21.7 (absent in older runtimes, where createHmac signs). */
  hash?: (typeof import('node:crypto'))['hash'];
};

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
