// Heuristic filter for personal data in free text (reasons, questions, decisions, notes and chat-command
// arguments): the privacy rules (README, "What it is not") say names, BSN, addresses and birth dates never belong in
// the bot. It refuses what looks like them and says which kind it saw, never the value. Its catch rate and how often
// it refuses a clean sentence are measured on a corpus of our own (test/domain/personal-data-corpus.ts, figures in
// BENCHMARKS.md); what it cannot catch is in the README.
//
// Decisions:
// - The text is normalised first (personal-data-normalise.ts): NFKC, format characters such as zero-width spaces
//   removed, digits of every script made ASCII, every space a plain space, spaces around "-" and "/" between digits
//   removed. Numbers written out digit by digit are joined ("1 2 3 4 5 6 7 8 2", "nul zes een twee ..."): see
//   joinDigitByDigit. Only the normalised copy is matched; nothing of it is kept.
// - Case references ("CG-REN-2026-0007", with any suffix) are blanked out before any pattern runs.
// - BSN: 9 digits in any grouping ("123456782", "1234.56.782", "123-456-782", "390 99 60 38") that pass the
//   11-proef. A 9-digit number that fails it is some other number and passes, except right after the word "BSN" or
//   "burgerservicenummer", where 8 or 9 digits are refused whatever they are (a mistyped BSN is still a BSN). Digits
//   joined by dots or dashes are only read as one number ("1.234.567.890" is no BSN inside an amount).
// - A number spelled out in words ("nul zes 12 34 56 78") is refused even when neither the BSN nor a phone pattern
//   reads it: as a BSN when it has nine digits, else as a phone number. Nothing else is spelled out digit by digit.
// - Dates: a full calendar date with a year (day, month and year, in any notation) is refused everywhere, as before:
//   it may be a birth date, and dates belong in date fields. It is reported as "een geboortedatum" when a birth word
//   (geboren, geb., geboortedatum, verjaardag, jarig) stands near it, else as "een volledige datum". Near a birth
//   word also a day and month ("jarig op 3 april"), a year ("geboren in 2015") or a compact "20150403" is refused.
//   Dates without a year and without a birth word pass ("uiterlijk 12 mei", "vóór vrijdag", "van 15-03 naar 22-03").
// - Postcode: only with a house number right after it ("6811 AB 12") or right before it ("Kerkstraat 12, 6811 AB").
//   A bare postcode points to a street, not a household, and "2026 en" reads like one, so it is not flagged alone.
//   Lowercase letters after a space are ignored when they form a common Dutch word ("in 2026 en 12 casussen").
// - Address: a street (a word ending in straat, weg, laan, plein, singel, gracht, kade, dijk, ...) with a house number
//   and its additions ("Dorpsweg 3a", "Van Goghlaan 12-2", "Hoofdstraat 1 bis", "Molenweg 12 hs"). A street
//   without a number passes ("woont in de Kerkstraat").
// - School: a school word with a name ("basisschool De Regenboog", "OBS Het Kompas", "kinderdagverblijf Het
//   Kabouterhuis"), a name with College/Lyceum/Gymnasium ("het Stedelijk Gymnasium") or a kind of school with its
//   place ("Montessorischool in Elst"). "De school", "de basisschool" and "het speciaal onderwijs" pass.
// - Names: personal-data-names.ts.
// - Each pattern masks what it matched before the next runs, so one value is reported as one kind. A text is refused
//   whatever the kind, so an odd overlap only changes the wording of the refusal.

import { KNOWN_WORDS, lexiconKey } from './personal-data-lexicon.js';
import { containsName } from './personal-data-names.js';
import { joinDigitByDigit, normaliseForGuard, type SpelledOutNumber } from './personal-data-normalise.js';

export type PersonalDataKind =
  'naam' | 'bsn' | 'adres' | 'postcode_huisnummer' | 'school' | 'email' | 'telefoonnummer' | 'geboortedatum' | 'datum';

