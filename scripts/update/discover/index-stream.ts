/**
 * Reads the stored documents out of the site's `/search-index.json` (a MiniSearch v2 `toJSON()`
 * document, ~86 MB) as it streams in, with @streamparser/json: only `storedFields` entries and
 * `documentIds` are materialised, and once the parser is past `storedFields` the rest (the term
 * index, most of the bytes) is not needed, so the caller may stop the download. No I/O here.
 */
import { JSONParser } from '@streamparser/json';
import { isObject } from '../../emit/json-value.ts';

export interface IndexDocument {
  /** The page path, e.g. `/apireference/data-analytics/data-flow/apis/createdataflow/1.1/`. */
  readonly ref: string;
  readonly title: string;
  readonly body: string;
  readonly lang?: string;
  readonly categories: readonly string[];
}

/** The index is not a MiniSearch document we can use; the message says why. */
export class IndexFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndexFormatError';
  }
}

export interface IndexCollector {
  /** Feed the next bytes (throws IndexFormatError on invalid JSON). */
  write(chunk: Uint8Array | string): void;
  /** True once `storedFields` has been read whole: the remaining bytes can be skipped. */
  readonly complete: boolean;
  /** The documents, sorted by ref; throws IndexFormatError when the input did not hold them. */
  finish(): IndexDocument[];
}

type Raw = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A stored document, with the ref taken from `documentIds` when the stored fields lack it. */
function toDocument(id: string, raw: unknown, documentIds: Raw | undefined): IndexDocument | undefined {
  if (!isObject(raw)) return undefined;
  const ref = str(raw.ref) ?? str(documentIds?.[id]);
  const body = str(raw.body);
  if (ref === undefined || body === undefined) return undefined;
  const categories = Array.isArray(raw.categories) ? raw.categories.filter((c): c is string => typeof c === 'string') : [];
  const lang = str(raw.lang);
  return { ref, title: str(raw.title) ?? '', body, ...(lang !== undefined ? { lang } : {}), categories };
}

export function createIndexCollector(): IndexCollector {
  const parser = new JSONParser({ paths: ['$.documentIds', '$.storedFields.*', '$.documentCount', '$.dirtCount', '$.serializationVersion'], keepStack: false });
  const stored: [string, unknown][] = [];
  let documentIds: Raw | undefined;
  let storedStarted = false;
  let complete = false;
  let failure: Error | undefined;
  parser.onValue = ({ value, key, stack }) => {
    const parent = stack[stack.length - 1]?.key;
    if (parent === 'storedFields') {
      storedStarted = true;
      stored.push([String(key), value]);
    } else if (key === 'documentIds' && isObject(value)) documentIds = value;
    else if (storedStarted) complete = true; // a top-level key after storedFields: it is whole
  };
  parser.onError = (e) => {
    failure = e;
  };
  return {
    write(chunk) {
      if (failure === undefined) {
        try {
          parser.write(chunk);
        } catch (e) {
          failure = e as Error;
        }
      }
      if (failure !== undefined) throw new IndexFormatError(`not a JSON document (${failure.message})`);
    },
    get complete() {
      return complete;
    },
    finish() {
      if (failure !== undefined) throw new IndexFormatError(`not a JSON document (${failure.message})`);
      if (!complete && !parser.isEnded) throw new IndexFormatError('the document ends before its storedFields are complete (truncated?)');
      if (stored.length === 0) throw new IndexFormatError('no "storedFields" documents (not a MiniSearch index?)');
      const docs = stored.map(([id, raw]) => toDocument(id, raw, documentIds));
      const usable = docs.filter((d): d is IndexDocument => d !== undefined);
      if (usable.length < docs.length / 2) {
        throw new IndexFormatError(`${docs.length - usable.length} of ${docs.length} stored documents lack a ref or a body`);
      }
      return usable.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
    },
  };
}
