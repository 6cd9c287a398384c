import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, RetriesExhaustedError, RetryableError, withRetry, type RetryPolicy } from '../../scripts/update/retry.ts';

/** A policy whose waits are recorded instead of slept. */
function recorded(extra: Partial<RetryPolicy> = {}): { policy: RetryPolicy; sleeps: number[]; retries: string[] } {
  const sleeps: number[] = [];
  const retries: string[] = [];
  const policy: RetryPolicy = {
    retries: 3,
    baseDelayMs: 100,
    maxDelayMs: 1000,
    random: () => 1,
    sleep: async (ms) => void sleeps.push(ms),
    onRetry: (i) => void retries.push(`${i.attempt}/${i.retries} ${i.delayMs} ${i.reason}`),
    ...extra,
  };
  return { policy, sleeps, retries };
}

describe('withRetry', () => {
  it('retries retryable failures with doubling waits and returns the first success', async () => {
    const { policy, sleeps, retries } = recorded();
    const seen: number[] = [];
    const value = await withRetry(async (attempt) => {
      seen.push(attempt);
      if (attempt < 3) throw new RetryableError(`HTTP 503 #${attempt}`, 503);
      return 'page';
    }, policy);
    expect(value).toBe('page');
    expect(seen).toEqual([1, 2, 3]);
    expect(sleeps).toEqual([100, 200]);
    expect(retries).toEqual(['1/3 100 HTTP 503 #1', '2/3 200 HTTP 503 #2']);
  });

  it('gives up after the retries with the last failure and the attempt count', async () => {
    const { policy, sleeps } = recorded({ retries: 2 });
    const err = await withRetry(async () => {
      throw new RetryableError('HTTP 500', 500);
    }, policy).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetriesExhaustedError);
    expect(err).toMatchObject({ attempts: 3, message: 'HTTP 500 after 3 attempts' });
    expect((err as RetriesExhaustedError).last.status).toBe(500);
    expect(sleeps).toEqual([100, 200]);
  });

  it('passes any other error through at once, unretried', async () => {
    const { policy, sleeps } = recorded();
    let calls = 0;
    const err = await withRetry(async () => {
      calls++;
      throw new Error('HTTP 404');
    }, policy).catch((e: unknown) => e);
    expect(err).toMatchObject({ message: 'HTTP 404' });
    expect(calls).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('never waits less than Retry-After, nor more than the cap', async () => {
    const { policy, sleeps } = recorded({ random: () => 0 });
    let calls = 0;
    await withRetry(async () => {
      calls++;
      if (calls === 1) throw new RetryableError('HTTP 429', 429, 700);
      if (calls === 2) throw new RetryableError('HTTP 429', 429, 60_000);
      return 'ok';
    }, policy);
    expect(sleeps).toEqual([700, 1000]);
  });
});

describe('backoff helpers', () => {
  it('backoff doubles per attempt up to the cap, scaled by jitter, and respects Retry-After', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, 500, 8000, () => 1))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(backoffDelay(2, 500, 8000, () => 0.25)).toBe(500);
    expect(backoffDelay(0, 500, 8000, () => 0, 3000)).toBe(3000);
    expect(backoffDelay(0, 500, 8000, () => 0, 60_000)).toBe(8000);
  });

  it('parses Retry-After seconds and dates', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
