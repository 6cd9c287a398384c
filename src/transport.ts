/**
 * The fetch function handed to openapi-fetch. It signs the final Request (after query serialisation), so the URL
 * signed is exactly the URL on the wire, and it retries: every attempt gets a fresh timestamp and signature.
 *
 * Retries: exponential backoff with full jitter on 429/502/503/504, network errors and timeouts, for
 * GET/HEAD/PUT/DELETE/OPTIONS (POST/PATCH only with `retryNonIdempotent`); `Retry-After` is honoured up to
 * `maxDelayMs`. The per-attempt timeout and the caller's `request.signal` govern each attempt until its response
 * headers arrive (a caller abort is never retried); reading the small JSON body is left to the caller.
 * Events handed to `onEvent` never carry the secret, the signature or any header.
 *
 * Cost per attempt, beyond fetch itself: one signature, one header record and, with a timeout, a timer and an
 * AbortController taken from a small pool (creating AbortSignals is what made this transport slow in Node 20).
 */
import { ScpConfigError, ScpTimeoutError } from './errors.ts';
import { describeError } from './redact.ts';
import type { ScpAuthHeaders, Signer } from './signing.ts';

export interface RetryOptions {
  /** Total attempts including the first (default 3; 1 disables retries). */
  maxAttempts?: number;
  /** Backoff ceiling for the first retry; doubles per retry (default 200). */
  baseDelayMs?: number;
  /** Upper bound for any single delay, including a server's Retry-After (default 10000). */
  maxDelayMs?: number;
  /** Also retry POST and PATCH (default false: they may not be safe to repeat). */
  retryNonIdempotent?: boolean;
}

export interface PerRequestOptions {
  /** Per-attempt timeout in ms until response headers arrive; 0 or Infinity disables it. */
  timeoutMs?: number;
  retry?: RetryOptions;
}

export interface ScpRequestEvent {
  type: 'request' | 'response' | 'retry' | 'error';
  method: string;
  url: string;
  attempt: number;
  status?: number;
  durationMs?: number;
  delayMs?: number;
  /** One-line error description (never a stack, header, secret or signature). */
  error?: string;
}

export interface TransportOptions {
  signer: Signer;
  /** Must match the signer's account id (it is part of the signature); checked when the signer reports one. */
  accountId?: string;
  /** Sent as X-Auth-Token when the signer does not already add it. */
  sessionToken?: string;
  /** Accept-Language when the request has none (default en-US). */
  acceptLanguage?: string;
  /** Per-attempt timeout (default 30000). */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Clock for signature timestamps (default Date.now). */
  now?: () => number;
  /**
   * Underlying fetch, called as `fetch(url, init)` once per attempt (default globalThis.fetch). `init.signal` governs
   * the attempt until its response headers arrive; afterwards, stripped of its listeners, it may serve a later attempt.
   */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Source of jitter in [0, 1) (default Math.random). */
  random?: () => number;
  onEvent?: (e: ScpRequestEvent) => void;
}

export type ScpFetch = ((input: Request) => Promise<Response>) & {
  withOptions(o: PerRequestOptions): (input: Request) => Promise<Response>;
};

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_RETRY: Readonly<Required<RetryOptions>> = Object.freeze({
  maxAttempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
  retryNonIdempotent: false,
});

/** Reused AbortControllers kept per transport at most (a burst of concurrent requests leaves no more behind). */
const MAX_SPARE_CONTROLLERS = 16;

const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']);

interface Settings extends Readonly<Required<RetryOptions>> {
  readonly timeoutMs: number;
  /** A finite, positive timeout: each attempt needs an AbortController and a timer. */
  readonly timed: boolean;
}

