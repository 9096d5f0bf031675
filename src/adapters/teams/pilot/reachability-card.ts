import { adaptiveCard, heading, subtle, text, type AdaptiveCard, type CardElement } from '../cards/card-kit.js';

// "bereikbaarheid": per municipality, whom the bot cannot reach on its own yet and why, so the pilot coordinator can
// have the app installed for them before a reminder or an acute alert gets lost. Professionals' names, roles and
// organisations from the roster; no case, no family data.

export interface ReachabilityCardView {
  municipalities: Array<{
    municipality: string;
    /** How many people of the municipality were looked at. */
    people: number;
    /** "Roos de Graaf (fictief), uitvoerend professional, Veilig Thuis Gelderland-Midden" and why, in Dutch. */
    unreachable: Array<{ who: string; why: string }>;
  }>;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function block(m: ReachabilityCardView['municipalities'][number]): CardElement {
  const count = m.unreachable.length;
  return {
    type: 'Container',
    separator: true,
    spacing: 'Medium',
    items: [
      text(
        count === 0
          ? `${m.municipality}: ik kan iedereen bereiken (${plural(m.people, 'persoon', 'mensen')}).`
          : `${m.municipality}: ${count} van de ${plural(m.people, 'persoon', 'mensen')} kan ik nog niet zelf bereiken`,
        { weight: 'Bolder' },
      ),
      ...(count > 0 ? [text(m.unreachable.map((u) => `- ${u.who}: ${u.why}`).join('\n'), { spacing: 'Small' })] : []),
    ],
  };
}

export function reachabilityCard(v: ReachabilityCardView): AdaptiveCard {
  const anyone = v.municipalities.some((m) => m.unreachable.length > 0);
  return adaptiveCard([
    heading('Wie ik nog niet zelf kan bereiken'),
    subtle(
      'Herinneringen, escalaties en acute meldingen stuur ik in ieders eigen chat met de teammodel-bot. Dat lukt alleen als de app voor die persoon is geïnstalleerd en het vorige bericht aankwam.',
    ),
    ...v.municipalities.map(block),
    ...(anyone
      ? [
          text('Wat je kunt doen:', { weight: 'Bolder', spacing: 'Medium' }),
          text(
            [
              '- Vraag de Teams-beheerder van de organisatie de app Teammodel voor hen te installeren (een app-beleid).',
              '- Of vraag de persoon de teammodel-bot in Teams te openen (Apps, Teammodel) en hem een bericht te sturen; een blokkade van de bot heft de persoon zelf op.',
              '- Tot dan: neem zelf contact op als er iets speelt.',
            ].join('\n'),
            { spacing: 'Small' },
          ),
        ]
      : []),
    subtle(
      'Mensen van de gemeente: de vaste gezichten, de leden van lopende casussen en hun vervangers, hun leidinggevenden, het Regionaal Expertteam en de pilotcoördinatoren. Een mislukt bericht telt tot er weer een aankomt.',
    ),
  ]);
}
