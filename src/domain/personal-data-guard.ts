// Heuristic filter for personal data in free text (reasons, questions, decisions): the privacy rules (README, "What it is not") say names, BSN,
// addresses and birth dates never belong in the bot. It cannot catch everything (names, for one); it catches the
// patterns that are unambiguous enough to refuse without annoying people who write about meetings and deadlines.
//
// Decisions:
// - BSN: 9 digits, plain or grouped as 1234.56.789 / 123 456 789, that pass the 11-proef. A 9-digit number that fails
//   it is some other number and passes.
// - Postcode: only with a house number right after it ("6811 AB 12") or right before it ("Kerkstraat 12, 6811 AB").
//   A bare postcode points to a street, not a household, and "2026 en" reads like one, so it is not flagged alone.
//   Lowercase letters after a space are ignored when they form a common Dutch word ("in 2026 en 12 casussen").
// - Dates: any full calendar date (day, month and year) may be a birth date in free text, so all are flagged,
//   including deadlines written with a year ("15-03-2026"). Dates without a year ("15 maart") pass.
// - Each pattern masks what it matched before the next runs, so one value is reported as one kind. A text is refused
//   whatever the kind, so an odd overlap (a BSN read as a phone number) only changes the wording of the refusal.

export type PersonalDataKind = 'bsn' | 'postcode_huisnummer' | 'email' | 'telefoonnummer' | 'geboortedatum';

const KIND_ORDER: readonly PersonalDataKind[] = [
  'bsn',
  'postcode_huisnummer',
  'email',
  'telefoonnummer',
  'geboortedatum',
];

const LABELS: Record<PersonalDataKind, string> = {
  bsn: 'een BSN',
  postcode_huisnummer: 'een postcode met huisnummer',
  email: 'een e-mailadres',
  telefoonnummer: 'een telefoonnummer',
  geboortedatum: 'een geboortedatum',
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

interface Detector {
  kind: PersonalDataKind;
  pattern: RegExp;
  /** Extra check on a regex match; the match counts only when this returns true. */
  accept?: (m: RegExpExecArray) => boolean;
}

const DETECTORS: readonly Detector[] = [
  // The lookbehind starts a match only at the beginning of a word: without it a long run of letters costs O(n²).
  {
    kind: 'email',
    pattern: /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu,
  },
  {
    // Not preceded by a letter, digit, "1." (amounts like 1.234.567.890), "€" or "+31 " (a mobile number without
    // its 0), and not followed by more digits.
    kind: 'bsn',
    pattern:
      /(?<![\p{L}\p{N}€]|\d[.,]|€\s|(?:\+|00)31[\s.-]?(?:\(0\)[\s.-]?)?)(\d{9}|\d{4}[. ]\d{2}[. ]\d{3}|\d{3}[. ]\d{3}[. ]\d{3})(?!\p{N}|[.,]\d)/gu,
    accept: (m) => isElevenProof(m[1]!.replace(/\D/g, '')),
  },
  {
    kind: 'geboortedatum', // 12-03-2015, 12/3/15, 12.03.2015
    pattern: /(?<![\p{L}\p{N}./-])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![-/.]?\d)/gu,
    accept: (m) => validDayMonth(m[1]!, m[3]!),
  },
  {
    kind: 'geboortedatum', // 2015-03-12, 2015/3/12
    pattern: /(?<![\p{L}\p{N}./-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![-/.]?\d)/gu,
    accept: (m) => validDayMonth(m[4]!, m[3]!),
  },
  {
    kind: 'geboortedatum', // 12 maart 2015, 3 jan. 2019, 3 jan '19
    pattern: new RegExp(String.raw`(?<![\p{L}\p{N}])(\d{1,2})\s+(?:${MONTHS})\.?\s+(?:\d{4}|'\d{2})(?!\d)`, 'giu'),
    accept: (m) => validDayMonth(m[1]!, '1'),
  },
  {
    // 06-12345678, +31 6 12345678, 0031 (0)6..., 026-1234567, (026) 123 45 67: a 0 or +31/0031, then 9 digits.
    kind: 'telefoonnummer',
    pattern:
      /(?<![\p{L}\p{N}+])(?:(?:\+|00)31[\s.-]?(?:\(0\)[\s.-]?)?|\(?0)[1-9](?:\)\s?|[\s.-])?(?:\d(?:\)\s?|[\s.-])?){7}\d(?!\d)/gu,
  },
  {
    kind: 'postcode_huisnummer', // 6811 AB 12, 6811AB, nr. 12
    pattern: new RegExp(String.raw`(?<![\p{L}\p{N}])${POSTCODE},?\s+(?:nr\.?\s*)?${HOUSE_NUMBER}(?!\d)`, 'giu'),
    accept: (m) => !looksLikeWord(m[3]!, m[2] !== ''),
  },
  {
    kind: 'postcode_huisnummer', // Kerkstraat 12a, 6811 AB / 12-2 6811AB
    pattern: new RegExp(
      String.raw`(?<![\p{L}\p{N}])${HOUSE_NUMBER}(?:\s?[a-z](?!\p{L}))?(?:[-/]\d{1,4})?,?\s+${POSTCODE}`,
      'giu',
    ),
    accept: (m) => !looksLikeWord(m[3]!, m[2] !== ''),
  },
];

/** The kinds of personal data the text seems to contain, each once, in a fixed order (never the values). */
export function findPersonalData(text: string): PersonalDataKind[] {
  const found = new Set<PersonalDataKind>();
  let rest = text;
  for (const { kind, pattern, accept } of DETECTORS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(rest); m; m = pattern.exec(rest)) {
      // A rejected match ("2026 de 1000") may overlap a real one ("1000AA 1"): retry one character further.
      if (accept && !accept(m)) {
        pattern.lastIndex = m.index + 1;
        continue;
      }
      found.add(kind);
      // Masking with spaces of equal length keeps lastIndex valid and stops later patterns re-reading the value.
      rest = rest.slice(0, m.index) + ' '.repeat(m[0].length) + rest.slice(m.index + m[0].length);
    }
  }
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
  return (
    `Ik heb dit niet opgeslagen: de tekst lijkt ${describePersonalDataKinds(kinds)} te bevatten. ` +
    'Gebruik alleen de casusreferentie, nooit namen, BSN, adressen of geboortedata.'
  );
}