/** Creates the signing, retrying fetch. `withOptions` gives a variant with other timeout/retry settings. */
export function createScpFetch(opts: TransportOptions): ScpFetch {
  const { signer } = opts;
  if (!signer || typeof signer.sign !== 'function') throw new ScpConfigError('createScpFetch needs a signer');
  if (opts.accountId !== undefined && signer.accountId !== undefined && opts.accountId !== signer.accountId) {
    throw new ScpConfigError('accountId differs from the account id the signer signs with');
  }
  const fetchImpl: (input: string, init: RequestInit) => Promise<Response> =
    opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep;
  const random = opts.random ?? Math.random;
  const acceptLanguage = opts.acceptLanguage ?? 'en-US';
  const sessionToken = opts.sessionToken || undefined;
  const onEvent = opts.onEvent;
  const base = settingsFrom(undefined, { timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, retry: opts.retry ?? {} });

  // Controllers of attempts whose response headers arrived, unaborted, with no listener left: reused by later
  // attempts, since a new AbortSignal costs several µs in Node 20 (most of this transport's own per-request cost).
  const spareControllers: AbortController[] = [];
  const releaseController = (controller: AbortController): void => {
    const signal = controller.signal;
    if (!listenersOf || signal.aborted || signal.onabort !== null || spareControllers.length >= MAX_SPARE_CONTROLLERS) return;
    // fetch's Request follows the signal with a listener that stays until GC. Detached here, a later abort of this
    // controller (another attempt's timeout) cannot reach this attempt's response; anything left: not reused.
    for (const listener of listenersOf(signal, 'abort')) signal.removeEventListener('abort', listener as EventListener);
    if (listenersOf(signal, 'abort').length === 0) spareControllers.push(controller);
  };

  const emit = (event: ScpRequestEvent): void => {
    try {
      onEvent?.(event);
    } catch {
      // A failing listener must not fail the request.
    }
  };

  async function send(input: Request | string | URL, ext: RequestInit | undefined, s: Settings): Promise<Response> {
    let request: Request;
    if (typeof input === 'string' || input instanceof URL) {
      request = new Request(input, ext);
      ext = undefined;
    } else {
      request = input;
    }
    const method = request.method.toUpperCase();
    const url = withoutFragment(request.url);
    const callerSignal: AbortSignal | undefined = request.signal ?? undefined;
    if (callerSignal?.aborted) throw abortReason(callerSignal);
    // Bodies are small JSON: read once, only when there is one, and resend the same bytes on each attempt.
    const body = request.body === null ? undefined : await request.arrayBuffer();
    const retryable = s.retryNonIdempotent || IDEMPOTENT_METHODS.has(method);
    // Request settings beyond method/headers/body/signal; usually none (openapi-fetch leaves fetch's defaults).
    const extra = withRequestSettings(ext, request);
    let lastTimestamp = -Infinity;

    for (let attempt = 1; ; attempt++) {
      // Fresh timestamp per attempt; strictly increasing so a quick retry never repeats a signature.
      let timestamp = now();
      if (timestamp <= lastTimestamp) timestamp = lastTimestamp + 1;
      lastTimestamp = timestamp;
      const signed = signer.sign(method, url, timestamp);
      const auth: ScpAuthHeaders = isPromise(signed) ? await signed : signed;
      // An async signer may have let the caller abort meanwhile; a listener added now would never fire.
      if (callerSignal?.aborted) throw abortReason(callerSignal);

      // Without a timeout the caller's signal goes to fetch as is (as with plain fetch). With one, an AbortController
      // per attempt that the timer or the caller's signal aborts; timer and listener are released as soon as the
      // response headers arrive, so a Request sent many times never piles listeners onto its signal. Reading the
      // (small JSON) body is not covered.
      let signal: AbortSignal | null = callerSignal ?? null;
      let controller: AbortController | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let onCallerAbort: (() => void) | undefined;
      if (s.timed) {
        const attemptController = spareControllers.pop() ?? new AbortController();
        controller = attemptController;
        signal = attemptController.signal;
        timer = setTimeout(abortOnTimeout, s.timeoutMs, attemptController, s.timeoutMs);
        if (callerSignal) {
          onCallerAbort = () => attemptController.abort(callerSignal.reason);
          callerSignal.addEventListener('abort', onCallerAbort);
        }
      }
      const headers = withAuthHeaders(request.headers, auth, sessionToken, acceptLanguage);
      const init: RequestInit =
        extra === undefined
          ? { method: request.method, headers, body, signal }
          : { ...extra, method: request.method, headers, body, signal };

      const started = onEvent ? monotonicNow() : 0;
      if (onEvent) emit({ type: 'request', method, url, attempt });

      let response: Response;
      try {
        // fetch(url, init) rather than a rebuilt Request: one Request construction less per attempt.
        response = await fetchImpl(url, init);
      } catch (error) {
        if (timer !== undefined) clearTimeout(timer);
        if (onCallerAbort !== undefined) callerSignal?.removeEventListener('abort', onCallerAbort);
        if (callerSignal?.aborted) {
          if (onEvent) emit({ type: 'error', method, url, attempt, durationMs: monotonicNow() - started, error: 'aborted by caller' });
          throw abortReason(callerSignal);
        }
        // Only the timer aborts the controller when the caller has not.
        const timedOut = controller?.signal.aborted === true;
        if (onEvent) {
          emit({
            type: 'error',
            method,
            url,
            attempt,
            durationMs: monotonicNow() - started,
            error: timedOut ? `timed out after ${s.timeoutMs} ms` : describeError(error, [auth['Scp-Signature']]),
          });
        }
        if (!retryable || attempt >= s.maxAttempts) {
          if (timedOut) throw new ScpTimeoutError({ method, url, timeoutMs: s.timeoutMs, attempts: attempt });
          throw error;
        }
        const delayMs = backoff(attempt, s, random);
        if (onEvent) emit({ type: 'retry', method, url, attempt, delayMs });
        await pause(delayMs, sleep, callerSignal);
        continue;
      }

      if (timer !== undefined) clearTimeout(timer);
      if (onCallerAbort !== undefined) callerSignal?.removeEventListener('abort', onCallerAbort);
      if (controller !== undefined) releaseController(controller);
      if (onEvent) emit({ type: 'response', method, url, attempt, status: response.status, durationMs: monotonicNow() - started });
      if (!RETRY_STATUSES.has(response.status) || !retryable || attempt >= s.maxAttempts) return response;

      const delayMs = retryAfterMs(response.headers.get('retry-after'), now, s.maxDelayMs) ?? backoff(attempt, s, random);
      // Free the connection: the body of a response we discard is never read.
      response.body?.cancel().catch(() => undefined);
      if (onEvent) emit({ type: 'retry', method, url, attempt, status: response.status, delayMs });
      await pause(delayMs, sleep, callerSignal);
    }
  }

  const bind = (s: Settings) => (input: Request | string | URL, ext?: RequestInit) => send(input, ext, s);
  const scpFetch = bind(base) as ScpFetch;
  scpFetch.withOptions = (o: PerRequestOptions) => bind(settingsFrom(base, o));
  return scpFetch;
}

