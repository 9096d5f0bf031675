import {
  adaptiveCard,
  execute,
  facts,
  heading,
  subtle,
  text,
  type AdaptiveCard,
  type CardElement,
} from '../cards/card-kit.js';
import { notice, warning } from '../cards/workflow-labels.js';

// Acute unsafety bypasses the escalation ladder: the crisis routes come first, always, and after one confirmation the
// case professionals and their team leads are told at once, at any hour. A lead answers "Ik pak dit op", which the
// reporter sees; the next working day the reporter and the coordinator are asked whether a joint decision followed.
// No family details: reference and municipality only.

const routes = (crisisRoutes: string[]): CardElement[] => crisisRoutes.map((r) => text(`• ${r}`, { spacing: 'Small' }));

const list = (lines: string[]): CardElement => text(lines.map((l) => `- ${l}`).join('\n'));

const direct = (crisisRoutes: string[]): CardElement[] => [
  text('Is er direct gevaar? Wacht niet op Teams:', { weight: 'Bolder' }),
  ...routes(crisisRoutes),
];

/**
 * Who of those told the bot cannot reach on its own now (no chat with the bot yet, or their last message did not
 * arrive), with why: the reporter calls them instead of waiting.
 */
const unreachableBlock = (lines: readonly string[] | undefined): CardElement[] =>
  lines && lines.length > 0
    ? [text('Waarschijnlijk niet bereikbaar via Teams, bel hen zelf:', { weight: 'Bolder' }), list([...lines])]
    : [];

/** Before anything is sent: who will be told, and the crisis routes (acute stays one confirmation away). */
export function acuteConfirmCard(v: {
  caseRef: string;
  names: string[];
  /** Those of `names` the bot probably cannot reach, each with why. */
  unreachable?: string[];
  crisisRoutes: string[];
}): AdaptiveCard {
  const who =
    v.names.length > 0
      ? [text('Ik waarschuw dan direct, ook buiten kantoortijd:'), list(v.names), ...unreachableBlock(v.unreachable)]
      : [text('Er staat niemand in het casusteam om te waarschuwen: bel je leidinggevende zelf.')];
  return adaptiveCard(
    [
      warning(`Acute onveiligheid melden voor casus ${v.caseRef}?`),
      ...direct(v.crisisRoutes),
      ...who,
      subtle('Een vals alarm bereikt ’s nachts veel mensen: bevestig alleen bij acute onveiligheid.'),
    ],
    [
      execute('Ja, waarschuw nu', 'acute.confirm', { caseRef: v.caseRef }, 'destructive'),
      { ...execute('Annuleren', 'case.show', { caseRef: v.caseRef }), associatedInputs: 'none' },
    ],
  );
}

export interface AcuteView {
  caseRef: string;
  municipality: string;
  acuteId: number;
  raisedByName: string;
  raisedByOrg: string;
  crisisRoutes: string[];
  /** Who took it on, if someone did. */
  pickedUpByName: string | null;
}

/** To the case professionals and their team leads. */
export function acuteCard(v: AcuteView): AdaptiveCard {
  return adaptiveCard(
    [
      warning(`ACUUT: onveiligheid gemeld in casus ${v.caseRef}`),
      facts([
        ['Casus', v.caseRef],
        ['Gemeente', v.municipality],
        ['Gemeld door', `${v.raisedByName} (${v.raisedByOrg})`],
        ['Opgepakt door', v.pickedUpByName ?? 'nog niemand'],
      ]),
      text(
        'Wat nu: neem direct contact op met de melder en spreek af wie wat doet. Wacht niet op overleg of de escalatieladder.',
        { weight: 'Bolder' },
      ),
      text('Crisisroutes:', { weight: 'Bolder' }),
      ...routes(v.crisisRoutes),
      subtle('Een bericht van de teammodel-bot (geautomatiseerd), ook buiten kantoortijd verstuurd.'),
    ],
    v.pickedUpByName
      ? []
      : [execute('Ik pak dit op', 'acute.pickUp', { caseRef: v.caseRef, acuteId: v.acuteId }, 'positive')],
  );
}

/**
 * The answer to the reporter, at once: the crisis routes, who is being told, and who of them the bot probably cannot
 * reach (a delivery that fails later is told to the reporter at once as well).
 */
export function acuteRaisedCard(v: {
  caseRef: string;
  names: string[];
  unreachable?: string[];
  crisisRoutes: string[];
}): AdaptiveCard {
  const told =
    v.names.length > 0
      ? [
          text('Ik waarschuw nu direct:'),
          list(v.names),
          ...unreachableBlock(v.unreachable),
          text(
            'Je hoort hier wie het oppakt. Is iemand niet bereikbaar via Teams, dan hoor je dat ook: bel die persoon dan zelf.',
          ),
        ]
      : [text('Er staat niemand in het casusteam om te waarschuwen: bel je leidinggevende zelf.')];
  return adaptiveCard([
    warning(`Acute onveiligheid gemeld voor casus ${v.caseRef}`),
    ...direct(v.crisisRoutes),
    ...told,
    subtle('De melding staat in het logboek van de casus (zonder inhoud).'),
  ]);
}

/** To the reporter: someone took it on. */
export function acutePickedUpCard(v: { caseRef: string; who: string }): AdaptiveCard {
  return adaptiveCard([
    notice(`${v.who} pakt de acute melding over casus ${v.caseRef} op.`),
    text('Spreek samen af wie wat doet. Morgen vraag ik of er een gezamenlijk besluit is genomen.'),
    subtle('Een bericht van de teammodel-bot (geautomatiseerd).'),
  ]);
}

/** The next working day, to the reporter and the coordinator. */
export function acuteFollowupCard(v: {
  caseRef: string;
  acuteId: number;
  reportedOn: string;
  answered: string | null;
}): AdaptiveCard {
  const data = { caseRef: v.caseRef, acuteId: v.acuteId };
  return adaptiveCard(
    [
      heading(`Na de acute melding van ${v.reportedOn}: casus ${v.caseRef}`),
      text(
        'Is er daarna samen besloten wat er gebeurt, met de betrokken organisaties? Eerst besluiten en later afstemmen is wat het teammodel wil voorkomen.',
      ),
      ...(v.answered ? [notice(`Vastgelegd: ${v.answered}.`)] : []),
      subtle('Een bericht van de teammodel-bot (geautomatiseerd). Je antwoord staat in het logboek, zonder inhoud.'),
    ],
    v.answered
      ? []
      : [
          execute('Ja, er is samen besloten', 'acute.followup', { ...data, jointDecision: 'yes' }, 'positive'),
          execute('Nee, nog niet', 'acute.followup', { ...data, jointDecision: 'no' }),
        ],
  );
}