const KIND_ORDER: readonly PersonalDataKind[] = [
  'naam',
  'bsn',
  'adres',
  'postcode_huisnummer',
  'school',
  'email',
  'telefoonnummer',
  'geboortedatum',
  'datum',
];

const LABELS: Record<PersonalDataKind, string> = {
  naam: 'een naam',
  bsn: 'een BSN',
  adres: 'een adres',
  postcode_huisnummer: 'een postcode met huisnummer',
  school: 'de naam van een school',
  email: 'een e-mailadres',
  telefoonnummer: 'een telefoonnummer',
  geboortedatum: 'een geboortedatum',
  datum: 'een volledige datum',
};

/** The 11-proef for a BSN: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is divisible by 11 (and the number is not all zeros). */
export function isElevenProof(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(digits[i]);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

const validDayMonth = (day: string, month: string) =>
  Number(day) >= 1 && Number(day) <= 31 && Number(month) >= 1 && Number(month) <= 12;

const MONTHS =
  'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|mar|apr|jun|jul|aug|sept|sep|okt|oct|nov|dec';
const DAY = String.raw`(\d{1,2})(?:e|de|ste)?`;
// Two-letter Dutch words (and day abbreviations) that follow a number in ordinary sentences.
const DUTCH_WORDS = new Set(
  'al af de di do en er ga ik in is ja je jl ma me na nu of oh ok om op pm te uw vr wd wo za ze zo'.split(' '),
);
const looksLikeWord = (letters: string, spaced: boolean) =>
  spaced && letters === letters.toLowerCase() && DUTCH_WORDS.has(letters);

// Postcodes run 1000-9999 with two letters; SA, SD and SS are never issued. Not followed by "-": "2026 CG-ARN" is a
// year before a case reference.
const POSTCODE = String.raw`([1-9]\d{3})(\s?)((?!sa|sd|ss)[a-z]{2})(?![\p{L}\p{N}-])`;
const HOUSE_NUMBER = String.raw`[1-9]\d{0,4}`;

const CASE_REFERENCE = /(?<![\p{L}\p{N}])[a-z]{2}-[a-z]{3}-\d{4}-[a-z0-9]{2,}(?:-[a-z0-9]+)*(?![\p{L}\p{N}])/giu;

const BIRTH_WORD =
  /(?<![\p{L}])(?:geboren|geb\.?|geboortedatum|geboortedag|geboortejaar|geboorte|verjaardag|jarig|d\.o\.b\.?|dob)(?![\p{L}])/giu;
const BSN_WORD =
  /(?<![\p{L}])(?:bsn(?:-?nummer|-?nr\.?)?|burgerservicenummer|burger service nummer|sofi-?nummer)(?![\p{L}])[^.!?;\n\d]{0,25}$/iu;

// E-mail, also written as "jan(at)example.nl", "jan [at] example [dot] nl", "jan at example dot nl", "jan punt
// jansen apenstaartje example punt nl" (the part before the at word is enough).
const AT_SIGN = String.raw`(?:\s*(?:@|\((?:at|a)\)|\[(?:at|a)\]|\{(?:at|a)\}|<at>)\s*)`;
// The at sign as people say it: "apenstaartje", also in the older spelling "apestaartje" and shortened.
const AT_WORD = String.raw`(?:\s+(?:at|ape(?:n)?staart(?:je)?|at-teken)\s+)`;
const DOT_TIGHT = String.raw`(?:\.|\s*(?:\((?:dot|punt)\)|\[(?:dot|punt)\]|\{(?:dot|punt)\})\s*|\s+(?:dot|punt)\s+)`;
const DOT = String.raw`(?:\s*\.\s*|${DOT_TIGHT})`;
const TLD = 'nl|com|org|net|eu|be|de|fr|uk|info|biz|io|co|me|nu|online|email';
const MAIL_PROVIDERS = 'gmail|hotmail|outlook|live|icloud|yahoo|ziggo|kpnmail|kpnplanet|planet|home|xs4all|msn';
const LOCAL = String.raw`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]*[\p{L}\p{N}]`;

// Streets: the endings of Dutch street names. "ring" only after a consonant ("Stadsring", not "Verklaring").
const STREET_ENDING =
  '(?:straat|straatweg|weg|laan|plein|singel|gracht|kade|dijk|pad|steeg|hof|park|dreef|plantsoen|wal|markt|allee|boulevard|haven|erf|baan|akker|dam|kamp|hoek|brink|weide|gaarde|oord|poort|zoom|hage|tuin|tuinen|veld|rade|stede|schans|horst|drift|(?<![aeiou])ring)';
const HOUSE_NUMBER_ADDITION = String.raw`(?:\s?[a-z](?![\p{L}\d])|\s?[-/]\s?(?:\d{1,4}|[a-z]{1,3}|hs|bis)(?![\p{L}\d])|\s+(?:bis|hs|huis|boven|bg|beneden|i{1,3}|iv|rd|zw)(?![\p{L}\d]))*`;
const NOT_A_STREET = new Set(['gerechtshof', 'loopbaan', 'werkveld', 'speelveld', 'aandachtsveld', 'hof', 'weg']);
const UNIT_AFTER_NUMBER =
  /^\s*(?:uur|jaar|jaren|dag|dagen|werkdagen|week|weken|maand|maanden|keer|kinderen|procent|%|euro|minuten|km|x)(?![\p{L}])/iu;

// Schools.
// Case-sensitive patterns (/i would let \p{Lu} match any letter): a word in either case is spelled out.
const eitherCase = (words: string) =>
  words
    .split('|')
    .map((w) => `[${w[0]!.toUpperCase()}${w[0]}]${w.slice(1)}`)
    .join('|');
const SCHOOL_KIND = String.raw`(?:[\p{L}-]*[sS]chool|${eitherCase('scholengemeenschap|kindcentrum|kinderdagverblijf|kinderopvang|peuterspeelzaal|peuteropvang')}|OBS|CBS|RKBS|PCBS|SBO|SO|VSO|BSO|KDV|IKC|PSZ|ROC)`;
const SCHOOL_NAME_WORD = String.raw`(?:College|Lyceum|Gymnasium|Atheneum|Scholengemeenschap|Campus)`;
const SCHOOL_PEDAGOGY = `(?:${eitherCase('montessori|jenaplan|dalton|vrije|waldorf|islamitische|christelijke|katholieke|openbare|gereformeerde|protestantse|freinet')})`;

/** A kind for the whole match, or for the part of it at `index` (in the text) of `length` characters. */
type Found = PersonalDataKind | { kind: PersonalDataKind; index: number; length: number };
type KindOf = (m: RegExpExecArray, context: MatchContext) => Found | undefined;

interface Detector {
  pattern: RegExp;
  /** The kind of a regex match, or undefined when the match is no personal data after all. */
  kindOf: KindOf;
  /** A rejected match was looked at as a whole: go on after it rather than one character further. */
  wholeMatchChecked?: boolean;
}

interface MatchContext {
  /** The normalised text, before any masking. */
  text: string;
  /** Where birth words stand in it. */
  birthWords: readonly { start: number; end: number }[];
}

const TERMINATOR = /[!?;\n]|\.\s/;

/** A birth word within 40 characters before the match or 25 after it, in the same sentence. */
function nearBirthWord(m: RegExpExecArray, { text, birthWords }: MatchContext): boolean {
  const start = m.index;
  const end = m.index + m[0].length;
  return birthWords.some(
    (w) =>
      (w.end <= start && start - w.end <= 40 && !TERMINATOR.test(text.slice(w.end, start))) ||
      (w.start >= end && w.start - end <= 25 && !TERMINATOR.test(text.slice(end, w.start))),
  );
}

const fullDate: (valid: (m: RegExpExecArray) => boolean) => KindOf = (valid) => (m, ctx) =>
  valid(m) ? (nearBirthWord(m, ctx) ? 'geboortedatum' : 'datum') : undefined;
const birthDateOnly: (valid: (m: RegExpExecArray) => boolean) => KindOf = (valid) => (m, ctx) =>
  valid(m) && nearBirthWord(m, ctx) ? 'geboortedatum' : undefined;

/** How a BSN is written in groups: "123 456 782", "1234 56 782", "390 99 60 38". */
const BSN_GROUPINGS = new Set(['3 3 3', '4 2 3', '3 2 2 2']);

/**
 * A run of numbers ("5 123 456 782 2026", "1234.56.782"): the part of it that is a BSN. A BSN is one piece of it
 * (digits, maybe joined by dots or dashes: "123-456-782") or consecutive pieces grouped as a BSN is written
 * ("123 456 782"); "7 10.00 2026" and "2026 026 92" are several numbers, not one.
 */
function bsnIn(m: RegExpExecArray, { text }: MatchContext): Found | undefined {
  const before = text.slice(0, m.index);
  // Amounts and phone numbers: "€ 123.456.782", "+31 6 12345678", "0031 (0)6 ...".
  if (/(?:€|eur|euro)\s?$/iu.test(before) || /(?:\+|00)\d{1,3}[ .-]?(?:\(0\)[ .-]?)?$/.test(before)) return undefined;
  if (/^,(?:-|\d{2})/.test(text.slice(m.index + m[0].length))) return undefined;
  const afterWord = BSN_WORD.test(before);
  const pieces = m[0].split(' ');
  const offsets: number[] = [];
  for (let k = 0, at = 0; k < pieces.length; at += pieces[k]!.length + 1, k++) offsets.push(at);
  const isBsn = (digits: string, first: boolean) =>
    (digits.length === 9 && isElevenProof(digits)) || (afterWord && first && /^\d{8,9}$/.test(digits));
  const found = (i: number, j: number): Found => {
    const index = m.index + offsets[i]!;
    return { kind: 'bsn', index, length: m.index + offsets[j]! + pieces[j]!.length - index };
  };
  for (let i = 0; i < pieces.length; i++) {
    // "0031 6 12345678", "2026 0031 6-32165388": what follows a country code is a phone number.
    if (i > 0 && /^00[1-9]\d{0,2}$/.test(pieces[i - 1]!)) continue;
    if (isBsn(pieces[i]!.replace(/\D/g, ''), i === 0)) return found(i, i);
    // Right after the word BSN any grouping counts, single digits too: "BSN 1234 5678", "BSN 12 3 4 56 78 2".
    const anyGrouping = afterWord && i === 0;
    const piece = anyGrouping ? /^\d{1,4}$/ : /^\d{2,4}$/;
    const lengths: number[] = [];
    for (let j = i; j < pieces.length && piece.test(pieces[j]!); j++) {
      lengths.push(pieces[j]!.length);
      const digits = pieces.slice(i, j + 1).join('');
      if (digits.length > 9) break;
      if ((BSN_GROUPINGS.has(lengths.join(' ')) || anyGrouping) && isBsn(digits, i === 0)) return found(i, j);
    }
  }
  return undefined;
}

const DETECTORS: readonly Detector[] = [
  // The lookbehinds start a match only at the beginning of a word: without them a long run of letters costs O(n²).
  {
    pattern: /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu,
    kindOf: () => 'email',
  },
  {
    pattern: new RegExp(
      String.raw`${LOCAL}${AT_SIGN}[\p{L}\p{N}-]+(?:${DOT}[\p{L}\p{N}-]+)*?${DOT}(?:${TLD})(?![\p{L}\p{N}])`,
      'giu',
    ),
    kindOf: () => 'email',
  },
  {
    // "at" is also Dutch ("hij at"), so written as a word it needs a dot without spaces or a written one.
    pattern: new RegExp(
      String.raw`${LOCAL}${AT_WORD}[\p{L}\p{N}-]+(?:${DOT_TIGHT}[\p{L}\p{N}-]+)*?${DOT_TIGHT}(?:${TLD})(?![\p{L}\p{N}])`,
      'giu',
    ),
    kindOf: () => 'email',
  },
  {
    pattern: new RegExp(String.raw`${LOCAL}(?:${AT_SIGN}|${AT_WORD})(?:${MAIL_PROVIDERS})(?![\p{L}\p{N}])`, 'giu'),
    kindOf: () => 'email',
  },
  // Not ending in a letter: "2026 4113AA 1" holds a postcode, not a BSN.
  { pattern: /(?<![\p{L}\p{N}€+]|\d[.,-])\d+(?:[ .-]\d+)*(?![\p{L}\d])/gu, kindOf: bsnIn, wholeMatchChecked: true },
  {
    // After the word BSN, a number with a letter O for a zero or l for a one: "BSN: 215901O95".
    pattern: /(?<![\p{L}\p{N}])[\dOoIl]{8,9}(?![\p{L}\p{N}])/gu,
    kindOf: (m, { text }) =>
      m[0].replace(/\D/g, '').length >= 6 && BSN_WORD.test(text.slice(0, m.index)) ? 'bsn' : undefined,
  },
  {
    // 06-12345678, +31 6 12345678, 0031 (0)6..., 026-1234567, (026) 123 45 67: a 0 or +31/0031, then 9 digits.
    pattern:
      /(?<![\p{L}\p{N}+])(?:(?:\+|00)31[\s.-]?(?:\(0\)[\s.-]?)?|\(?0)[1-9](?:\)\s?|[\s.-])?(?:\d(?:\)\s?|[\s.-])?){7}\d(?!\d)/gu,
    kindOf: () => 'telefoonnummer',
  },
  {
    // Other countries: +32 470 12 34 56, +49 151 23456789, 0049 ... (after the BSN: "001000007" may be one)
    pattern: /(?<![\p{L}\p{N}+])(?:\+|00)[1-9]\d{0,2}[\s.-]?(?:\(0\)[\s.-]?)?\d(?:[\s.-]?\d){6,11}(?!\d)/gu,
    kindOf: () => 'telefoonnummer',
  },
  {
    // 12-03-2015, 12/3/15, 12.03.2015
    pattern: /(?<![\p{L}\p{N}./-])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2}|'\d{2})(?![-/.]?\d)/gu,
    kindOf: fullDate((m) => validDayMonth(m[1]!, m[3]!)),
  },
  {
    // 2015-03-12, 2015/3/12
    pattern: /(?<![\p{L}\p{N}./-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![-/.]?\d)/gu,
    kindOf: fullDate((m) => validDayMonth(m[4]!, m[3]!)),
  },
  {
    // 12 maart 2015, 3 jan. 2019, 3 jan '19, 3e april 2015
    pattern: new RegExp(String.raw`(?<![\p{L}\p{N}])${DAY}\s+(?:${MONTHS})\.?\s+(?:\d{4}|'\d{2})(?!\d)`, 'giu'),
    kindOf: fullDate((m) => validDayMonth(m[1]!, '1')),
  },
  {
    // Near a birth word: 20150403
    pattern: /(?<![\p{L}\p{N}])(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d)/gu,
    kindOf: birthDateOnly(() => true),
  },
  {
    // Near a birth word: 3 april, 3e april
    pattern: new RegExp(String.raw`(?<![\p{L}\p{N}])${DAY}\s+(?:${MONTHS})(?![\p{L}])`, 'giu'),
    kindOf: birthDateOnly((m) => validDayMonth(m[1]!, '1')),
  },
  {
    // Near a birth word: 3-4, 3/4
    pattern: /(?<![\p{L}\p{N}./-])(\d{1,2})[-/.](\d{1,2})(?![-/.]?\d)/gu,
    kindOf: birthDateOnly((m) => validDayMonth(m[1]!, m[2]!)),
  },
  {
    // Near a birth word: a year ("geboren in 2015", "geboortejaar 2019")
    pattern: /(?<![\p{L}\p{N}.,-])(?:19|20)\d{2}(?![\p{N}])/gu,
    kindOf: birthDateOnly(() => true),
  },
  {
    // 6811 AB 12, 6811AB, nr. 12
    pattern: new RegExp(String.raw`(?<![\p{L}\p{N}])${POSTCODE},?\s+(?:nr\.?\s*)?${HOUSE_NUMBER}(?!\d)`, 'giu'),
    kindOf: (m) => (looksLikeWord(m[3]!, m[2] !== '') ? undefined : 'postcode_huisnummer'),
  },
  {
    // Kerkstraat 12a, 6811 AB / 12-2 6811AB
    pattern: new RegExp(
      String.raw`(?<![\p{L}\p{N}])${HOUSE_NUMBER}(?:\s?[a-z](?!\p{L}))?(?:[-/]\d{1,4})?,?\s+${POSTCODE}`,
      'giu',
    ),
    kindOf: (m) => (looksLikeWord(m[3]!, m[2] !== '') ? undefined : 'postcode_huisnummer'),
  },
  {
    // Kerkstraat 12, Dorpsweg 3a, Van Goghlaan 12-2, Hoofdstraat 1 bis, Brugstraat nr. 19
    pattern: new RegExp(
      String.raw`(?<![\p{L}\p{N}'-])((?:[\p{L}][\p{L}'-]*?)?${STREET_ENDING})(?:\s+(?:nr\.?|nummer|no\.?))?\s+(\d{1,4})${HOUSE_NUMBER_ADDITION}(?![\p{N}])`,
      'giu',
    ),
    kindOf: (m, { text }) => {
      const street = m[1]!;
      const key = lexiconKey(street);
      if (NOT_A_STREET.has(key) || KNOWN_WORDS.has(key)) return undefined;
      if (/^(?:19|20)\d{2}$/.test(m[2]!)) return undefined;
      if (UNIT_AFTER_NUMBER.test(text.slice(m.index + m[0].length))) return undefined;
      const capitalised = /^\p{Lu}/u.test(street);
      return capitalised || street.length >= 8 ? 'adres' : undefined;
    },
  },
  {
    // basisschool De Regenboog, OBS Het Kompas, kinderdagverblijf Het Kabouterhuis, SBO De Vlieger
    pattern: new RegExp(
      String.raw`(?<![\p{L}])${SCHOOL_KIND}\s+(?:(De|Het|'t)\s+\p{Lu}[\p{L}'-]*|(?:de\s+|het\s+)?(\p{Lu}[\p{L}'-]+))`,
      'gu',
    ),
    kindOf: (m) => {
      if (m[1] !== undefined) return 'school';
      const name = lexiconKey(m[2] ?? '');
      return KNOWN_WORDS.has(name) ? undefined : 'school';
    },
  },
  {
    // het Stedelijk Gymnasium, Olympus College, Lorentz Lyceum (not "Het College van B&W")
    pattern: new RegExp(
      String.raw`(?<![\p{L}])(\p{Lu}[\p{L}'-]+)\s+${SCHOOL_NAME_WORD}(?![\p{L}])(?!\s+van\s+(?:B|burgemeester))`,
      'gu',
    ),
    kindOf: (m) => (['de', 'het', 'een', 'dit', 'dat', 'ons', 'uw'].includes(lexiconKey(m[1]!)) ? undefined : 'school'),
  },
  {
    // Montessorischool in Elst, de Jenaplanschool in Oosterbeek, Daltonschool te Zevenaar
    pattern: new RegExp(
      String.raw`(?<![\p{L}])${SCHOOL_PEDAGOGY}-?\s?(?:basis)?(?:[sS]chool|[cC]ollege)\s+(?:in|te|aan|op|bij)\s+(?:de\s+|het\s+)?\p{Lu}`,
      'gu',
    ),
    kindOf: () => 'school',
  },
];

