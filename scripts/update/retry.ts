/**
 * The update loop's one retry policy: which failures are retried (429, 408, 5xx, network errors,
 * timeouts), how long to wait (exponential backoff with full jitter, never less than the server's
 * Retry-After, capped) and how many times. p-retry runs the loop; the wait is ours so that tests
 * inject `sleep` and `random` instead of depending on timers. (`src/` keeps its own, dependency-free
 * retry for the runtime client.)
 */
import pRetry, { AbortError } from 'p-retry';

export interface RetryPolicy {
  /** Retries after the first attempt (so `retries + 1` attempts at most). */
  readonly retries: number;
  /** First backoff step; retry n waits a random time in [0, min(maxDelayMs, baseDelayMs·2^n)]. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Told before each wait (e.g. to log "retry 1/4 in 350 ms"). */
  readonly onRetry?: (info: { readonly attempt: number; readonly retries: number; readonly delayMs: number; readonly reason: string }) => void;
}

export const DEFAULT_RETRY = { retries: 4, baseDelayMs: 500, maxDelayMs: 15_000 } as const;

/** `onRetry` that logs each retry as one line ("<reason>; retry 1/4 in 350 ms"). */
export function logRetries(log: ((line: string) => void) | undefined): NonNullable<RetryPolicy['onRetry']> {
  return ({ attempt, retries, delayMs, reason }) => log?.(`  ${reason}; retry ${attempt}/${retries} in ${Math.round(delayMs)} ms`);
}

/** A failure worth another attempt; `retryAfterMs` is the server's Retry-After, when it sent one. */
export class RetryableError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'RetryableError';
  }
}

/** Gave up: the last retryable failure, after `attempts` attempts. */
export class RetriesExhaustedError extends Error {
  constructor(
    readonly last: RetryableError,
    readonly attempts: number,
  ) {
    super(`${last.message} after ${attempts} attempt${attempts === 1 ? '' : 's'}`);
    this.name = 'RetriesExhaustedError';
  }
}

/** HTTP statuses that say "try again later". */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}

/** Backoff before retry number `attempt` (0-based): full jitter, so that parallel clients spread out. */
export function backoffDelay(attempt: number, base: number, max: number, random: () => number, retryAfterMs?: number): number {
  const cap = Math.min(max, base * 2 ** attempt);
  const jittered = random() * cap;
  return retryAfterMs !== undefined ? Math.min(max, Math.max(jittered, retryAfterMs)) : jittered;
}

/** `Retry-After` as milliseconds (seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const sleepReal = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Run `task` (given the 1-based attempt number) until it succeeds, throws something other than a
 * RetryableError (passed through at once), or the retries are spent (RetriesExhaustedError).
 */
export async function withRetry<T>(task: (attempt: number) => Promise<T>, policy: RetryPolicy): Promise<T> {
  const random = policy.random ?? Math.random;
  const sleep = policy.sleep ?? sleepReal;
  let attempts = 0;
  try {
    return await pRetry(
      async (attempt) => {
        attempts = attempt;
        try {
          return await task(attempt);
        } catch (e) {
          throw e instanceof RetryableError ? e : new AbortError(e instanceof Error ? e : new Error(String(e)));
        }
      },
      {
        retries: policy.retries,
        minTimeout: 0,
        maxTimeout: 0,
        shouldRetry: async ({ error, retriesConsumed }) => {
          const e = error as RetryableError;
          const delayMs = backoffDelay(retriesConsumed, policy.baseDelayMs, policy.maxDelayMs, random, e.retryAfterMs);
          policy.onRetry?.({ attempt: retriesConsumed + 1, retries: policy.retries, delayMs, reason: e.message });
          await sleep(delayMs);
          return true;
        },
      },
    );
  } catch (e) {
    if (e instanceof RetryableError) throw new RetriesExhaustedError(e, attempts);
    throw e;
  }
}
