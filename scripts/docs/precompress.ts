/**
 * Precompressed copies of the site's text files (`page.html.gz`, `page.html.br`) written at build
 * time, so docs:serve (or any static host configured for it) sends compressed bytes without
 * compressing per request. Settings are fixed, so the copies are byte-identical between builds.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(?:html|js|css|json|yaml|svg|txt)$/;
/** Smaller files gain too little to be worth a second request path. */
const MIN_BYTES = 1024;
/** Brotli's best setting costs ~150 ms per 100 KB of HTML; above this size quality 7 is ~8× faster for ~10 % more bytes. */
const BEST_BROTLI_UP_TO = 64 * 1024;

export interface Compressed {
  readonly gzip: Buffer;
  readonly brotli: Buffer;
}

export function shouldCompress(rel: string, size: number): boolean {
  return COMPRESSIBLE.test(rel) && size >= MIN_BYTES;
}

export function compress(content: Buffer): Compressed {
  const quality = content.length <= BEST_BROTLI_UP_TO ? constants.BROTLI_MAX_QUALITY : 7;
  return {
    gzip: gzipSync(content, { level: 9 }),
    brotli: brotliCompressSync(content, {
      params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: content.length, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
    }),
  };
}
