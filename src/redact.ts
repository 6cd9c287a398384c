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
