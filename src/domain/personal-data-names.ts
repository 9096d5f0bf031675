// Names of people in free text: the hardest kind for a pattern, because a name is just a capitalised word and so is
// "Veilig Thuis Gelderland-Midden". The rules below look at a capitalised word's context; a word that is in
// KNOWN_WORDS (organisations, places, law, field terms, common Dutch words) or is shaped like a Dutch noun or
// adjective (WORD_ENDINGS, WORD_STARTS: "Schoolgang", "Bijzondere") is never a name on its own. Measured on the
// corpus in test/domain/personal-data-corpus.ts (figures in BENCHMARKS.md).
//
// A text holds a name when one of these is found (first match wins, the value is never returned):
//  1. A first name from FIRST_NAMES, capitalised, anywhere ("Gisteren vertelde Jayden ..."), or lower case when it
//     is no Dutch word ("jayden is bang"); not when the next word makes it an organisation ("Emma Kinderziekenhuis").
//  2. A family name from FAMILY_NAMES, capitalised, anywhere ("Bakker weigert ...").
//  3. After a kinship word or title ("moeder Fatima", "mw. Kaya", "de heer El Amrani", "juf Anneke", "moeder van
//     Jayden", "Moeder (Chantal)", "oma Wil"): a capitalised word that is not in the word lists, whatever its shape,
//     or a first name in lower case.
//  4. After a particle ("de Vries", "van der Berg", "el Amrani", "op de Beek"): a capitalised word that could be a
//     name, or a family name even when it is also a place ("van den Berg"). "te" and "op" count only in front of
//     a family name or another particle ("te Arnhem" and "op Teams" pass); inside an organisation's name a particle
//     is part of it ("Stichting De Hoop").
//  5. Initials before a family name ("J. de Vries", "J.M. Visser").
//  6. Inside a sentence, a capitalised word that could be a name (not a known word, not a brand with capitals inside
//     such as "IrisZorg", not a hyphenated compound such as "GZ-psycholoog"), unless it follows an organisation word
//     or an acronym ("Stichting Kleurrijk", "MEE Gelderse Poort"), a place preposition ("in Angerlo", "naar
//     Hoog-Keppel", "via Zorgdomein"), or stands next to a capitalised known word ("Stop Huiselijk Geweld").
//  7. At the start of a sentence, an unknown capitalised word followed by a finite verb ("Dewi wil niet", also after
//     a parenthesis), by a list of names ("Xavi en Dewi"), by an age or birth word ("Thijs (9)", "Keano, geboren")
//     or by a kinship word ("Jaydens moeder").
//
// Words in capitals (three letters or more: "MOEDER FATIMA EL AMRANI", "DE HEER JANSEN", "JAYDEN is bang") go
// through rules 1-5 as capitalised words do, but only as a name from the lists: in capitals every word has capitals,
// so that tells nothing, and acronyms ("OTS", "HKZ", "SAVE") and shouting ("NIET MEEWERKEN", "SPOED") look the same
// as an unknown name. Rules 6 and 7 and the shape of a word do not apply to them; two-letter ones ("VT", "GI", "BO")
// are acronyms. So a name in capitals that is in no list ("MEVROUW KAKATOR") is missed.

import {
  ABBREVIATIONS,
  AMBIGUOUS_FIRST_NAMES,
  FAMILY_NAMES,
  FINITE_VERBS,
  FIRST_NAMES,
  KINSHIP_WORDS,
  KNOWN_WORDS,
  NAME_PARTICLES,
  NAME_TITLES_OF_THINGS,
  ORGANISATION_HEADS,
  ORGANISATION_TAILS,
  TIME_WORDS,
  TITLE_WORDS,
  WORD_ENDINGS,
  WORD_STARTS,
  lexiconKey,
} from './personal-data-lexicon.js';

interface Token {
  text: string;
  key: string;
  word: boolean;
  /** First letter upper case, not an acronym ("Jayden", "El", not "OTS" or "GI"). */
  cap: boolean;
  /** All upper case, two letters or more ("MEE", "GGD", "VT"). */
  acronym: boolean;
  /** All upper case, three letters or more: an acronym ("OTS") or a word in capitals ("FATIMA", "SPOED"). */
  shouted: boolean;
  /** The first word of a sentence, a list item or a line. */
  start: boolean;
}

