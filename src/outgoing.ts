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
  readonly body: ArrayBuffer | undefined;
  readonly callerSignal: AbortSignal | undefined;
  /** Request settings beyond method/headers/body/signal; usually none (openapi-fetch leaves fetch's defaults). */
  readonly extra: RequestInit | undefined;
}

/** Reads the request once: its body is consumed here. */
export async function toOutgoing(input: Request | string | URL, ext: RequestInit | undefined): Promise<Outgoing> {
  let request: Request;
  if (typeof input === 'string' || input instanceof URL) {
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

/**
 * The caller's extra init (string/URL input) plus the Request's settings other than method/headers/body/signal that
 * differ from fetch's defaults; `undefined` when there are none, as for every request openapi-fetch builds.
 */
function withRequestSettings(ext: RequestInit | undefined, request: Request): RequestInit | undefined {
  let out: RequestInit | undefined;
  if (ext !== undefined) {
    const { method: _m, headers: _h, body: _b, signal: _s, ...rest } = ext;
    if (Object.keys(rest).length > 0) out = rest;
  }
  if (request.redirect !== undefined && request.redirect !== 'follow') (out ??= {}).redirect = request.redirect;
  if (request.credentials !== undefined && request.credentials !== 'same-origin') (out ??= {}).credentials = request.credentials;
  if (request.cache !== undefined && request.cache !== 'default') (out ??= {}).cache = request.cache;
  if (request.mode !== undefined && request.mode !== 'cors' && request.mode !== 'navigate') (out ??= {}).mode = request.mode;
  if (request.keepalive) (out ??= {}).keepalive = true;
  if (request.integrity) (out ??= {}).integrity = request.integrity;
  if (request.referrerPolicy) (out ??= {}).referrerPolicy = request.referrerPolicy;
  if (request.referrer !== undefined && request.referrer !== 'about:client') (out ??= {}).referrer = request.referrer;
  return out;
}
