/**
 * The docs print `Example :` values with Python `repr` (SOURCE-FORMATS section 5): `False`,
 * `{'account_id': '', 'account_password': ''}`, `[{'hostnames': [''], 'ip': ''}]`. This turns such a
 * literal into the JSON value Python's `json.dumps(ast.literal_eval(text))` would give, and refuses
 * anything else (plain words, `created_at:desc`, sets, calls) so the caller can keep the raw text.
 * Pure; never throws.
 */

export type PythonLiteralResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

/**
 * Thrown to refuse the text. One shared instance: most `Example :` values are plain words that are
 * refused at once, and building an Error (with its stack trace) each time was most of the cost.
 */
class Reject extends Error {}
const REJECT = new Reject('not a Python literal');

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  v: '\v',
  a: '\x07',
};

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parseAll(): unknown {
    const value = this.value();
    this.space();
    if (this.pos !== this.text.length) throw REJECT;
    return value;
  }

  private space(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] as string)) this.pos++;
  }

  private value(): unknown {
    this.space();
    const c = this.text[this.pos];
    if (c === undefined) throw REJECT;
    if (c === "'" || c === '"') return this.string();
    if (c === '[') return this.sequence(']');
    if (c === '(') return this.tuple();
    if (c === '{') return this.dict();
    if (/[-+0-9.]/.test(c)) return this.number();
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos))?.[0];
    if (word === 'True' || word === 'False' || word === 'None') {
      this.pos += word.length;
      return word === 'True' ? true : word === 'False' ? false : null;
    }
    throw REJECT;
  }

  private string(): string {
    const quote = this.text[this.pos] as string;
    // Triple-quoted strings are legal Python but never appear in the docs; refuse rather than guess.
    if (this.text.startsWith(quote.repeat(3), this.pos)) throw REJECT;
    this.pos++;
    let out = '';
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined || c === '\n') throw REJECT;
      this.pos++;
      if (c === quote) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      out += this.escape();
    }
  }

  private escape(): string {
    const c = this.text[this.pos];
    if (c === undefined) throw REJECT;
    this.pos++;
    const simple = SIMPLE_ESCAPES[c];
    if (simple !== undefined) return simple;
    if (c === '\n') return '';
    if (c === 'x' || c === 'u' || c === 'U') {
      const len = c === 'x' ? 2 : c === 'u' ? 4 : 8;
      const hex = this.text.slice(this.pos, this.pos + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw REJECT;
      this.pos += len;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) throw REJECT;
      return String.fromCodePoint(code);
    }
    if (/[0-7]/.test(c)) {
      const oct = /^[0-7]{1,3}/.exec(this.text.slice(this.pos - 1))?.[0] ?? c;
      this.pos += oct.length - 1;
      return String.fromCodePoint(parseInt(oct, 8));
    }
    // Python keeps unknown escapes such as `\d` as backslash + character.
    return `\\${c}`;
  }

  private number(): number {
    const m = /^[-+]?(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][-+]?\d+)?/.exec(this.text.slice(this.pos));
    if (!m) throw REJECT;
    const raw = m[0];
    if (/__|_$|_\.|\._/.test(raw)) throw REJECT;
    this.pos += raw.length;
    const n = Number(raw.replace(/_/g, ''));
    if (!Number.isFinite(n)) throw REJECT;
    // Integers beyond 2^53 would silently lose digits in JSON; keep the raw text instead.
    if (/^[-+]?[\d_]+$/.test(raw) && !Number.isSafeInteger(n)) throw REJECT;
    return n;
  }

  private sequence(close: string): unknown[] {
    this.pos++;
    const items: unknown[] = [];
    for (;;) {
      this.space();
      if (this.text[this.pos] === close) {
        this.pos++;
        return items;
      }
      items.push(this.value());
      this.space();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === close) {
        this.pos++;
        return items;
      }
      throw REJECT;
    }
  }

  /** `(a, b)` and `(a,)` are tuples (JSON arrays); `(a)` is just a parenthesised value. */
  private tuple(): unknown {
    const start = this.pos;
    this.pos++;
    this.space();
    if (this.text[this.pos] === ')') {
      this.pos++;
      return [];
    }
    const first = this.value();
    this.space();
    if (this.text[this.pos] === ')') {
      this.pos++;
      return first;
    }
    this.pos = start;
    return this.sequence(')');
  }

  private dict(): Record<string, unknown> {
    this.pos++;
    const out: Record<string, unknown> = {};
    for (;;) {
      this.space();
      if (this.text[this.pos] === '}') {
        this.pos++;
        return out;
      }
      const key = this.value();
      this.space();
      // `{1, 2}` is a set: no JSON counterpart.
      if (this.text[this.pos] !== ':') throw REJECT;
      this.pos++;
      const value = this.value();
      Object.defineProperty(out, jsonKey(key), { value, enumerable: true, writable: true, configurable: true });
      this.space();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === '}') {
        this.pos++;
        return out;
      }
      throw REJECT;
    }
  }
}

/** Dict keys the way `json.dumps` writes them. */
function jsonKey(key: unknown): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'number') return String(key);
  if (key === true) return 'true';
  if (key === false) return 'false';
  if (key === null) return 'null';
  throw REJECT;
}

/** Convert a Python literal (str, int, float, bool, None, list, tuple, dict) to a JSON value. */
export function pythonLiteralToJson(text: string): PythonLiteralResult {
  try {
    return { ok: true, value: new Parser(text).parseAll() };
  } catch {
    // Reject, or any parser bug: either way the caller keeps the raw text.
    return { ok: false };
  }
}
