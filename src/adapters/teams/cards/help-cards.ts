import { HELP_GROUPS, HELP_INTRO, HELP_TEXT, PRIVACY_RULE } from '../bot-texts.js';
import { adaptiveCard, heading, subtle, text, type AdaptiveCard, type CardElement } from './card-kit.js';

// The welcome a person or a team gets when the app is installed (what the bot does, what it never stores, the three
// commands to start with), and `hulp` as a card grouped by task. Both come from bot-texts.ts (HELP_GROUPS), so the card,
// its plain-text fallback and the README's table say the same.

/** Angle brackets as guillemets: the client would take a bare `<ref>` for a tag and swallow it. */
const shown = (command: string) => command.replace(/</g, '‹').replace(/>/g, '›');

/** `hulp`: every command, grouped by task, the command in bold. */
export function helpCard(): AdaptiveCard {
  const groups = HELP_GROUPS.flatMap((g): CardElement[] => [
    text(g.title, { weight: 'Bolder', spacing: 'Medium' }),
    text(g.commands.map(([c, what]) => `- **${shown(c)}**: ${what}`).join('\n'), { spacing: 'Small' }),
  ]);
  return {
    ...adaptiveCard([heading('Wat kan ik?'), text(HELP_INTRO), ...groups, subtle(PRIVACY_RULE)]),
    fallbackText: HELP_TEXT,
  };
}

/** The welcome on install: what the bot does, what it never stores, and the three commands to start with. */
export function welcomeCard(scope: 'personal' | 'team', inRoster: boolean): AdaptiveCard {
  const body: CardElement[] = [
    heading('Welkom bij de teammodel-bot'),
    text(
      'Ik ben een geautomatiseerde assistent, geen persoon. Ik help het vaste team rond een gezin (Lokaal Team, Veilig Thuis, de Raad voor de Kinderbescherming en de GI) samen te werken:',
    ),
    text(
      [
        '- ik vorm het casusteam uit de vaste gezichten van de gemeente;',
        '- ik begeleid warme overdrachten met een checklist;',
        '- ik herinner het team aan termijnen, in werkdagen en kantooruren;',
        '- ik zet escalaties naar de teamleiders in gang als het stokt.',
      ].join('\n'),
      { spacing: 'Small' },
    ),
    text('Wat ik nooit bewaar', { weight: 'Bolder', spacing: 'Medium' }),
    text(
      'Geen namen, BSN, adressen, geboortedata of inhoud van het dossier van een gezin: alleen een casusnummer, wie in het team zit en welke termijnen lopen. Het dossier blijft bij je eigen organisatie.',
      { spacing: 'Small' },
    ),
    text('Begin hiermee', { weight: 'Bolder', spacing: 'Medium' }),
    text(
      [
        '- **mijn casussen**: jouw lopende casussen',
        scope === 'team'
          ? '- **casus nieuw ‹gemeente›**: een nieuwe casus, met een eigen draad in dit kanaal'
          : '- **casus nieuw ‹gemeente›**: een nieuwe casus met het vaste team',
        '- **hulp**: alles wat je kunt typen',
      ].join('\n'),
      { spacing: 'Small' },
    ),
  ];
  if (!inRoster && scope === 'personal')
    body.push(
      text(
        'Je staat nog niet in het rooster van vaste gezichten. Vraag de pilotcoördinator van je gemeente om je toe te voegen; tot dan kan ik je niet helpen.',
        { color: 'Attention' },
      ),
    );
  return adaptiveCard(body);
}
