/**
 * The runtime's retry policy: which answers and methods are retried, how long to wait (exponential backoff with
 * full jitter, a server's Retry-After honoured up to a cap), and an abortable wait. Pure apart from `pause`.
 */
import { abortReason } from './deadline.ts';

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

export const DEFAULT_RETRY: Readonly<Required<RetryOptions>> = Object.freeze({
  maxAttempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
  retryNonIdempotent: false,
});

/** Answers worth another attempt: throttled, or a gateway that could not reach the service. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']);

/** May a request with this (upper-case) method be sent again? */
export function isRetryableMethod(method: string, retryNonIdempotent: boolean): boolean {
  return retryNonIdempotent || IDEMPOTENT_METHODS.has(method);
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

/** Waits `ms` (through `sleep` when given), ending early when `signal` aborts; then throws the abort reason. */
export async function pause(ms: number, sleep: ((ms: number) => Promise<void>) | undefined, signal: AbortSignal | undefined): Promise<void> {
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
