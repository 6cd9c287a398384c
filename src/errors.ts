/**
 * Error classes thrown by the SCP client, and the helper that reads what a failed response says about itself.
 * None of them carries request headers: that is where the signature and session token travel.
 */
import { redactDeep, redactText, redactUrl } from './redact.ts';

/** Base class: `catch (e) { if (e instanceof ScpError) … }` catches everything this library throws. */
export class ScpError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Configuration is missing or unusable (credentials not found, config file is not JSON, …). Raised before any request. */
export class ScpConfigError extends ScpError {}

/** No usable base URL for the requested service / region / environment. */
export class ScpEndpointError extends ScpError {
  /** The documented `environment/region` pairs the service accepts (may be empty when the docs list none). */
  readonly validPairs: readonly string[];
  constructor(message: string, validPairs: readonly string[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.validPairs = validPairs;
  }
}

/** Every attempt of a request ran out of time. */
export class ScpTimeoutError extends ScpError {
  readonly method: string;
  readonly url: string;
  /** Per-attempt timeout in milliseconds. */
  readonly timeoutMs: number;
  readonly attempts: number;
  constructor(init: { method: string; url: string; timeoutMs: number; attempts: number }) {
    const url = redactUrl(init.url);
    super(
      `SCP request ${init.method} ${url} timed out after ${init.timeoutMs} ms` +
        (init.attempts > 1 ? ` (${init.attempts} attempts)` : ''),
    );
    this.method = init.method;
    this.url = url;
    this.timeoutMs = init.timeoutMs;
    this.attempts = init.attempts;
  }
}

/** The request was refused before anything was signed or sent (e.g. a path parameter that would change the target). */
export class ScpRequestError extends ScpError {}

/**
 * The connection failed (refused, reset — also after the response headers — or a request fetch would not send)
 * on the last attempt. The message and `cause` are copies with the session token and signature removed.
 */
export class ScpNetworkError extends ScpError {
  readonly method: string;
  readonly url: string;
  readonly attempts: number;
  constructor(init: { method: string; url: string; attempts: number; detail: string }, options?: { cause?: unknown }) {
    const url = redactUrl(init.url);
    super(`SCP request ${init.method} ${url} failed: ${init.detail}` + (init.attempts > 1 ? ` (${init.attempts} attempts)` : ''), options);
    this.method = init.method;
    this.url = url;
    this.attempts = init.attempts;
  }
}

/** What a non-2xx response tells about itself. */
export interface ScpErrorInfo {
  status: number;
  requestId?: string;
  /** Parsed JSON when the body is JSON, else its text; `undefined` when the body is empty or unreadable. */
  body: unknown;
}

/** The API answered with an error status. */
export class ScpApiError extends ScpError {
  readonly status: number;
  readonly requestId?: string;
  readonly body: unknown;
  readonly method: string;
  /** Request URL without credentials or fragment; headers are never kept. */
  readonly url: string;
  /** `secrets` (secret key, session token) are cut from the message and the body, should the server echo them. */
  constructor(
    init: ScpErrorInfo & { method: string; url: string; secrets?: readonly (string | undefined)[] },
    options?: { cause?: unknown },
  ) {
    const url = redactUrl(init.url);
    const secrets = init.secrets ?? [];
    const body = redactDeep(init.body, secrets);
    const summary = bodySummary(body);
    super(
      `SCP API ${init.method} ${url} failed with HTTP ${init.status}` +
        (summary ? `: ${redactText(summary, secrets)}` : '') +
        (init.requestId ? ` (request id ${init.requestId})` : ''),
      options,
    );
    this.status = init.status;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    this.body = body;
    this.method = init.method;
    this.url = url;
  }
}

/** Response headers that may carry a request id, most specific first. */
const REQUEST_ID_HEADERS: readonly string[] = [
  'x-scp-request-id',
  'x-request-id',
  'x-amzn-requestid',
  'x-correlation-id',
  'request-id',
  'traceparent',
];

/** The server's request id: the first of REQUEST_ID_HEADERS the response carries. */
export function requestIdOf(headers: Headers): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}

/** Reads status, request id and body (JSON if it parses, else text) of a response. Consumes the body. */
export async function readErrorInfo(response: Response): Promise<ScpErrorInfo> {
  const requestId = requestIdOf(response.headers);
  let body: unknown;
  try {
    const text = await response.text();
    if (text !== '') {
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        body = text;
      }
    }
  } catch {
    // Body already consumed or the stream broke: the status is still worth reporting.
    body = undefined;
  }
  return requestId === undefined ? { status: response.status, body } : { status: response.status, requestId, body };
}

const SUMMARY_MAX = 300;

/** A short human summary of an error body: its message field if it has one, else (short) text. */
function bodySummary(body: unknown): string | undefined {
  let text: string | undefined;
  if (typeof body === 'string') text = body.trim();
  else if (body && typeof body === 'object') text = messageField(body as Record<string, unknown>);
  if (!text) return undefined;
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > SUMMARY_MAX ? `${oneLine.slice(0, SUMMARY_MAX)}…` : oneLine;
}

function messageField(obj: Record<string, unknown>): string | undefined {
  for (const key of ['message', 'detail', 'error_description', 'title']) {
    const value = obj[key];
    if (typeof value === 'string' && value) return value;
  }
  const nested = obj['error'] ?? (Array.isArray(obj['errors']) ? (obj['errors'] as unknown[])[0] : undefined);
  if (typeof nested === 'string') return nested;
  if (nested && typeof nested === 'object') {
    const value = (nested as Record<string, unknown>)['message'] ?? (nested as Record<string, unknown>)['detail'];
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}
