/**
 * What the transport sends on every attempt, taken once from the caller's Request (or fetch-style url + init):
 * method, the URL exactly as it goes on the wire, the body bytes, the caller's signal and the headers with the
 * auth headers added.
 */
import type { ScpAuthHeaders } from './signing.ts';

export interface Outgoing {
  /** Upper case. */
  readonly method: string;
  /** The URL as sent and signed: no fragment, no empty `?` (fetch drops both). */
  readonly url: string;
  readonly headers: Headers;
  /** Small JSON: read once, resent as the same bytes on each attempt. */
  readonly body: ArrayBuffer | Uint8Array<ArrayBuffer> | undefined;
  readonly callerSignal: AbortSignal | undefined;
  /** Request settings beyond method/headers/body/signal; usually none (openapi-fetch leaves fetch's defaults). */
  readonly extra: RequestInit | undefined;
}

/**
 * What openapi-fetch would build a Request from, kept as given: client.ts hands this class to openapi-fetch as its
 * `Request` when no middleware needs a real one, so that the only Request is the one fetch builds (undici's
 * constructor, with its URL parse, header copy and AbortController, costs ~5% of a loopback request).
 */
export class DraftRequest {
  /** Serialised as a Request serialises its URL. */
  readonly url: string;
  constructor(
    url: string,
    readonly init: RequestInit,
  ) {
    this.url = new URL(url).href;
  }
  get method(): string {
    return (this.init.method ?? 'GET').toUpperCase();
  }
}

const encoder = new TextEncoder();

/** A draft with no body or a text one (openapi-fetch's JSON) as is; other bodies are left to a real Request. */
function draftOutgoing(draft: DraftRequest, ext: RequestInit | undefined): Outgoing | undefined {
  const { method: _m, headers: h, body, signal, redirect, ...rest }: RequestInit = draft.init;
  if (body != null && typeof body !== 'string') return undefined;
  // openapi-fetch merges every header source into a Headers of its own for each request.
  const headers = h as Headers;
  // As the Request constructor does for a string body.
  if (body != null && !headers.has('content-type')) headers.set('content-type', 'text/plain;charset=UTF-8');
  if (redirect !== undefined && redirect !== 'follow') (rest as RequestInit).redirect = redirect;
  const fromExt = ext === undefined ? undefined : initSettings(ext);
  return {
    method: draft.method,
    url: wireUrl(draft.url),
    headers,
    body: body == null ? undefined : encoder.encode(body),
    callerSignal: signal ?? undefined,
    extra: Object.keys(rest).length > 0 ? { ...fromExt, ...rest } : fromExt,
  };
}

/** Reads the request once: its body is consumed here. */
export async function toOutgoing(input: Request | DraftRequest | string | URL, ext: RequestInit | undefined): Promise<Outgoing> {
  let request: Request;
  if (input instanceof DraftRequest) {
    const out = draftOutgoing(input, ext);
    if (out) return out;
    request = new Request(input.url, input.init);
  } else if (typeof input === 'string' || input instanceof URL) {
    request = new Request(input, ext);
    ext = undefined; // now part of the Request
  } else {
    request = input;
  }
  return {
    method: request.method.toUpperCase(),
    url: wireUrl(request.url),
    headers: request.headers,
    body: request.body === null ? undefined : await request.arrayBuffer(),
    callerSignal: request.signal ?? undefined,
    extra: withRequestSettings(ext, request),
  };
}

/**
 * A serialised URL as fetch puts it on the wire: without its fragment and without a `?` that has no query after it
 * (`https://h/x?` is requested as `/x`). Percent-escapes stay byte for byte as written.
 */
function wireUrl(url: string): string {
  const hash = url.indexOf('#');
  const noFragment = hash === -1 ? url : url.slice(0, hash);
  return noFragment.endsWith('?') ? noFragment.slice(0, -1) : noFragment;
}

/** The init for one attempt's fetch call. */
export function attemptInit(out: Outgoing, headers: Record<string, string>, signal: AbortSignal | undefined): RequestInit {
  const init: RequestInit = { method: out.method, headers, body: out.body ?? null, signal: signal ?? null };
  return out.extra === undefined ? init : { ...out.extra, ...init };
}

/**
 * The request's headers plus the auth headers, as a plain record with lower-case names (fetch lower-cases them
 * anyway): one header validation pass, inside fetch, instead of two.
 */
export function withAuthHeaders(
  source: Headers,
  auth: ScpAuthHeaders,
  sessionToken: string | undefined,
  acceptLanguage: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  source.forEach((value, name) => {
    out[name] = value;
  });
  out['scp-accesskey'] = auth['Scp-Accesskey'];
  out['scp-signature'] = auth['Scp-Signature'];
  out['scp-timestamp'] = auth['Scp-Timestamp'];
  out['scp-clienttype'] = auth['Scp-ClientType'];
  const accountId = auth['Scp-AccountId'];
  if (accountId !== undefined) out['scp-accountid'] = accountId;
  const token = auth['X-Auth-Token'] ?? sessionToken;
  if (token !== undefined) out['x-auth-token'] = token;
  if (out['accept-language'] === undefined) out['accept-language'] = acceptLanguage;
  return out;
}

/** An init's settings other than method/headers/body/signal; `undefined` when there are none. */
function initSettings(init: RequestInit): RequestInit | undefined {
  const { method: _m, headers: _h, body: _b, signal: _s, ...rest } = init;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/**
 * The caller's extra init (string/URL input) plus the Request's settings other than method/headers/body/signal that
 * differ from fetch's defaults; `undefined` when there are none, as for every request openapi-fetch builds.
 */
function withRequestSettings(ext: RequestInit | undefined, request: Request): RequestInit | undefined {
  let out = (ext === undefined ? undefined : initSettings(ext)) as Record<string, unknown> | undefined;
  for (const key in SETTING_DEFAULTS) {
    const value = request[key as keyof typeof SETTING_DEFAULTS];
    // A 'navigate' mode cannot be handed to fetch (it is a browser's own navigation).
    if (value !== undefined && value !== SETTING_DEFAULTS[key as keyof typeof SETTING_DEFAULTS] && value !== 'navigate') {
      (out ??= {})[key] = value;
    }
  }
  return out as RequestInit | undefined;
}

/** fetch's defaults for the Request settings other than method/headers/body/signal. */
const SETTING_DEFAULTS = {
  redirect: 'follow',
  credentials: 'same-origin',
  cache: 'default',
  mode: 'cors',
  keepalive: false,
  integrity: '',
  referrerPolicy: '',
  referrer: 'about:client',
} as const;
