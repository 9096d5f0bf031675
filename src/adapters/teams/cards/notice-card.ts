import { adaptiveCard, heading, subtle, text, type AdaptiveCard } from './card-kit.js';

// When the bot cannot reach someone (they blocked or removed it: Teams answers 403), their team lead hears so,
// without any case content: who, and which case reference; so does whoever waits for that message (the reporter of an
// acute alert, the sender of a checklist, the colleague who asked for advice).

export interface UnreachableView {
  memberName: string;
  memberOrg: string;
  caseRef: string | null;
  aboutText: string | null;
  /** About an acute alert: the advice is to call now, not to reinstall the bot. */
  acute: boolean;
  /** The message was put in the case's channel thread instead, with an @mention of the person. */
  postedInThread?: boolean;
}

export function noticeCard(v: UnreachableView): AdaptiveCard {
  const about = v.caseRef
    ? ` over casus ${v.caseRef}${v.aboutText ? ` (${v.aboutText})` : ''}`
    : v.aboutText
      ? ` (${v.aboutText})`
      : '';
  return adaptiveCard([
    heading('Iemand is niet bereikbaar via Teams'),
    text(
      `Ik kon ${v.memberName} (${v.memberOrg}) een bericht${about} niet bezorgen. Waarschijnlijk heeft deze persoon de teammodel-bot geblokkeerd of verwijderd, of nog nooit geopend.`,
    ),
    ...(v.postedInThread
      ? [text('Ik heb in de draad van de casus gezet dat er een bericht voor deze persoon is, met een vermelding (@).')]
      : []),
    text(
      v.acute
        ? 'Het gaat om een acute melding: bel deze persoon nu zelf.'
        : 'Neem zelf contact op en vraag de persoon de bot (opnieuw) toe te voegen in Teams.',
    ),
    subtle('Een bericht van de teammodel-bot (geautomatiseerd).'),
  ]);
}