/**
 * The kinds of the numbers spelled out in words that no pattern masked ("een twee drie 456 782", "twee drie vier vijf
 * zes zeven acht negen"): a BSN when they have its nine digits, else a phone number.
 */
function kindsOfSpelledOutNumbersLeft(rest: string, spelledOut: readonly SpelledOutNumber[]): PersonalDataKind[] {
  return spelledOut
    .filter((n) => /\d/.test(rest.slice(n.start, n.end)))
    .map((n) => (n.digits === 9 ? 'bsn' : 'telefoonnummer'));
}

/** The kinds of personal data the text seems to contain, each once, in a fixed order (never the values). */
export function findPersonalData(text: string): PersonalDataKind[] {
  const found = new Set<PersonalDataKind>();
  const { text: normalised, spelledOut } = joinDigitByDigit(
    normaliseForGuard(text).replace(CASE_REFERENCE, (ref) => ' '.repeat(ref.length)),
  );
  BIRTH_WORD.lastIndex = 0;
  const birthWords = [...normalised.matchAll(BIRTH_WORD)].map((w) => ({ start: w.index, end: w.index + w[0].length }));
  const context: MatchContext = { text: normalised, birthWords };
  let rest = normalised;
  for (const { pattern, kindOf, wholeMatchChecked } of DETECTORS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(rest); m; m = pattern.exec(rest)) {
      const hit = kindOf(m, context);
      // A rejected match ("2026 de 1000") may overlap a real one ("1000AA 1"): retry one character further.
      if (!hit) {
        pattern.lastIndex = wholeMatchChecked ? m.index + m[0].length : m.index + 1;
        continue;
      }
      const { kind, index, length } =
        typeof hit === 'string' ? { kind: hit, index: m.index, length: m[0].length } : hit;
      found.add(kind);
      // Masking with spaces of equal length keeps lastIndex valid and stops later patterns re-reading the value.
      rest = rest.slice(0, index) + ' '.repeat(length) + rest.slice(index + length);
      pattern.lastIndex = index + length;
    }
  }
  for (const kind of kindsOfSpelledOutNumbersLeft(rest, spelledOut)) found.add(kind);
  if (containsName(rest)) found.add('naam');
  return KIND_ORDER.filter((k) => found.has(k));
}

/** Dutch labels joined as a list: "een BSN, een e-mailadres en een geboortedatum". */
export function describePersonalDataKinds(kinds: readonly PersonalDataKind[]): string {
  const labels = KIND_ORDER.filter((k) => kinds.includes(k)).map((k) => LABELS[k]);
  if (labels.length === 0) return 'persoonsgegevens';
  if (labels.length === 1) return labels[0]!;
  return `${labels.slice(0, -1).join(', ')} en ${labels[labels.length - 1]}`;
}

/** What the bot answers when it refuses to store a text; names the kinds, never the values. */
export function personalDataRefusal(kinds: readonly PersonalDataKind[]): string {
  const hints = [
    kinds.includes('naam') ? ' Noem personen bij hun rol, zoals moeder of de jeugdige.' : '',
    kinds.includes('datum') ? ' Schrijf een datum zonder jaartal of kies hem in een datumveld.' : '',
  ].join('');
  return (
    `Ik heb dit niet opgeslagen: de tekst lijkt ${describePersonalDataKinds(kinds)} te bevatten. ` +
    'Gebruik alleen de casusreferentie, nooit namen, BSN, adressen of geboortedata.' +
    hints
  );
}
