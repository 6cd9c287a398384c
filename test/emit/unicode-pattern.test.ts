import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unicodeSafePattern } from '../../scripts/emit/unicode-pattern.ts';

// The Tag pattern of data-flow/data-ops/quick-query, verbatim from the docs.
const TAG = '^[a-zA-Z0-9가-힣ㄱ-ㅎㅏ-ㅣ \\+\\-\\=\\.\\_:/@]*$';

describe('unicodeSafePattern', () => {
  it('leaves patterns that already compile with u alone', () => {
    expect(unicodeSafePattern('^[a-z][a-zA-Z0-9\\-]*$')).toBeUndefined();
    expect(unicodeSafePattern('^([7-9]|^[1-2]\\d|^3[0-5])$')).toBeUndefined();
  });

  it('drops identity escapes that are syntax errors under u, keeping escapes that mean something', () => {
    expect(() => new RegExp(TAG, 'u')).toThrow();
    const safe = unicodeSafePattern(TAG);
    expect(safe).toBe('^[a-zA-Z0-9가-힣ㄱ-ㅎㅏ-ㅣ \\+\\-=\\._:/@]*$');
    expect(() => new RegExp(safe as string, 'u')).not.toThrow();
    expect(unicodeSafePattern('^a\\=b\\.c\\-d$')).toBe('^a=b\\.c-d$');
  });

  it('matches exactly what the original matches without u', () => {
    const safe = new RegExp(unicodeSafePattern(TAG) as string, 'u');
    const original = new RegExp(TAG);
    const alphabet = fc.constantFrom(...'aZ9가ㄱㅏ +-=._:/@\\!#한%'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 12 }).map((a) => a.join('')), (s) => {
        expect(safe.test(s)).toBe(original.test(s));
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('gives up (undefined) when dropping escapes cannot make the pattern u-safe', () => {
    expect(unicodeSafePattern('\\k<x>\\=')).toBeUndefined();
    expect(unicodeSafePattern('abc\\')).toBeUndefined();
  });
});