const TOKEN = /[\p{L}\p{M}]+(?:['-][\p{L}\p{M}]+)*|'[a-zA-Z](?![\p{L}])|\d+|\n|[^\s\p{L}\p{M}\d]/gu;
const SENTENCE_END = new Set(['.', '!', '?', ':', ';', '\n', '-', '•', '·', '*', '|', '>']);
const PLACE_PREPOSITIONS = new Set([
  'in',
  'uit',
  'te',
  'naar',
  'via',
  'richting',
  'nabij',
  'vanuit',
  'regio',
  'omgeving',
  'rond',
]);
const WEAK_PARTICLES = new Set(['te', 'op']);
const NAMES_ONLY_PARTICLES = new Set(['der', 'den']);
// A street name left over when its house number went with a postcode ("Dorpsweg 3a, 6661 AB").
const STREET = /\p{L}{2,}(?:straat|straatweg|weg|laan|plein|singel|gracht|kade|dijk|steeg|dreef|plantsoen)$/u;
const PARTICIPLE = /^(?:ge|be|ver|ont|her|er)\p{L}{3,}(?:d|t|en)$/u;

function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  let atStart = true;
  for (const m of text.matchAll(TOKEN)) {
    const t = m[0];
    const word = /^\p{L}|^'\p{L}/u.test(t);
    const letters = t.replace(/[^\p{L}]/gu, '');
    const cap = word && /^\p{Lu}/u.test(letters) && letters.length >= 2 && letters !== letters.toUpperCase();
    const acronym = word && letters.length >= 2 && letters === letters.toUpperCase();
    const shouted = acronym && letters.length >= 3;
    tokens.push({ text: t, key: lexiconKey(t), word, cap, acronym, shouted, start: word && atStart });
    if (word || /^\d/.test(t)) atStart = false;
    else if (t === '.') {
      // A dot ends a sentence unless it ends an abbreviation or an initial ("dhr.", "J.").
      const before = tokens[tokens.length - 2];
      atStart = !(before?.word && (before.text.length === 1 || ABBREVIATIONS.has(before.key)));
    } else if (SENTENCE_END.has(t)) atStart = true;
  }
  return tokens;
}

const endsLikeAWord = (key: string) =>
  WORD_ENDINGS.some((e) => key.length >= e.length + 2 && key.endsWith(e)) || STREET.test(key);
const startsLikeAWord = (key: string) => WORD_STARTS.some((s) => key.length >= s.length + 3 && key.startsWith(s));

/** A word that is never a name by itself: in a word list, or shaped like a Dutch noun or adjective. */
function isKnown(key: string): boolean {
  if (KNOWN_WORDS.has(key) || KINSHIP_WORDS.has(key) || TITLE_WORDS.has(key)) return true;
  if (key.includes('-')) return key.split('-').every((part) => part.length === 0 || isKnown(part));
  if (endsLikeAWord(key) || startsLikeAWord(key) || (key.length >= 3 && WORD_ENDINGS.includes(key))) return true;
  // Plural and genitive forms of a known word ("Raads", "Gemeenten", "Teams").
  for (const ending of ["'s", 's', 'en', 'n']) {
    if (key.endsWith(ending) && KNOWN_WORDS.has(key.slice(0, -ending.length))) return true;
  }
  return false;
}

/** Written with a capital: capitalised ("Fatima") or in capitals ("FATIMA"), not a two-letter acronym ("VT"). */
const capital = (t: Token | undefined): t is Token => !!t && (t.cap || t.shouted);

const isFirstName = (key: string) =>
  FIRST_NAMES.has(key) || (key.includes('-') && key.split('-').every((p) => FIRST_NAMES.has(p)));
const isFamilyName = (key: string) =>
  FAMILY_NAMES.has(key) || (key.includes('-') && key.split('-').some((p) => FAMILY_NAMES.has(p) && !isKnown(p)));

/**
 * A word in capitals that the lists make a name: a first name that is no Dutch word or a family name that is no
 * known word. In capitals a capital letter tells nothing ("SPOED", "NIET MEEWERKEN", "HKZ"), so neither does the
 * shape of a word: only the lists count.
 */
const shoutedName = (t: Token | undefined) =>
  !!t?.shouted &&
  ((isFirstName(t.key) && !AMBIGUOUS_FIRST_NAMES.has(t.key)) || (isFamilyName(t.key) && !isKnown(t.key)));

/** Short family names in capitals are Dutch words as often ("BOS", "WIT", "LAAN"): on their own they are no name. */
const SHORTEST_SHOUTED_FAMILY_NAME = 5;

/**
 * A capitalised word that could be a name: not an acronym, not a known word, not a brand with capitals inside
 * ("NJi", "IrisZorg"), not a compound with hyphens ("GZ-psycholoog", "Teams-overleg", "Blijf-van-mijn-lijfhuis").
 */
function candidate(t: Token | undefined): t is Token {
  if (!t?.cap || isKnown(t.key)) return false;
  if (/^\p{Lu}\p{Ll}*\p{Lu}/u.test(t.text) && !t.text.includes('-') && !/^Ma?c/.test(t.text)) return false;
  if (t.text.includes('-')) {
    const parts = t.text.split('-');
    if (parts.length >= 3) return false;
    const last = parts[parts.length - 1]!;
    if (last === last.toLowerCase() && !NAME_PARTICLES.has(lexiconKey(last))) return false;
    if (parts.every((p) => isKnown(lexiconKey(p)) || p === p.toUpperCase())) return false;
  }
  return true;
}

/**
 * A capitalised known word that makes a title-case name of a thing with its neighbour ("Stop Huiselijk Geweld",
 * "Centrale Toegang"): no kinship word, title, family or first name, day or month, and no organisation word (a
 * name before one is a person: "heeft Keano Veilig Thuis gebeld").
 */
const capitalisedWord = (t: Token | undefined) =>
  !!t?.cap &&
  isKnown(t.key) &&
  !KINSHIP_WORDS.has(t.key) &&
  !TITLE_WORDS.has(t.key) &&
  !TIME_WORDS.has(t.key) &&
  !ORGANISATION_HEADS.has(t.key) &&
  !isFamilyName(t.key) &&
  !isFirstName(t.key);

/** The index of the token after i, skipping one "( ... )" right after it: "Shanaya (BSN ...) is 8 jaar". */
function afterParenthesis(tokens: Token[], i: number): number {
  if (tokens[i + 1]?.text !== '(') return i + 1;
  for (let j = i + 2; j < tokens.length && j < i + 16; j++) if (tokens[j]!.text === ')') return j + 1;
  return i + 1;
}

/** A lower-case first name that is no Dutch word: "fatima", "jayden" (not "roos", "mark", "max"). */
const lowerCaseFirstName = (t: Token | undefined) =>
  !!t &&
  t.word &&
  !t.cap &&
  t.text === t.text.toLowerCase() &&
  t.key.length >= 4 &&
  isFirstName(t.key) &&
  !AMBIGUOUS_FIRST_NAMES.has(t.key) &&
  !KNOWN_WORDS.has(t.key);

const isOrganisationWord = (t: Token | undefined) =>
  !!t && t.word && (ORGANISATION_HEADS.has(t.key) || ORGANISATION_TAILS.has(t.key));

/** Index of the first token after initials ("J.", "J.M.", "J. P."), or -1 when there are none at i. */
function skipInitials(tokens: Token[], i: number): number {
  let j = i;
  while (
    tokens[j]?.word &&
    tokens[j]!.text.length === 1 &&
    /\p{Lu}/u.test(tokens[j]!.text) &&
    tokens[j + 1]?.text === '.'
  )
    j += 2;
  return j === i ? -1 : j;
}

/** Skips particles from i; returns the index after them and whether the last one was a strong one. */
function skipParticles(tokens: Token[], i: number): { next: number; count: number; strong: boolean } {
  let j = i;
  let strong = false;
  while (tokens[j]?.word && NAME_PARTICLES.has(tokens[j]!.key)) {
    strong = !WEAK_PARTICLES.has(tokens[j]!.key);
    j++;
  }
  return { next: j, count: j - i, strong };
}

/** Is the name part at i a name after a particle chain (rule 4)? */
function nameAfterParticles(tokens: Token[], i: number, strong: boolean): boolean {
  const t = tokens[i];
  if (!capital(t)) return false;
  const next = tokens[i + 1];
  // "De William Schrikker Stichting", "De Centrale Toegang"
  if ((next?.cap && isOrganisationWord(next)) || capitalisedWord(next)) return false;
  // In capitals a family name that is also a word ("IN DE WIJK", "OP DE BERG") counts only after "der" or "den",
  // which are used in names and nowhere else today ("VAN DEN BERG", "VAN DER MEER").
  if (t.shouted) return shoutedName(t) || (isFamilyName(t.key) && NAMES_ONLY_PARTICLES.has(tokens[i - 1]?.key ?? ''));
  return isFamilyName(t.key) || (strong && candidate(t));
}

/** Rule 3: what follows a kinship word or title. */
function nameAfterTrigger(tokens: Token[], i: number, kinship: boolean): boolean {
  let j = i + 1;
  // "mevr. Smits", "fam. Peters", "moeder: Fatima", "moeder (Chantal)", "moeder, Fatima,", "moeder van Jayden"
  if (tokens[j]?.text === '.' && ABBREVIATIONS.has(tokens[i]!.key)) j++;
  while (tokens[j] && [':', ',', '('].includes(tokens[j]!.text)) j++;
  if (kinship && tokens[j]?.key === 'van') j++;
  while (tokens[j]?.word && TITLE_WORDS.has(tokens[j]!.key)) {
    j++;
    if (tokens[j]?.text === '.') j++;
  }
  const afterInitials = skipInitials(tokens, j);
  if (afterInitials !== -1) j = afterInitials;
  const particles = skipParticles(tokens, j);
  const t = tokens[particles.next];
  if (!t?.word) return false;
  // After a title or kinship word and initials, any capitalised word is a family name ("dhr. P. van 't Hof").
  if (afterInitials !== -1) return capital(t);
  // In capitals, after a title and a particle a listed family name is one even when it is also a word: "DHR. DE JONG".
  if (particles.count > 0 && !kinship && t.shouted && isFamilyName(t.key)) return true;
  if (particles.count > 0) return nameAfterParticles(tokens, particles.next, true);
  // Only the word lists count here, not the shape of a word: "mevrouw Kakator" is a name. A first name that is also
  // a word counts too: "oma Wil", "opa Ben", "moeder Roos".
  if (t.cap) return !KNOWN_WORDS.has(t.key) || isFamilyName(t.key) || isFirstName(t.key);
  // In capitals only a listed name: "MOEDER FATIMA", "MW. KAYA", not "OMA WIL NIET" or "VADER DREIGT".
  if (t.shouted) return shoutedName(t);
  return lowerCaseFirstName(t);
}

/** Does the text contain what looks like the name of a person? Never says which word. */
export function containsName(text: string): boolean {
  const tokens = tokenise(text);
  let inOrganisation = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (!t.word) {
      if (!['-', '&'].includes(t.text)) inOrganisation = false;
      continue;
    }
    // Capitalised words right after an organisation word or an acronym name it: "Stichting Kleurrijk", "MEE Gelderse
    // Poort", "CJG Doesburg".
    const afterOrganisation = inOrganisation && t.cap;
    inOrganisation = (t.cap && inOrganisation) || ORGANISATION_HEADS.has(t.key) || t.acronym;

    // 1. First names from the list, capitalised or in capitals ("JAYDEN is bang").
    if (capital(t) && isFirstName(t.key) && !AMBIGUOUS_FIRST_NAMES.has(t.key)) {
      const ofAThing =
        (capital(next) && ORGANISATION_TAILS.has(next.key)) || (capital(prev) && NAME_TITLES_OF_THINGS.has(prev.key));
      if (!ofAThing) return true;
    }
    if (lowerCaseFirstName(t)) return true;
    // 2. Family names from the list; in capitals only the longer ones ("JANSEN weigert", not "HET BOS").
    const longEnough = t.cap || (t.shouted && t.key.length >= SHORTEST_SHOUTED_FAMILY_NAME);
    if (longEnough && isFamilyName(t.key) && !isKnown(t.key)) return true;
    // 3. Kinship words and titles.
    const kinship = KINSHIP_WORDS.has(t.key);
    const title = TITLE_WORDS.has(t.key) && (t.key !== 'heer' || prev?.key === 'de');
    if ((kinship || title) && nameAfterTrigger(tokens, i, kinship)) return true;
    // 4. Particles ("de Vries"; capitalised too: "met De Groot", "Van Dijk zegt"); not in an organisation's name
    // ("Stichting De Hoop", "instelling De Lindenhorst").
    if (NAME_PARTICLES.has(t.key) && (afterOrganisation || (prev !== undefined && isOrganisationWord(prev)))) {
      inOrganisation = true;
      continue;
    }
    if (NAME_PARTICLES.has(t.key)) {
      const chain = skipParticles(tokens, i);
      if (nameAfterParticles(tokens, chain.next, chain.strong)) return true;
      i = chain.next - 1;
      continue;
    }
    // 5. Initials.
    if (t.text.length === 1 && /\p{Lu}/u.test(t.text) && next?.text === '.') {
      const j = skipInitials(tokens, i);
      const chain = skipParticles(tokens, j);
      const name = tokens[chain.next];
      if (name?.cap && (chain.count > 0 || !isKnown(name.key) || isFamilyName(name.key))) return true;
      if (shoutedName(name)) return true;
      continue;
    }
    if (!candidate(t) || t.text.length < 2) continue;
    // 6. Unknown capitalised words inside a sentence.
    if (!t.start) {
      // Title case with known words names a thing: "Stop Huiselijk Geweld", "Centrale Toegang", "Veilig Opvoeden".
      const placeOrOrganisation =
        afterOrganisation ||
        (prev !== undefined && PLACE_PREPOSITIONS.has(prev.key)) ||
        (next?.cap === true && ORGANISATION_TAILS.has(next.key)) ||
        (prev?.cap === true && NAME_TITLES_OF_THINGS.has(prev.key)) ||
        capitalisedWord(next) ||
        (capitalisedWord(prev) && !prev!.start);
      if (!placeOrOrganisation) return true;
      continue;
    }
    // 7. Unknown capitalised words at the start of a sentence, by what follows them.
    if (PARTICIPLE.test(t.key)) continue;
    const after = tokens[afterParenthesis(tokens, i)];
    if (after?.word && !after.cap && FINITE_VERBS.has(after.key)) return true;
    // "Keano, geboren ...", "Keano, 11 jaar, ...", "Fatima, moeder van ..."
    const afterComma = tokens[i + 2];
    if (
      next?.text === ',' &&
      afterComma &&
      (/^\d/.test(afterComma.text) || KINSHIP_WORDS.has(afterComma.key) || /^geb/.test(afterComma.key))
    )
      return true;
    if (
      (next?.key === 'en' || next?.text === ',') &&
      (candidate(tokens[i + 2]) || isFirstName(tokens[i + 2]?.key ?? ''))
    )
      return true;
    if (next?.text === '(' && /^\d{1,2}$/.test(tokens[i + 2]?.text ?? '')) return true;
    if (next?.word && KINSHIP_WORDS.has(next.key) && /s$|'s$/.test(t.key)) return true;
    if (next?.text === ',' && tokens[i + 2]?.key === 'de' && KINSHIP_WORDS.has(tokens[i + 3]?.key ?? '')) return true;
    if (next?.text === '(' && KINSHIP_WORDS.has(tokens[i + 2]?.key ?? '')) return true;
  }
  return false;
}
