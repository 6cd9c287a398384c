/**
 * Browser stand-in for node-crypto.ts (package.json "browser" map): there is no node:crypto, so the signer uses
 * WebCrypto and signRequestSync says it needs node:crypto.
 */
import type { NodeCrypto } from './node-crypto.ts';

export type { NodeCrypto };

export function nodeCryptoSync(): NodeCrypto | undefined {
  return undefined;
}

export async function nodeCryptoAsync(): Promise<NodeCrypto | undefined> {
  return undefined;
}

export function nodeHmacBase64(): never {
  throw new Error('node:crypto is not available in this build');
}
