import { createHmac } from 'node:crypto';

// The number in a case reference (CG-ARN-2026-4817) is not the count of cases: a sequential number would tell anyone
// who sees one reference how many cases the municipality opened that year. It is a keyed pseudo-random permutation of
// the prefix's sequence number (1, 2, 3 … per region, municipality and year), so two cases never get the same number
// and a number is never given out again (the sequence only grows, also across a purge), while without the key the
// order reveals nothing. docs/behaviour.md, "Case references".
//
// The numbers have no leading zeros: the first 9 000 cases of a prefix get a four-digit number (1000–9999), the next
// 90 000 five digits (10000–99999), and so on; each width is its own permutation, so widths never collide. Numbers
// below 1000 are never given out, so references from before this scheme (0001, 0002 …) keep their own numbers.

/** The key's length in bytes (created at random once per database, see case-repository.ts). */
export const CASE_NUMBER_KEY_BYTES = 32;

/** Feistel rounds: ten, as format-preserving encryption (NIST FF1) uses for small domains. */
const ROUNDS = 10;

/** The first width: four digits. */
const FIRST_DIGITS = 4;

/** The numbers of one width: `digits` digits without a leading zero. */
const sizeOf = (digits: number) => 9 * 10 ** (digits - 1);

/**
 * A keyed permutation of [0, size): a balanced Feistel network on [0, side²) with side = ⌈√size⌉, its round function
 * an HMAC-SHA256 of the key, and cycle-walking (apply it again while the result is ≥ size), which keeps it a
 * permutation of the smaller range. `domain` separates the permutations of different widths. The round function has
 * only `side` inputs per round, so it is computed once, as a table, when the permutation is made.
 */
export function keyedPermutation(key: Uint8Array, domain: string, size: number): (x: number) => number {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`keyedPermutation: size ${size} is not a count`);
  const side = Math.max(2, Math.ceil(Math.sqrt(size)));
  const rounds = Array.from({ length: ROUNDS }, (_, i) =>
    Array.from(
      { length: side },
      (_, half) => createHmac('sha256', key).update(`${domain}:${i}:${half}`).digest().readUInt32BE(0) % side,
    ),
  );
  return (x) => {
    if (!Number.isSafeInteger(x) || x < 0 || x >= size)
      throw new RangeError(`keyedPermutation: ${x} is not below ${size}`);
    let y = x;
    do {
      let left = Math.floor(y / side);
      let right = y % side;
      for (const f of rounds) [left, right] = [right, (left + f[right]!) % side];
      y = left * side + right;
    } while (y >= size);
    return y;
  };
}

/**
 * The numbering of one database: the number of the `sequence`-th case (1-based) of a prefix under the database's key.
 * The permutation of a width is made the first time a sequence number of that width comes by.
 */
export function caseNumbering(key: Uint8Array): (sequence: number) => number {
  if (key.length !== CASE_NUMBER_KEY_BYTES)
    throw new RangeError(`caseNumbering: the key must be ${CASE_NUMBER_KEY_BYTES} bytes`);
  const own = Uint8Array.from(key); // a later change to the caller's buffer must not change the numbers
  const widths = new Map<number, (x: number) => number>();
  return (sequence) => {
    if (!Number.isSafeInteger(sequence) || sequence < 1)
      throw new RangeError(`caseNumbering: ${sequence} is not a sequence number`);
    let digits = FIRST_DIGITS;
    let before = 0; // sequence numbers taken by the narrower widths
    while (sequence > before + sizeOf(digits)) {
      before += sizeOf(digits);
      digits++;
    }
    let permute = widths.get(digits);
    if (!permute) widths.set(digits, (permute = keyedPermutation(own, `case-number:${digits}`, sizeOf(digits))));
    return 10 ** (digits - 1) + permute(sequence - before - 1);
  };
}
