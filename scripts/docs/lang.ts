/**
 * Marking Korean text for browsers and screen readers: the docs mix English page chrome with Korean
 * descriptions, and `lang="ko"` picks the right voice, line breaking and font. Pure.
 */

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;

/** True when the text contains Hangul. */
export function isKorean(text: string): boolean {
  return HANGUL.test(text);
}

/** ` lang="ko"` for Korean text (to put inside an opening tag), else the empty string. */
export function langAttr(text: string): string {
  return isKorean(text) ? ' lang="ko"' : '';
}
