import { ESCALATION_TRIGGERS } from '../../../domain/types.js';
import {
  adaptiveCard,
  execute,
  heading,
  input,
  subtle,
  text,
  TRIGGER_LABELS,
  type AdaptiveCard,
} from '../cards/card-kit.js';

// `escaleer <ref>`: the trigger, the question to decide and the organisations involved. A manual escalation starts at
// L0 (casusoverleg); worrying conduct starts at L1 with only your own team lead (docs/behaviour.md, Escalations).

export function escalationStartCard(v: { caseRef: string; orgs: Array<[string, string]> }): AdaptiveCard {
  return adaptiveCard(
    [
      heading(`Escaleren · casus ${v.caseRef}`),
      text(
        'Eerst samen praten; lukt het niet om eruit te komen en zijn er zorgen over de veiligheid, leg het dan hier voor.',
      ),
      input.choice(
        'trigger',
        'Aanleiding',
        ESCALATION_TRIGGERS.map((t) => [t, TRIGGER_LABELS[t]]),
      ),
      input.text('question', 'Vraag om te beslissen (zonder namen of andere gegevens van het gezin)', {
        required: true,
        maxLength: 500,
        multiline: true,
      }),
      {
        ...input.choice('orgs', 'Betrokken organisaties (leeg = allemaal)', v.orgs, { multi: true, required: false }),
        style: 'expanded',
      },
      subtle(
        'Bij "nalatig of zorgwekkend handelen" gaat de escalatie alleen naar je eigen teamleider, niet naar andere organisaties.',
      ),
      subtle(`Acuut onveilig? Typ "acuut ${v.caseRef}": dat wacht niet op deze ladder.`),
    ],
    [execute('Escalatie starten', 'escalation.start', { caseRef: v.caseRef }, 'destructive')],
  );
}
