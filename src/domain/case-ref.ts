// The pseudonymous case reference, e.g. CG-ARN-2026-0007: region, municipality, year and number — never a name.
// One place parses and formats it, for the chat, the cards and the store.

const PATTERN = /^([A-Z]{2})-([A-Z]{3})-(\d{4})-(\d{4,})$/;

export interface CaseRef {
  region: string;
  municipality: string;
  year: number;
  number: number;
  /** The canonical text: upper case, number padded to four digits. */
  text: string;
}

export const CaseRef = {
  /** A reference as a person may type it (any case, surrounding spaces); undefined when it is not one. */
  parse(input: string): CaseRef | undefined {
    const m = PATTERN.exec(input.trim().toUpperCase());
    if (!m) return undefined;
    return { region: m[1]!, municipality: m[2]!, year: Number(m[3]), number: Number(m[4]), text: m[0] };
  },
  format(parts: { region: string; municipality: string; year: number; number: number }): string {
    return `${parts.region}-${parts.municipality}-${parts.year}-${String(parts.number).padStart(4, '0')}`;
  },
  /** The prefix numbers are counted under: one sequence per region, municipality and year. */
  prefix(parts: { region: string; municipality: string; year: number }): string {
    return `${parts.region}-${parts.municipality}-${parts.year}`;
  },
  /** For patterns in chat commands and card schemas (not anchored, any case). */
  source: String.raw`[A-Za-z]{2}-[A-Za-z]{3}-\d{4}-\d{4,}`,
};
