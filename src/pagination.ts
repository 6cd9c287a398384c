/**
 * Iterate over every item of a paged SCP list operation (query params `page`, 0-based, and `size`).
 *
 *   for await (const flow of paginate(dataFlow, '/v1/data-flows', { params: { query: { state: 'RUNNING' } } })) …
 *
 * SCP list responses put the page's items in an array (`contents` in every documented list model) next to a
 * total (`total_count`, or `count` in the DBaaS services). A few operations call the page size `limit`
 * (pass `sizeParam: 'limit'`). Iteration stops at the total, at a short or empty page, or after `maxPages`.
 * The item type follows from the path: only GET paths with a `page` query parameter are accepted, and
 * `itemsKey` must name an array property of that operation's response.
 */
import type { Client, ClientPathsWithMethod, FetchResponse, MaybeOptionalInit } from 'openapi-fetch';
import type { PathsOf, ScpRequestOptions, scpPathsType } from './client-types.ts';
import { ScpApiError, type ScpErrorInfo } from './errors.ts';

type GetOp<Paths, Path extends keyof Paths> = Paths[Path] extends { get: infer Op } ? Op : never;

/** GET paths of `Paths` whose query takes a `page` parameter. */
export type PagedPath<Paths extends {}> = {
  [P in ClientPathsWithMethod<Client<Paths>, 'get'>]: GetOp<Paths, P> extends { parameters: { query?: infer Q } }
    ? [NonNullable<Q>] extends [never] // `query?: never`: no query parameters at all
      ? never
      : 'page' extends keyof NonNullable<Q>
        ? P
        : never
    : never;
}[ClientPathsWithMethod<Client<Paths>, 'get'>];

/** The success body of GET `Path`. */
export type PageOf<Paths extends {}, Path extends keyof Paths> =
  FetchResponse<GetOp<Paths, Path> & Record<string | number, any>, {}, `${string}/${string}`> extends infer R
    ? R extends { error?: never; data: infer D }
      ? NonNullable<D>
      : never
    : never;

/** Keys of `Page` whose value is an array (possibly optional or nullable). */
export type ArrayKeys<Page> = {
  [K in keyof Page]-?: NonNullable<Page[K]> extends readonly unknown[] ? K : never;
}[keyof Page] &
  string;

export type ItemOf<Page, K extends keyof Page> = NonNullable<Page[K]> extends readonly (infer T)[] ? T : never;

export interface PaginateOptions<K extends string> {
  /** Items per page (default 20), sent as the `sizeParam` query parameter. */
  pageSize?: number;
  /** Query parameter that carries the page size: `size` (default) or `limit` (e.g. vertica backup histories). */
  sizeParam?: 'size' | 'limit';
  /** Response property holding the items (default `contents`). */
  itemsKey?: K;
  /** First page number (default 0: SCP pages are 0-based). */
  firstPage?: number;
  /** Safety stop (default 10000 pages). */
  maxPages?: number;
}

type RequiredKeysOf<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
type OpParams<Paths, Path extends keyof Paths> = GetOp<Paths, Path> extends { parameters: infer P } ? P : never;
type PageParam = 'page' | 'size' | 'limit';
/** The operation's parameters with `page` and `size` / `limit` optional: paginate supplies them. */
type LoosePageParams<P> = P extends { query?: infer Q }
  ? Omit<P, 'query'> & {
      query?: Omit<NonNullable<Q>, PageParam> & Partial<Pick<NonNullable<Q>, PageParam & keyof NonNullable<Q>>>;
    }
  : P;
type ParamsArg<P> = RequiredKeysOf<P> extends never ? { params?: P } : { params: P };

/** GET options for a paged path: openapi-fetch's, with `page`/`size` optional, plus per-request transport options. */
export type PaginateInit<Paths extends {}, Path extends keyof Paths> = Omit<
  NonNullable<MaybeOptionalInit<Paths[Path], 'get' & keyof Paths[Path]>>,
  'params'
> &
  ParamsArg<LoosePageParams<OpParams<Paths, Path>>> &
  ScpRequestOptions;

/** What paginate needs of a client: its GET and its recorded `paths` type (every ScpClient has both). */
export interface PageableClient {
  readonly [scpPathsType]?: {};
  GET: (...args: never[]) => Promise<unknown>;
}

type GetFn = (url: string, init: Record<string, unknown>) => Promise<{ data?: unknown; error?: ScpErrorInfo; response: Response }>;

/**
 * Async iterator over all items of a paged list. Errors (non-2xx, whatever the client's throwOnError) are thrown
 * as {@link ScpApiError}; `page`/`size` in `init` are replaced by the iteration's own.
 */
export async function* paginate<
  C extends PageableClient,
  // `const`: keep the literal path (the constraint depends on C, so TS would otherwise widen it to string).
  const Path extends PagedPath<PathsOf<C>>,
  K extends ArrayKeys<PageOf<PathsOf<C>, Path>> = 'contents' & ArrayKeys<PageOf<PathsOf<C>, Path>>,
>(
  client: C,
  path: Path,
  // Required exactly when the operation has required path parameters.
  ...[init, options = {}]: RequiredKeysOf<PaginateInit<PathsOf<C>, Path>> extends never
    ? [init?: PaginateInit<PathsOf<C>, Path>, options?: PaginateOptions<K>]
    : [init: PaginateInit<PathsOf<C>, Path>, options?: PaginateOptions<K>]
): AsyncGenerator<ItemOf<PageOf<PathsOf<C>, Path>, K>, void, undefined> {
  const pageSize = options.pageSize ?? 20;
  const itemsKey: string = options.itemsKey ?? 'contents';
  const sizeParam = options.sizeParam ?? 'size';
  const maxPages = options.maxPages ?? 10_000;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError('paginate: pageSize must be a whole number ≥ 1');
  const base = (init ?? {}) as Record<string, unknown> & { params?: { query?: Record<string, unknown> } };
  const get = client.GET as unknown as GetFn;

  let seen = 0;
  let page = options.firstPage ?? 0;
  for (let fetched = 0; fetched < maxPages; fetched++, page++) {
    const { data, error, response } = await get(path as string, {
      ...base,
      params: { ...base.params, query: { ...base.params?.query, page, [sizeParam]: pageSize } },
    });
    if (error !== undefined || !response.ok) {
      const info = error ?? { status: response.status, body: undefined };
      throw new ScpApiError({ ...info, method: 'GET', url: response.url || (path as string) });
    }
    const body = (data ?? {}) as Record<string, unknown>;
    const items = body[itemsKey];
    if (items !== undefined && items !== null && !Array.isArray(items)) {
      throw new TypeError(`paginate: response property "${itemsKey}" of GET ${path as string} is not an array`);
    }
    const list = (items ?? []) as ItemOf<PageOf<PathsOf<C>, Path>, K>[];
    for (const item of list) yield item;
    seen += list.length;
    const total = typeof body['total_count'] === 'number' ? body['total_count'] : typeof body['count'] === 'number' ? body['count'] : undefined;
    if (list.length === 0 || list.length < pageSize || (total !== undefined && seen >= total)) return;
  }
}
