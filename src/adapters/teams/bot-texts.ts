// Everything the runtime says by itself, in plain Dutch. The bot always speaks as a bot, never as a person.

export const NOT_IN_ROSTER_TEXT =
  'Je staat niet in het rooster van vaste gezichten, dus ik kan je niet helpen. Vraag de pilotcoördinator van je gemeente om je toe te voegen.';

export const TURN_ERROR_TEXT = 'Er ging iets mis aan mijn kant; probeer het zo nog eens. Er is niets opgeslagen.';

export const HELP_TEXT = [
  'Ik ben de teammodel-bot: een geautomatiseerde assistent, geen persoon. Dit kun je typen:',
  '',
  '- casus nieuw <gemeente>: een nieuwe casus starten en het vaste team vormen',
  '- casus <ref>: de stand van een casus bekijken',
  '- casus <ref> export: het inzage-overzicht (AVG art. 15) van alles wat ik over een casus vastlegde (voor leden van het casusteam en pilotcoördinatoren)',
  '- mijn casussen: jouw lopende casussen',
  '- team <ref>: wie er in het casusteam zit',
  '- rooster <gemeente>: de vaste gezichten van een gemeente',
  '- overdracht <ref>: een warme overdracht starten',
  '- consult <ref>: iemand van een andere organisatie om advies vragen; die komt in het casusteam en krijgt een termijn om te antwoorden',
  '- escaleer <ref>: een knelpunt voorleggen aan de teamleiders',
  '- acuut <ref>: acute onveiligheid melden; je krijgt meteen de routes naar Veilig Thuis, de Raad en de crisisdienst',
  '- overzicht [gemeente]: cijfers van de pilot per gemeente: casussen per fase, vastgelopen casussen, open escalaties en overdrachten (voor teamleiders, managers en pilotcoördinatoren)',
  '- digest aan|uit: elke werkdag één overzicht van je open punten in plaats van losse herinneringen (digest: hoe het nu staat)',
  '- afwezig: je afwezigheid doorgeven (met twee datums); je vervanger krijgt dan ook je berichten',
  '- hulp: dit overzicht',
  '',
  'Gebruik alleen casusnummers (zoals CG-REN-2026-0007), nooit namen of andere gegevens van kinderen of ouders.',
].join('\n');

export const SHORT_HELP_TEXT = "Dat commando ken ik niet. Typ 'hulp' voor wat ik kan doen.";

export const UNKNOWN_CARD_ACTION_TEXT = "Deze knop werkt niet (meer). Typ 'hulp' voor wat ik kan doen.";
