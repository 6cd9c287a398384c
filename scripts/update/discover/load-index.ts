/**
 * Fetch `/search-index.json` (over HTTP with the update loop's retry policy, or from a directory of
 * saved pages) and stream it through the index collector, stopping the download once the stored
 * documents are read. Throws `IndexUnavailable` with the reason when the site has no usable index,
 * so that discovery falls back to the contents list and print pages.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { isRetryableStatus, parseRetryAfter, RetriesExhaustedError, RetryableError, withRetry, type RetryPolicy } from '../retry.ts';
import { createIndexCollector, IndexFormatError, type IndexCollector, type IndexDocument } from './index-stream.ts';
import { SEARCH_INDEX_PATH } from './split-index.ts';

export class IndexUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndexUnavailable';
  }
}

export interface LoadedIndex {
  readonly docs: readonly IndexDocument[];
  /** Bytes read before stopping. */
  readonly bytes: number;
  /** True when the download stopped after the stored documents (the term index was skipped). */
  readonly stoppedEarly: boolean;
}

export interface IndexSource {
  /** Site base URL or a directory of saved pages. */
  readonly from: string;
  readonly local: boolean;
  readonly fetch?: typeof fetch;
  /** Abort when no byte arrives for this long. */
  readonly idleTimeoutMs: number;
  readonly retry: RetryPolicy;
}

async function collect(chunks: AsyncIterable<Uint8Array>, stop: () => void): Promise<LoadedIndex> {
  const collector: IndexCollector = createIndexCollector();
  let bytes = 0;
  for await (const chunk of chunks) {
    bytes += chunk.length;
    collector.write(chunk);
    if (collector.complete) {
      stop();
      return { docs: collector.finish(), bytes, stoppedEarly: true };
    }
  }
  return { docs: collector.finish(), bytes, stoppedEarly: false };
}

async function loadFromDirectory(dir: string): Promise<LoadedIndex> {
  const file = path.join(dir, SEARCH_INDEX_PATH);
  if (!(await stat(file).then((s) => s.isFile(), () => false))) throw new IndexUnavailable(`no ${SEARCH_INDEX_PATH.slice(1)} in ${dir}`);
  const stream = createReadStream(file);
  try {
    return await collect(stream, () => stream.destroy());
  } finally {
    stream.destroy();
  }
}

/** One download attempt: a 200 streamed through the collector, with an idle timeout between chunks. */
async function downloadOnce(url: string, source: IndexSource): Promise<LoadedIndex> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new Error(`no data for ${source.idleTimeoutMs} ms`)), source.idleTimeoutMs);
  };
  arm();
  try {
    let res: Response;
    try {
      res = await (source.fetch ?? fetch)(url, { signal: controller.signal, headers: { 'user-agent': 'scp-openapi-update', accept: 'application/json' } });
    } catch (e) {
      throw new RetryableError(`${url}: ${(e as Error).message}`);
    }
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => undefined);
      if (isRetryableStatus(res.status)) throw new RetryableError(`${url}: HTTP ${res.status}`, res.status, parseRetryAfter(res.headers.get('retry-after')));
      throw new IndexUnavailable(`${url}: HTTP ${res.status}`);
    }
    const body = res.body;
    if (!body) throw new IndexUnavailable(`${url}: empty response`);
    const reader = body.getReader();
    const chunks = (async function* () {
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        arm();
        yield r.value;
      }
    })();
    try {
      return await collect(chunks, () => controller.abort(new Error('stored documents read')));
    } catch (e) {
      if (e instanceof IndexFormatError) throw new IndexUnavailable(`${url}: ${e.message}`);
      if (controller.signal.aborted) throw new RetryableError(`${url}: ${(controller.signal.reason as Error).message}`);
      throw new RetryableError(`${url}: ${(e as Error).message}`);
    }
  } finally {
    clearTimeout(timer);
  }
}

/** The site's search index, or IndexUnavailable saying why it cannot be used. */
export async function loadSearchIndex(source: IndexSource): Promise<LoadedIndex> {
  if (source.local) {
    try {
      return await loadFromDirectory(source.from);
    } catch (e) {
      if (e instanceof IndexFormatError) throw new IndexUnavailable(`${path.join(source.from, SEARCH_INDEX_PATH)}: ${e.message}`);
      throw e;
    }
  }
  const url = `${source.from.replace(/\/+$/, '')}${SEARCH_INDEX_PATH}`;
  try {
    return await withRetry(() => downloadOnce(url, source), source.retry);
  } catch (e) {
    if (e instanceof RetriesExhaustedError) throw new IndexUnavailable(e.message);
    throw e;
  }
}
