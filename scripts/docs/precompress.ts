/**
 * Precompressed copies of the site's text files (`page.html.gz`, `page.html.br`) written at build
 * time, so docs:serve (or any static host configured for it) sends compressed bytes without
 * compressing per request. Settings are fixed, so the copies are byte-identical between builds.
 * Compression runs on libuv's thread pool: the build's thread stays free to start the next
 * build-docs run and render pages meanwhile.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const COMPRESSIBLE = /\.(?:html|js|css|json|yaml|svg|txt)$/;
/** Smaller files gain too little to be worth a second request path. */
const MIN_BYTES = 1024;
/**
 * Brotli's best setting costs ~150 ms per 100 KB; up to this size (styles, scripts, guides) that is
 * cheap. Above it (portal, reference pages, Redoc views and bundle, spec copies: nearly all of the
 * site's 15 MB) quality 5 is ~5× faster than quality 7 for ~3 % more bytes, and gzip level 6 ~2×
 * faster than level 9 for under 1 % more.
 */
const BEST_UP_TO = 16 * 1024;

export interface Compressed {
  readonly gzip: Buffer;
  readonly brotli: Buffer;
}

export function shouldCompress(rel: string, size: number): boolean {
  return COMPRESSIBLE.test(rel) && size >= MIN_BYTES;
}

export async function compress(content: Buffer): Promise<Compressed> {
  const small = content.length <= BEST_UP_TO;
  const params = {
    [constants.BROTLI_PARAM_QUALITY]: small ? constants.BROTLI_MAX_QUALITY : 5,
    [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
    [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
  };
  const [gz, br] = await Promise.all([gzipAsync(content, { level: small ? 9 : 6 }), brotliAsync(content, { params })]);
  return { gzip: gz, brotli: br };
}
