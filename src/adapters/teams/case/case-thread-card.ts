import { adaptiveCard, heading, subtle, text, type AdaptiveCard, type CardElement } from '../cards/card-kit.js';
import { warning } from '../cards/workflow-labels.js';

// When a message about a case could not reach a member of its team in their own chat, the bot says so in the case's
// channel thread and @mentions them (docs/behaviour.md, "Who cannot be reached"). The whole case team reads the thread,
// so the post names the kind of message and the case, never what it said; an acute alert says who reported it, as
// the alert itself does to every case professional.

export interface CaseThreadView {
  caseRef: string;
  memberName: string;
  /** The Entra object id or UPN Teams mentions the person by; absent: their name only (no Teams notification). */
  mentionId: string | undefined;
  /** "een herinnering", "een escalatie", … */
  aboutText: string;
  /** About an acute alert: who reported it (name and organisation), and the crisis routes. */
  acute?: { reportedBy: string; crisisRoutes: readonly string[] };
}

/** The name as it may stand between <at> and </at>. */
const mentionText = (name: string) => `<at>${name.replace(/[<>]/g, '')}</at>`;

export function caseThreadCard(v: CaseThreadView): AdaptiveCard {
  const who = v.mentionId ? mentionText(v.memberName) : `**${v.memberName}**`;
  const body: CardElement[] = v.acute
    ? [
        warning(`ACUUT: onveiligheid gemeld in casus ${v.caseRef}`),
        text(
          `${who}, ik kon je niet persoonlijk waarschuwen via Teams. ${v.acute.reportedBy} meldde acute onveiligheid: neem direct contact op met de melder.`,
        ),
        text('Crisisroutes:', { weight: 'Bolder' }),
        ...v.acute.crisisRoutes.map((r) => text(`• ${r}`, { spacing: 'Small' })),
      ]
    : [
        heading(`Niet persoonlijk bezorgd: casus ${v.caseRef}`),
        text(`${who}, ik kon je ${v.aboutText} niet in je eigen chat met de teammodel-bot bezorgen.`),
      ];
  const card = adaptiveCard([
    ...body,
    text(
      `Wat je kunt doen: open je chat met de teammodel-bot in Teams (staat hij er niet, voeg dan de app Teammodel toe via Apps) en stuur: casus ${v.caseRef}. Dan zie je wat er speelt, en bereik ik je weer zelf.`,
    ),
    subtle('Een bericht van de teammodel-bot (geautomatiseerd). Hier staat alleen dat er iets voor je is, niet wat.'),
  ]);
  return v.mentionId
    ? {
        ...card,
        msteams: {
          entities: [
            { type: 'mention', text: mentionText(v.memberName), mentioned: { id: v.mentionId, name: v.memberName } },
          ],
        },
      }
    : card;
}
