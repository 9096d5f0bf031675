import type { TeamSubject } from '../../../app/notifications.js';
import type { EscalationTrigger } from '../../../domain/types.js';
import {
  adaptiveCard,
  dutchDate,
  execute,
  heading,
  subtle,
  text,
  type AdaptiveCard,
  type CardElement,
} from '../cards/card-kit.js';
import { reflectForm } from '../escalation/escalation-card.js';

// What changed on a case team, in one or two plain Dutch sentences (docs/behaviour.md, "Who is told what"): who joined,
// who took over from whom, who holds regie, what an escalation decided. People are named with their organisation, as on
// the team card; the family never appears.

export interface TeamMessageView {
  subject: TeamSubject;
  caseRef: string;
  municipality: string;
  /** Who did it: "Naam (organisatie)", or the bot. */
  actor: string;
  /** The reader is the person this is about (added, removed). */
  aboutReader: boolean;
  member?: string;
  successor?: string;
  coordinator?: string;
  previousCoordinator?: string;
  decision?: { text: string; owner: string; deadline: string; familyInformed: string };
  /** The reader may still open the case (not after being removed from it). */
  mayOpen: boolean;
  /** A decision: the escalation's number, when the reader took part and may still add a reflection. */
  reflectOn?: { trigger: EscalationTrigger; seq: number };
}

function sentences(v: TeamMessageView): { title: string; lines: string[] } {
  const ref = `casus ${v.caseRef} (${v.municipality})`;
  switch (v.subject) {
    case 'member_added':
      return v.member && !v.aboutReader
        ? { title: `Nieuw in het casusteam van ${v.caseRef}`, lines: [`${v.member} is toegevoegd door ${v.actor}.`] }
        : {
            title: `Je bent toegevoegd aan ${ref}`,
            lines: [
              v.member
                ? `${v.actor} heeft je toegevoegd aan het casusteam.`
                : `${v.actor} heeft de casus geopend; jij bent een van de vaste gezichten in het casusteam.`,
            ],
          };
    case 'member_replaced':
      return {
        title: `Wissel in het casusteam van ${v.caseRef}`,
        lines: [
          `${v.successor ?? 'Een opvolger'} neemt het over van ${v.member ?? 'een collega'}.`,
          `Vastgelegd door ${v.actor}.`,
        ],
      };
    case 'member_removed':
      return v.aboutReader
        ? {
            title: `Je zit niet meer in het casusteam van ${v.caseRef}`,
            lines: [`${v.actor} heeft je uit het casusteam gehaald. Je ziet de casus vanaf nu niet meer.`],
          }
        : {
            title: `Wissel in het casusteam van ${v.caseRef}`,
            lines: [`${v.member ?? 'Een collega'} zit niet meer in het casusteam.`, `Vastgelegd door ${v.actor}.`],
          };
    case 'coordinator_changed':
      return {
        title: `Casusregie van ${v.caseRef}`,
        lines: [
          `De casusregie ligt nu bij ${v.coordinator ?? 'een ander teamlid'}.`,
          ...(v.previousCoordinator ? [`Eerder lag die bij ${v.previousCoordinator}.`] : []),
          `Vastgelegd door ${v.actor}.`,
        ],
      };
    case 'decision':
      return {
        title: `Besluit over ${ref}`,
        lines: v.decision
          ? [
              `Besluit: ${v.decision.text}`,
              `Uitvoering: ${v.decision.owner}, uiterlijk ${dutchDate(v.decision.deadline)}.`,
              `Gezin geïnformeerd: ${v.decision.familyInformed}.`,
              `Vastgelegd door ${v.actor}.`,
            ]
          : [`${v.actor} heeft een besluit vastgelegd.`],
      };
    case 'escalation_withdrawn':
      return { title: `Escalatie ingetrokken: ${v.caseRef}`, lines: [`${v.actor} heeft de escalatie ingetrokken.`] };
    case 'report_back':
      return {
        title: `Teruggemeld: ${v.caseRef}`,
        lines: [`${v.actor} meldt terug bij de Jeugdbeschermingstafel: de zorgen zijn niet afgenomen.`],
      };
    case 'consult_requested':
      return {
        title: `Je advies gevraagd: ${ref}`,
        lines: [
          `${v.actor} vraagt je mee te denken. Leg vast wanneer je advies hebt gegeven en of de ouders dat weten.`,
        ],
      };
  }
}

export function teamMessageCard(v: TeamMessageView): AdaptiveCard {
  const { title, lines } = sentences(v);
  const body: CardElement[] = [
    heading(title),
    ...lines.map((l) => text(l)),
    subtle(
      v.subject === 'member_removed' && v.aboutReader
        ? 'Een bericht van de teammodel-bot (geautomatiseerd).'
        : 'Een bericht van de teammodel-bot (geautomatiseerd), zodat het hele casusteam weet wat er speelt.',
    ),
  ];
  return adaptiveCard(body, [
    ...(v.mayOpen ? [execute('Casus bekijken', 'case.show', { caseRef: v.caseRef })] : []),
    ...(v.reflectOn !== undefined ? [reflectForm(v.caseRef, v.reflectOn)] : []),
  ]);
}