function settingsFrom(base: Settings | undefined, o: PerRequestOptions): Settings {
  const retry = o.retry ?? {};
  const timeoutMs = o.timeoutMs ?? base?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const s: Settings = {
    timeoutMs,
    timed: timeoutMs > 0 && Number.isFinite(timeoutMs),
    maxAttempts: retry.maxAttempts ?? base?.maxAttempts ?? DEFAULT_RETRY.maxAttempts,
    baseDelayMs: retry.baseDelayMs ?? base?.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs,
    maxDelayMs: retry.maxDelayMs ?? base?.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs,
    retryNonIdempotent: retry.retryNonIdempotent ?? base?.retryNonIdempotent ?? DEFAULT_RETRY.retryNonIdempotent,
  };
  if (!Number.isInteger(s.maxAttempts) || s.maxAttempts < 1) throw new ScpConfigError('retry.maxAttempts must be a whole number ≥ 1');
  if (!(s.timeoutMs >= 0)) throw new ScpConfigError('timeoutMs must be ≥ 0 (0 disables the timeout)');
  if (!(s.baseDelayMs >= 0) || !(s.maxDelayMs >= 0)) throw new ScpConfigError('retry delays must be ≥ 0');
  return Object.freeze(s);
}

/** Full jitter: a uniform delay in [0, min(maxDelay, base · 2^(attempt-1))). */
export function backoff(attempt: number, s: { baseDelayMs: number; maxDelayMs: number }, random: () => number): number {
  const ceiling = Math.min(s.maxDelayMs, s.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Retry-After as delta-seconds or an HTTP date, in ms, capped at `maxDelayMs`; `undefined` when absent or unreadable. */
export function retryAfterMs(value: string | null, now: () => number, maxDelayMs: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  let ms: number;
  if (/^\d+(?:\.\d+)?$/.test(text)) {
    ms = Number(text) * 1000;
  } else {
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    ms = at - now();
  }
  return Math.min(Math.max(0, Math.ceil(ms)), maxDelayMs);
}

async function pause(ms: number, sleep: ((ms: number) => Promise<void>) | undefined, signal: AbortSignal | undefined): Promise<void> {
  if (sleep) await sleep(ms);
  else if (ms > 0) await abortableSleep(ms, signal);
  if (signal?.aborted) throw abortReason(signal);
}

function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/**
 * The request's headers plus the auth headers, as a plain record with lower-case names (fetch lower-cases them
 * anyway): one header validation pass, inside fetch, instead of two.
 */
function withAuthHeaders(
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
  let out: RequestInit | undefined = ext === undefined ? undefined : { ...ext };
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

/** Timer callback shared by all attempts (no closure per attempt). */
function abortOnTimeout(controller: AbortController, timeoutMs: number): void {
  controller.abort(new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError'));
}

function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * node:events getEventListeners, to check a signal has no listener left before its controller is reused; loaded
 * without awaiting (process.getBuiltinModule, Node ≥ 20.16). Elsewhere undefined: a new controller per attempt.
 */
const listenersOf: ((target: EventTarget, type: string) => unknown[]) | undefined = (() => {
  const getBuiltin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  if (typeof getBuiltin !== 'function') return undefined;
  try {
    const events = getBuiltin('node:events') as { getEventListeners?: (target: EventTarget, type: string) => unknown[] } | undefined;
    return typeof events?.getEventListeners === 'function' ? events.getEventListeners : undefined;
  } catch {
    return undefined;
  }
})();

const perf = (globalThis as { performance?: { now(): number } }).performance;
function monotonicNow(): number {
  return perf ? perf.now() : Date.now();
}
