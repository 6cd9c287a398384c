/**
 * One attempt's deadline: a signal for fetch that aborts when the attempt's timeout fires or the caller's signal
 * aborts, until `close()`. The transport closes it only after the response body has been read, so the timeout and
 * the caller's signal cover the whole exchange.
 *
 * Built from an AbortController, a timer and a listener rather than `AbortSignal.any([caller, AbortSignal.timeout()])`:
 * in Node 20 the latter costs several times more per request (`npm run bench` measures both), and its timers
 * outlive the attempt.
 */

export interface Deadline {
  /** The signal to hand to fetch (the caller's own when there is no timeout). */
  readonly signal: AbortSignal | undefined;
  /** Why the signal aborted, if it did: the caller's signal first, else the timeout. */
  abortedBy(): 'caller' | 'timeout' | undefined;
  /** Stops the timer and detaches from the caller's signal. Idempotent. */
  close(): void;
}

/** A deadline of `timeoutMs` (0 or Infinity: none) that also follows `caller`. */
export function openDeadline(caller: AbortSignal | undefined, timeoutMs: number): Deadline {
  return timeoutMs > 0 && Number.isFinite(timeoutMs) ? new TimedDeadline(caller, timeoutMs) : new CallerDeadline(caller);
}

/** The reason an aborted signal carries, or a standard AbortError when it has none. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

class CallerDeadline implements Deadline {
  constructor(readonly signal: AbortSignal | undefined) {}
  abortedBy(): 'caller' | undefined {
    return this.signal?.aborted ? 'caller' : undefined;
  }
  close(): void {}
}

class TimedDeadline implements Deadline {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onCallerAbort: (() => void) | undefined;

  constructor(
    private readonly caller: AbortSignal | undefined,
    timeoutMs: number,
  ) {
    this.timer = setTimeout(abortOnTimeout, timeoutMs, this.controller, timeoutMs);
    if (caller) {
      const controller = this.controller;
      this.onCallerAbort = () => controller.abort(caller.reason);
      caller.addEventListener('abort', this.onCallerAbort);
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  abortedBy(): 'caller' | 'timeout' | undefined {
    if (this.caller?.aborted) return 'caller';
    return this.controller.signal.aborted ? 'timeout' : undefined;
  }

  close(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.onCallerAbort) this.caller?.removeEventListener('abort', this.onCallerAbort);
  }
}

/** Timer callback shared by all deadlines (no closure per attempt). */
function abortOnTimeout(controller: AbortController, timeoutMs: number): void {
  controller.abort(new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError'));
}
