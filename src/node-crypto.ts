/**
 * The node:crypto backend of the signer (Node, Bun, Deno). Browser bundles get node-crypto.browser.ts instead
 * (package.json "browser" map), so none of this ends up in them.
 */
const HMAC_BLOCK_BYTES = 64; // SHA-256 block size

/**
 * HMAC-SHA256 (RFC 2104) as base64, keyed once. Where node:crypto has the one-shot `hash()` (Node ≥ 20.12) it is
 * H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ message)) with node:crypto's SHA-256 over key blocks padded here once: two digests
 * and no per-message OpenSSL MAC context or native handle, about half the cost of `createHmac` (and less garbage).
 * Elsewhere, `createHmac` with a KeyObject. The padded key blocks live only in this closure.
 */
export function nodeHmacBase64(crypto: NodeCrypto, secret: Uint8Array): (message: string) => string {
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

export type NodeCrypto = Pick<typeof import('node:crypto'), 'createHmac' | 'createSecretKey'> & {
  /** One-shot digest: Node ≥ 20.12 / 21.7 (absent in older runtimes, where createHmac signs). */
  hash?: (typeof import('node:crypto'))['hash'];
};

let cachedNodeCrypto: NodeCrypto | undefined;

/** node:crypto without awaiting: process.getBuiltinModule (Node ≥ 20.16, Bun, Deno 2) or a module loaded earlier. */
export function nodeCryptoSync(): NodeCrypto | undefined {
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

export async function nodeCryptoAsync(): Promise<NodeCrypto | undefined> {
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
