import { adaptiveCard, dutchDate, heading, subtle, text, type AdaptiveCard } from './card-kit.js';

// The daily digest for members who opted in: one line per open item, references only.

export interface DigestLine {
  caseRef: string;
  line: string;
}

export function digestCard(v: { day: string; lines: DigestLine[] }): AdaptiveCard {
  return adaptiveCard([
    heading(`Jouw open punten, ${dutchDate(v.day)}`),
    ...v.lines.map((l) => text(`• ${l.caseRef}: ${l.line}`, { spacing: 'Small' })),
    subtle('Een bericht van de teammodel-bot (geautomatiseerd). Typ "casus <ref>" voor de stand van een casus.'),
  ]);
}
