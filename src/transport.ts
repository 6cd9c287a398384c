/**
 * The fetch function handed to openapi-fetch. It signs the final Request (after query serialisation), so the URL
 * signed is exactly the URL on the wire, and it retries: every attempt gets a fresh timestamp and signature.
 *
 * One attempt = sign, send, read the whole body (SCP answers are small JSON). `timeoutMs` applies per attempt and
 * covers all of it, body included, as does the caller's `request.signal`; a caller abort is never retried.
 * Retries (retry.ts): 429/502/503/504, connection failures (also a reset while the body arrives) and timeouts, for
 * GET/HEAD/PUT/DELETE/OPTIONS (POST/PATCH only with `retryNonIdempotent`), with backoff and `Retry-After`.
 * Failures surface as {@link ScpTimeoutError} / {@link ScpNetworkError}, or the caller's abort reason. Events handed
 * to `onEvent`, and errors, never carry the secret, the signature, the session token or any header.
 */
import { withBufferedBody } from './buffered-response.ts';
import { abortReason, openDeadline } from './deadline.ts';
import { ScpConfigError, ScpNetworkError, ScpTimeoutError } from './errors.ts';
import { attemptInit, toOutgoing, withAuthHeaders, type DraftRequest, type Outgoing } from './outgoing.ts';
import { describeError, redactedError } from './redact.ts';
import {
  backoff,
  DEFAULT_RETRY,
  isRetryableMethod,
  pause,
  RETRY_STATUSES,
  retryAfterMs,
  type RetryOptions,
} from './retry.ts';
import type { ScpAuthHeaders, Signer } from './signing.ts';

export type { RetryOptions } from './retry.ts';

