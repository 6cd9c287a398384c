import { createHash } from 'node:crypto';

/** Hex sha256 of a text or buffer: the content hash used by the manifest and every build stage. */
export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
