// Everything the runtime says by itself, in plain Dutch. The bot always speaks as a bot, never as a person.

export const NOT_IN_ROSTER_TEXT =
  'Je staat niet in het rooster van vaste gezichten, dus ik kan je niet helpen. Vraag de pilotcoördinator van je gemeente om je toe te voegen.';

export const TURN_ERROR_TEXT = 'Er ging iets mis aan mijn kant; probeer het zo nog eens. Er is niets opgeslagen.';

/** What the bot can do, grouped by task: the `hulp` card and its plain-text fallback are both built from this. */
export const HELP_GROUPS: ReadonlyArray<{ title: string; commands: ReadonlyArray<readonly [string, string]> }> = [
  {
    title: 'Een casus',
    commands: [
      ['casus nieuw <gemeente>', 'een nieuwe casus starten en het vaste team vormen'],
      ['casus <ref>', 'de stand van een casus: termijnen, team, overdrachten, escalaties'],
      ['mijn casussen', 'jouw lopende casussen'],
      ['team <ref>', 'wie er in het casusteam zit; iemand toevoegen, vervangen of weghalen'],
      ['rooster <gemeente>', 'de vaste gezichten van een gemeente'],
    ],
  },
  {
    title: 'Samenwerken',
    commands: [
      ['overdracht <ref>', 'een warme overdracht starten, met checklist'],
      ['consult <ref>', 'iemand van een andere organisatie om advies vragen; die komt in het casusteam'],
      ['afwezig', 'je afwezigheid doorgeven; je vervanger krijgt dan ook je berichten'],
    ],
  },
  {
    title: 'Als het stokt of onveilig is',
    commands: [
      ['escaleer <ref>', 'een knelpunt voorleggen aan de teamleiders'],
      [
        'acuut <ref>',
        'acute onveiligheid melden; je krijgt meteen de routes naar Veilig Thuis, de Raad en de crisisdienst',
      ],
    ],
  },
  {
    title: 'Overzicht (teamleiders, managers en pilotcoördinatoren)',
    commands: [
      ['overzicht [gemeente]', 'casussen per fase, vastgelopen casussen, wachtenden, open escalaties en overdrachten'],
      [
        'bereikbaarheid [gemeente]',
        'wie ik nog niet zelf kan bereiken in Teams, en waarom (voor pilotcoördinatoren, in je persoonlijke chat)',
      ],
      ['casus <ref> export', 'het inzage-overzicht (AVG art. 15) van alles wat ik over een casus vastlegde'],
      [
        'leren <gemeente> [van] [tot]',
        'de leeragenda zonder namen voor een lerende bijeenkomst: reflecties, aanleidingen, tijd tot besluit, gemiste normen en wisselingen van jeugdbeschermer (van en tot als maand of jaar, bijvoorbeeld 2026-09)',
      ],
      [
        'kpi <gemeente> <van> <tot>',
        'de GVJB-cijfers van een gemeente, met de verzoeken aan de Jeugdbeschermingstafel naast de rest van de regio',
      ],
    ],
  },
  {
    title: 'Instellingen',
    commands: [
      [
        'digest aan | digest uit',
        'elke werkdag bij het begin van de kantooruren één overzicht in plaats van losse herinneringen',
      ],
      ['digest', 'of je de digest krijgt, en waarom'],
      ['hulp', 'dit overzicht'],
    ],
  },
];

export const HELP_INTRO = 'Ik ben de teammodel-bot: een geautomatiseerde assistent, geen persoon. Dit kun je typen:';
export const PRIVACY_RULE =
  'Gebruik alleen casusnummers (zoals CG-REN-2026-0007), nooit namen of andere gegevens van kinderen of ouders.';

export const HELP_TEXT = [
  HELP_INTRO,
  ...HELP_GROUPS.flatMap((g) => ['', `${g.title}:`, ...g.commands.map(([c, what]) => `- ${c}: ${what}`)]),
  '',
  PRIVACY_RULE,
].join('\n');

export const SHORT_HELP_TEXT = "Dat commando ken ik niet. Typ 'hulp' voor wat ik kan doen.";

export const UNKNOWN_CARD_ACTION_TEXT = "Deze knop werkt niet (meer). Typ 'hulp' voor wat ik kan doen.";
