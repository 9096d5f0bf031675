import type { FailureKind, Unreachable } from '../../../app/reachability.js';

// Why the bot cannot reach someone, in plain Dutch: the `bereikbaarheid` card and the acute cards use these words.

const FAILURE_TEXT: Record<FailureKind, string> = {
  not_installed: 'Teams liet geen chat starten; de app is niet voor deze persoon geïnstalleerd, of geblokkeerd',
  refused: 'de persoon heeft de teammodel-bot geblokkeerd of verwijderd',
  unknown_chat: 'Teams kent de chat met de bot niet meer',
  gave_up: 'Teams gaf steeds een fout, ook na een aantal pogingen',
  no_account: 'er is geen Teams-account bekend om een chat mee te starten',
  other: 'Teams weigerde het bericht',
};

/**
 * "de app is nog niet voor deze persoon geïnstalleerd …", or for a failed message "het bericht van 2 juni 2026 kwam niet
 * aan: …" (`since`: the date that message was written, in words).
 */
export function unreachableText(why: Unreachable, since?: string): string {
  switch (why.why) {
    case 'no_account':
      return 'nog nooit gezien: het rooster noemt geen Teams-account en de persoon heeft de bot nog niet gesproken';
    case 'no_chat':
      return 'de app is nog niet voor deze persoon geïnstalleerd, of de persoon heeft de bot nog nooit een bericht gestuurd';
    case 'failed':
      return `${since ? `het bericht van ${since}` : 'het laatste bericht'} kwam niet aan: ${FAILURE_TEXT[why.failure]}`;
  }
}
