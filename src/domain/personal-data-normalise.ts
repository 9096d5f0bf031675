// The text as the personal-data guard reads it. Someone who wants a value through (or whose phone pasted one) should
// not get past the patterns with look-alike characters, so before any pattern runs:
// - NFKC: full-width digits and letters ("１２３", "ｊａｎ＠"), ligatures and compatibility forms become plain ones;
// - every format character is removed (zero-width space, joiners, word joiner U+2060, BOM, soft hyphen,
//   direction marks): they are invisible, so "12\u200B3" reads as "123";
// - every decimal digit of any script becomes its ASCII digit (Arabic-Indic, Devanagari, ...);
// - every Unicode space (no-break U+00A0, narrow no-break U+202F, thin, ideographic, tab) becomes a plain space and a
//   line break a "\n"; every dash (en dash, minus, non-breaking hyphen) a "-"; curly apostrophes a "'";
// - spaces around a separator between two digits go ("3 - 4 - 2015" → "3-4-2015", "06 - 1234" → "06-1234"); a dot
//   keeps a space after it ("in 2015. 3 kinderen" stays two sentences).
// The result is only matched against, never stored or shown.

/** The value 0–9 of a decimal digit of any script (digits come in runs of ten, from zero to nine). */
function digitValue(ch: string): string {
  let cp = ch.codePointAt(0)!;
  let n = 0;
  while (n < 9 && /\p{Nd}/u.test(String.fromCodePoint(cp - 1))) {
    cp--;
    n++;
  }
  return String(n);
}

export function normaliseForGuard(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .replace(/[^\d\P{Nd}]/gu, digitValue)
    .replace(/\r\n?|[\u2028\u2029\u0085\v\f]/g, '\n')
    .replace(/[^\S\n]|\p{Zs}/gu, ' ')
    .replace(/[\p{Pd}\u2212]/gu, '-')
    .replace(/[\u2018\u2019\u201A\u201B\u2032`\u00B4]/g, "'")
    .replace(/(\d)(?: +([-/.]) *| *([-/]) +)(?=\d)/g, '$1$2$3');
}