export interface PerRequestOptions {
  /** Per-attempt timeout in ms, from sending until the body is read; 0 or Infinity disables it. */
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
  /** One-line error description (never a stack, header, secret, token or signature). */
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
  /** Per-attempt timeout, body included (default 30000). */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Clock for signature timestamps and Retry-After dates (default Date.now). */
  now?: () => number;
  /** Underlying fetch, called as `fetch(url, init)` once per attempt (default globalThis.fetch). */
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

interface Settings extends Readonly<Required<RetryOptions>> {
  readonly timeoutMs: number;
}

/** Everything an attempt needs that does not change between requests. */
interface Context {
  readonly signer: Signer;
  readonly fetch: (input: string, init: RequestInit) => Promise<Response>;
  readonly now: () => number;
  readonly sleep: ((ms: number) => Promise<void>) | undefined;
  readonly random: () => number;
  readonly acceptLanguage: string;
  readonly sessionToken: string | undefined;
  readonly emit: ((event: ScpRequestEvent) => void) | undefined;
}

/** One attempt's result: a response (body read, or to be discarded for a retry) or a failure. */
type Outcome = { readonly response: Response; readonly failure?: undefined } | { readonly failure: Failure };
interface Failure {
  readonly error: unknown;
  readonly abortedBy: 'caller' | 'timeout' | undefined;
  /** What the error's text must not show: this attempt's signature and session token. */
  readonly secrets: readonly (string | undefined)[];
}

/** Creates the signing, retrying fetch. `withOptions` gives a variant with other timeout/retry settings. */
export function createScpFetch(opts: TransportOptions): ScpFetch {
  const ctx = contextOf(opts);
  const base = settingsFrom(undefined, { timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, retry: opts.retry ?? {} });
  const bind = (s: Settings) => async (input: Request | DraftRequest | string | URL, ext?: RequestInit) => send(ctx, await toOutgoing(input, ext), s);
  const scpFetch = bind(base) as ScpFetch;
  scpFetch.withOptions = (o: PerRequestOptions) => bind(settingsFrom(base, o));
  return scpFetch;
}

function contextOf(opts: TransportOptions): Context {
  const { signer, onEvent } = opts;
  if (!signer || typeof signer.sign !== 'function') throw new ScpConfigError('createScpFetch needs a signer');
  if (opts.accountId !== undefined && signer.accountId !== undefined && opts.accountId !== signer.accountId) {
    throw new ScpConfigError('accountId differs from the account id the signer signs with');
  }
  return {
    signer,
    fetch: opts.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    now: opts.now ?? Date.now,
    sleep: opts.sleep,
    random: opts.random ?? Math.random,
    acceptLanguage: opts.acceptLanguage ?? 'en-US',
    sessionToken: opts.sessionToken || undefined,
    emit: onEvent
      ? (event) => {
          try {
            onEvent(event);
          } catch {
            // A failing listener must not fail the request.
          }
        }
      : undefined,
  };
}

/** The retry loop: attempts until one gives an answer worth returning, or the policy says stop. */
async function send(ctx: Context, out: Outgoing, s: Settings): Promise<Response> {
  const { method, url, callerSignal } = out;
  if (callerSignal?.aborted) throw abortReason(callerSignal);
  const retryable = isRetryableMethod(method, s.retryNonIdempotent);
  let lastTimestamp = -Infinity;
  for (let attempt = 1; ; attempt++) {
    // Fresh timestamp per attempt; strictly increasing so a quick retry never repeats a signature.
    const timestamp = Math.max(ctx.now(), lastTimestamp + 1);
    lastTimestamp = timestamp;
    const last = !retryable || attempt >= s.maxAttempts;
    const outcome = await attemptOnce(ctx, out, s, attempt, timestamp, last);
    let delayMs: number;
    if (outcome.failure === undefined) {
      const { response } = outcome;
      if (last || !RETRY_STATUSES.has(response.status)) return response;
      delayMs = retryAfterMs(response.headers.get('retry-after'), ctx.now, s.maxDelayMs) ?? backoff(attempt, s, ctx.random);
      ctx.emit?.({ type: 'retry', method, url, attempt, status: response.status, delayMs });
    } else {
      if (outcome.failure.abortedBy === 'caller') throw abortReason(callerSignal as AbortSignal);
      if (last) throw finalError(out, s, attempt, outcome.failure);
      delayMs = backoff(attempt, s, ctx.random);
      ctx.emit?.({ type: 'retry', method, url, attempt, delayMs });
    }
    await pause(delayMs, ctx.sleep, callerSignal);
  }
}

/**
 * Sign, send and read the body under one deadline. A response with a retryable status that will be retried is
 * not read: its body is cancelled to free the connection.
 */
async function attemptOnce(ctx: Context, out: Outgoing, s: Settings, attempt: number, timestamp: number, last: boolean): Promise<Outcome> {
  const { method, url, callerSignal } = out;
  const signed = ctx.signer.sign(method, url, timestamp);
  const auth: ScpAuthHeaders = isPromise(signed) ? await signed : signed;
  // An async signer may have let the caller abort meanwhile: do not send.
  if (callerSignal?.aborted) return { failure: { error: abortReason(callerSignal), abortedBy: 'caller', secrets: [] } };

  const secrets = [auth['Scp-Signature'], auth['X-Auth-Token'] ?? ctx.sessionToken];
  const deadline = openDeadline(callerSignal, s.timeoutMs);
  const started = ctx.emit ? performance.now() : 0;
  ctx.emit?.({ type: 'request', method, url, attempt });
  try {
    const init = attemptInit(out, withAuthHeaders(out.headers, auth, ctx.sessionToken, ctx.acceptLanguage), deadline.signal);
    // fetch(url, init) rather than a rebuilt Request: one Request construction less per attempt.
    const response = await ctx.fetch(url, init);
    const willRetry = !last && RETRY_STATUSES.has(response.status);
    const result = willRetry ? discardBody(response) : await withBodyRead(response);
    ctx.emit?.({ type: 'response', method, url, attempt, status: response.status, durationMs: performance.now() - started });
    return { response: result };
  } catch (error) {
    const abortedBy = deadline.abortedBy();
    if (ctx.emit) {
      const detail = abortedBy === 'caller' ? 'aborted by caller' : abortedBy === 'timeout' ? `timed out after ${s.timeoutMs} ms` : describeError(error, secrets);
      ctx.emit({ type: 'error', method, url, attempt, durationMs: performance.now() - started, error: detail });
    }
    return { failure: { error, abortedBy, secrets } };
  } finally {
    deadline.close();
  }
}

/** The error to throw when the last attempt failed: a timeout, or a connection failure with secrets removed. */
function finalError(out: Outgoing, s: Settings, attempts: number, failure: Failure): Error {
  const { method, url } = out;
  if (failure.abortedBy === 'timeout') return new ScpTimeoutError({ method, url, timeoutMs: s.timeoutMs, attempts });
  return new ScpNetworkError(
    { method, url, attempts, detail: describeError(failure.error, failure.secrets) },
    { cause: redactedError(failure.error, failure.secrets) },
  );
}

/** The response with its body read into memory (inside the attempt's deadline); bodiless responses as they are. */
async function withBodyRead(response: Response): Promise<Response> {
  if (response.body === null) return response;
  return withBufferedBody(response, new Uint8Array(await response.arrayBuffer()));
}

function discardBody(response: Response): Response {
  response.body?.cancel().catch(() => undefined);
  return response;
}

function settingsFrom(base: Settings | undefined, o: PerRequestOptions): Settings {
  const retry: RetryOptions = o.retry ?? {};
  const s = { timeoutMs: o.timeoutMs ?? base?.timeoutMs ?? DEFAULT_TIMEOUT_MS } as { -readonly [K in keyof Settings]: Settings[K] };
  // Each retry setting: the request's, else the client's, else the default.
  for (const key in DEFAULT_RETRY) {
    const k = key as keyof RetryOptions;
    (s as Record<string, unknown>)[k] = retry[k] ?? base?.[k] ?? DEFAULT_RETRY[k];
  }
  if (!Number.isInteger(s.maxAttempts) || s.maxAttempts < 1) throw new ScpConfigError('retry.maxAttempts must be a whole number ≥ 1');
  if (!(s.timeoutMs >= 0)) throw new ScpConfigError('timeoutMs must be ≥ 0 (0 disables the timeout)');
  if (!(s.baseDelayMs >= 0) || !(s.maxDelayMs >= 0)) throw new ScpConfigError('retry delays must be ≥ 0');
  return Object.freeze(s);
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
