/**
 * Helpers that keep secrets (secret key, session token, signatures) out of text that leaves the library:
 * error messages, events handed to user callbacks, `String()`/`JSON`/`inspect` renderings.
 */

/** What a hidden value is replaced with. */
export const REDACTED = '[REDACTED]';

/**
 * Shows just enough of an identifier (e.g. an access key) to tell two apart in a log, never the whole value.
 * Short values are masked entirely because their ends would reveal most of them.
 */
export function maskIdentifier(value: string): string {
  if (value.length < 12) return '****';
  return `${value.slice(0, 4)}…${value.slice(-4)}`;
}

/** Replaces every occurrence of each non-empty secret in `text` with {@link REDACTED}. */
export function redactText(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    // Very short "secrets" would shred ordinary text; they are not worth hiding from it either.
    if (secret && secret.length >= 4 && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** Drops `user:password@` from a URL and cuts the fragment; other URLs (or non-URLs) pass through. */
export function redactUrl(url: string): string {
  const hash = url.indexOf('#');
  const noFragment = hash === -1 ? url : url.slice(0, hash);
  const at = noFragment.indexOf('@');
  if (at === -1) return noFragment;
  const scheme = noFragment.indexOf('://');
  const pathStart = noFragment.indexOf('/', scheme + 3);
  if (scheme === -1 || (pathStart !== -1 && at > pathStart)) return noFragment;
  return noFragment.slice(0, scheme + 3) + noFragment.slice(at + 1);
}

/** A one-line description of a thrown value, with the given secrets removed. Never includes stack traces. */
export function describeError(error: unknown, secrets: readonly (string | undefined)[] = []): string {
  let text: string;
  if (error instanceof Error) {
    text = `${error.name}: ${error.message}`;
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof Error && cause.message) text += ` (cause: ${cause.name}: ${cause.message})`;
  } else {
    text = String(error);
  }
  return redactText(text, secrets);
}

/** `value` with every string inside it (object values and array items, recursively) passed through {@link redactText}. */
export function redactDeep<T>(value: T, secrets: readonly (string | undefined)[]): T {
  if (!secrets.some((s) => s && s.length >= 4)) return value;
  if (typeof value === 'string') return redactText(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactDeep(item, secrets)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = redactDeep(item, secrets);
    return out as T;
  }
  return value;
}

/**
 * A copy of a thrown value that can be kept as an error's `cause`: same name, message (and `code`) with the secrets
 * removed, the cause chain copied alike, no original stack (it repeats the message).
 */
export function redactedError(error: unknown, secrets: readonly (string | undefined)[], depth = 0): Error {
  if (!(error instanceof Error)) return new Error(redactText(String(error), secrets));
  const cause = (error as { cause?: unknown }).cause;
  const copy = new Error(
    redactText(error.message, secrets),
    cause !== undefined && depth < 3 ? { cause: redactedError(cause, secrets, depth + 1) } : undefined,
  );
  copy.name = error.name;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') (copy as Error & { code?: string }).code = code;
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}
