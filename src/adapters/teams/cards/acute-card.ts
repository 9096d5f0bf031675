import { adaptiveCard, facts, subtle, text, type AdaptiveCard, type CardElement } from './card-kit.js';
import { warning } from './workflow-labels.js';

// Acute unsafety bypasses the escalation ladder (domain.md §5): the team leads hear it at once, at any hour, and the
// person who raised it gets the crisis routes straight away. No family details: reference and municipality only.

export interface AcuteView {
  caseRef: string;
  municipality: string;
  raisedByName: string;
  raisedByOrg: string;
  crisisRoutes: string[];
}

const routes = (crisisRoutes: string[]): CardElement[] => crisisRoutes.map((r) => text(`• ${r}`, { spacing: 'Small' }));

/** To the team leads of the case. */
export function acuteCard(v: AcuteView): AdaptiveCard {
  return adaptiveCard([
    warning(`ACUUT: onveiligheid gemeld in casus ${v.caseRef}`),
    facts([
      ['Casus', v.caseRef],
      ['Gemeente', v.municipality],
      ['Gemeld door', `${v.raisedByName} (${v.raisedByOrg})`],
    ]),
    text(
      'Wat nu: neem direct contact op met de melder en spreek af wie wat doet. Wacht niet op overleg of de escalatieladder.',
      { weight: 'Bolder' },
    ),
    text('Crisisroutes:', { weight: 'Bolder' }),
    ...routes(v.crisisRoutes),
    subtle('Een bericht van de teammodel-bot (geautomatiseerd), ook buiten kantoortijd verstuurd.'),
  ]);
}

/** The answer to the person who raised it, at once. */
export function acuteRaisedCard(v: { caseRef: string; leadNames: string[]; crisisRoutes: string[] }): AdaptiveCard {
  const told =
    v.leadNames.length > 0
      ? `Ik waarschuw nu direct: ${v.leadNames.join(', ')}.`
      : 'Er staat geen teamleider in het rooster om te waarschuwen: bel je leidinggevende zelf.';
  return adaptiveCard([
    warning(`Acute onveiligheid gemeld voor casus ${v.caseRef}`),
    text('Is er direct gevaar? Wacht niet op een reactie in Teams:', { weight: 'Bolder' }),
    ...routes(v.crisisRoutes),
    text(told),
    subtle('De melding staat in het logboek van de casus (zonder inhoud).'),
  ]);
}
