/**
 * The docs' patterns are written for regex engines without the `u` flag: they use identity escapes
 * such as `\=`, `\_`, `\:` that are syntax errors under `u`. JSON Schema tools (ajv by default,
 * Prism, redocly) compile `pattern` WITH `u`, and Prism silently stops validating a body whose
 * schema has a pattern it cannot compile. Dropping the backslash of an identity escape of a
 * character that is not special where it stands gives a regex that matches exactly the same
 * strings in both modes; the emitter keeps the docs' text beside it.
 */

// Characters that may (and sometimes must) stay escaped under `u`: ECMAScript SyntaxCharacter and `/`.
const SYNTAX = new Set(['^', '$', '\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '/']);

/**
 * Rewrite `pattern` so that it compiles with the `u` flag and matches the same strings as the
 * original does without it. Returns undefined when the pattern needs no change or cannot be made
 * `u`-safe by dropping identity escapes alone.
 */
export function unicodeSafePattern(pattern: string): string | undefined {
  if (compiles(pattern, 'u')) return undefined;
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) return undefined;
      const identity = !/[A-Za-z0-9]/.test(next) && !SYNTAX.has(next) && !(inClass && next === '-');
      out += identity ? next : `\\${next}`;
      i++;
      continue;
    }
    if (ch === '[' && !inClass) inClass = true;
    else if (ch === ']' && inClass) inClass = false;
    out += ch;
  }
  return compiles(out, 'u') && compiles(pattern, '') ? out : undefined;
}

function compiles(source: string, flags: string): boolean {
  try {
    new RegExp(source, flags);
    return true;
  } catch {
    return false;
  }
}
