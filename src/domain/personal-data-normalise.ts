// The text as the personal-data guard reads it. Someone who wants a value through (or whose phone pasted one) should
// not get past the patterns with look-alike characters, so before any pattern runs:
// - NFKC: full-width digits and letters ("１２３", "ｊａｎ＠"), ligatures and compatibility forms become plain ones;
// - every format character is removed (zero-width space, joiners, word joiner U+2060, BOM, soft hyphen,
//   direction marks): they are invisible, so "12\u200B3" reads as "123";
// - every decimal digit of any script becomes its ASCII digit (Arabic-Indic, Devanagari, ...);
// - every Unicode space (no-break U+00A0, narrow no-break U+202F, thin, ideographic, tab) becomes a plain space and a
//   line break a "\n"; every dash (en dash, minus, non-breaking hyphen) a "-"; curly apostrophes a "'";
// - spaces around a separator between two digits go ("3 - 4 - 2015" → "3-4-2015", "06 - 1234" → "06-1234"); a dot
//   keeps a space after it ("in 2015. 3 kinderen" stays two sentences); a "+" goes with the digit after it ("+ 31"
//   reads as "+31").
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
    .replace(/(\d)(?: +([-/.]) *| *([-/]) +)(?=\d)/g, '$1$2$3')
    .replace(/\+ +(?=\d)/g, '+');
}

// Numbers written out digit by digit, to get past the patterns or because someone reads a number aloud as they type:
// - eight or more single figures in a row, one space, dot or dash between them ("1 2 3 4 5 6 7 8 2", "0 6 1 2 ...")
//   are joined into one number; fewer ("stap 1 2 3") stay, and so do groups ("123 456 782"), which the BSN and phone
//   patterns read themselves;
// - a run of eight or more digits with Dutch digit words among them, two or more ("nul zes een twee drie ...", "nul
//   zes 1234 5678") or one among single figures ("0 6 1 2 nul 4 ..."), is joined into one number of figures, and
//   where it stands is kept: nobody spells out eight digits but a phone number or a BSN, so the guard refuses it even
//   when no pattern recognises the number. Counts ("twee of drie keer", "een, twee, drie") are no run: "of" and
//   commas end one; one digit word next to groups of figures is an article ("heeft een 06 12345678").
// The text gets shorter; the guard only matches against it.

const DIGIT_WORDS: Readonly<Record<string, string>> = {
  nul: '0',
  een: '1',
  twee: '2',
  drie: '3',
  vier: '4',
  vijf: '5',
  zes: '6',
  zeven: '7',
  acht: '8',
  negen: '9',
};
// "één" and "eén" as people accent it; the rest is matched case-insensitively.
const DIGIT_WORD = String.raw`(?:nul|[eé][eé]n|twee|drie|vier|vijf|zes|zeven|acht|negen)(?!\p{L})`;
const FIGURES = String.raw`\d{1,4}(?!\p{N})`;
const RUN_SEPARATOR = String.raw`(?: ?[.-] ?| )`;
const NUMBER_RUN = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:${DIGIT_WORD}|${FIGURES})(?:${RUN_SEPARATOR}(?:${DIGIT_WORD}|${FIGURES}))+`,
  'giu',
);
const SPACED_FIGURES = /(?<![\p{L}\p{N}])\d(?:[ .-]\d(?!\p{N})){7,}/gu;
const SHORTEST_SPELLED_NUMBER = 8;

/** Where a number spelled out in words stands in the text read, and how many digits it has. */
export interface SpelledOutNumber {
  start: number;
  end: number;
  digits: number;
}

/** The figures of a run spelled out in words, or undefined when the run is not one ("twee 2026", "1 2 3"). */
function spelledOutFigures(run: string): string | undefined {
  const tokens = run.split(/[ .-]+/).filter((t) => t.length > 0);
  const words = tokens.filter((t) => !/^\d/.test(t)).length;
  const digitByDigit = tokens.every((t) => !/^\d/.test(t) || t.length === 1);
  if (words === 0 || (words === 1 && !digitByDigit)) return undefined;
  const figures = tokens.map((t) => DIGIT_WORDS[t.toLowerCase().replace(/é/g, 'e')] ?? t).join('');
  return figures.length >= SHORTEST_SPELLED_NUMBER ? figures : undefined;
}

/** Joins numbers written out digit by digit (see above); returns the text and where the spelled-out ones stand. */
export function joinDigitByDigit(text: string): { text: string; spelledOut: SpelledOutNumber[] } {
  const found: SpelledOutNumber[] = [];
  let read = '';
  let at = 0;
  for (const m of text.matchAll(NUMBER_RUN)) {
    const figures = spelledOutFigures(m[0]);
    read += text.slice(at, m.index);
    if (figures !== undefined)
      found.push({ start: read.length, end: read.length + figures.length, digits: figures.length });
    read += figures ?? m[0].replace(SPACED_FIGURES, (spaced) => spaced.replace(/\D/g, ''));
    at = m.index + m[0].length;
  }
  return { text: read + text.slice(at), spelledOut: found };
}
