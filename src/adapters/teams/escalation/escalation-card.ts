import { escalationName, seriesOf } from '../../../domain/escalation-series.js';
import type { CaseStage, EscalationLevel, EscalationTrigger } from '../../../domain/types.js';
import {
  adaptiveCard,
  dutchDate,
  execute,
  facts,
  heading,
  input,
  LEVEL_LABELS,
  showCard,
  STAGE_LABELS,
  subtle,
  text,
  TRIGGER_LABELS,
  type AdaptiveCard,
  type CardElement,
} from '../cards/card-kit.js';
import { notice, warning } from '../cards/workflow-labels.js';
import { escalationCardData } from './escalation-card-data.js';

// The escalation card (docs/behaviour.md, Escalations): case reference, municipality, stage, trigger, level, how long the case stalled,
// the organisations and the question to decide. No family details. Participants of the level act on it; anyone
// else sees it read-only.

export interface EscalationView {
  caseRef: string;
  municipality: string;
  stage: CaseStage;
  escalation: number;
  level: EscalationLevel;
  trigger: EscalationTrigger;
  question: string;
  orgs: string[];
  workingDaysStalled: number;
  state: 'open' | 'resolved' | 'withdrawn';
  meetingDate: string | null;
  /** `familyInformed` in words: "ja, op 2 juni 2026", "nee" or "niet vastgelegd". */
  decision: { text: string; ownerName: string; deadline: string; familyInformed: string } | null;
  /** The viewer's own reflection: nobody else's is shown on the card (they are read in the learning agenda, unsigned). */
  reflection: string | null;
  /** How many participants added a reflection (a decided escalation). */
  reflections?: number;
  /** The reminder after the level's response time passed. */
  reminder: boolean;
  /** Participant of this level (or pilot coordinator): may plan, decide, escalate. */
  canAct: boolean;
  canWithdraw: boolean;
  /** A participant of the decided escalation who has not added a reflection yet. */
  canReflect: boolean;
  /** The next level, when the viewer may raise to it; `raiseNote` explains when they may not. */
  raiseTo: EscalationLevel | null;
  /** Who joins at `raiseTo` ("Naam (teamleider, Organisatie)"): the confirmation names them before anything is sent. */
  raiseJoiners?: string[];
  raiseNote: string | null;
  ownerChoices: Array<[string, string]>;
  /** From L2, where the case's region has a regional expert team that is not yet taking part. */
  canEngageExpertTeam?: boolean;
  expertTeamIn?: boolean;
  /** An automatic escalation: every term it holds (the one that raised it and those that joined), in Dutch. */
  terms: string[];
  notice?: string;
}

const STATE_TEXT = { open: 'open', resolved: 'besloten', withdrawn: 'ingetrokken' } as const;

/** "Opschalen naar …" asks first, naming who will be told; nothing is sent before "Ja, opschalen". */
function raiseConfirmation(v: EscalationView, to: EscalationLevel, data: Record<string, unknown>): CardElement {
  const joiners = v.raiseJoiners ?? [];
  return showCard(
    `Opschalen naar ${LEVEL_LABELS[to]}`,
    [
      joiners.length > 0
        ? text(
            [`Bij ${LEVEL_LABELS[to]} komen erbij en krijgen deze escalatie:`, ...joiners.map((j) => `- ${j}`)].join(
              '\n',
            ),
          )
        : text(`Bij ${LEVEL_LABELS[to]} komt niemand nieuw bij: het rooster heeft op dat niveau niemand anders.`),
      subtle('Wie nu meedoet, blijft betrokken. Dit kan niet worden teruggedraaid.'),
    ],
    // The level shown goes along: raised meanwhile by someone else, the press answers with the current card.
    execute('Ja, opschalen', 'escalation.raise', { ...data, level: v.level }, 'destructive'),
  );
}

function openActions(v: EscalationView): CardElement[] {
  const data = escalationCardData(v.caseRef, { trigger: v.trigger, seq: v.escalation });
  const acting = v.canAct
    ? [
        showCard(
          'Overleg plannen',
          [input.date('date', 'Datum van het overleg')],
          execute('Plannen', 'escalation.plan', data),
        ),
        showCard(
          'Besluit vastleggen',
          [
            input.text('decision', 'Besluit (zonder namen of andere gegevens van het gezin)', {
              required: true,
              maxLength: 500,
              multiline: true,
            }),
            input.choice('owner', 'Wie voert het besluit uit?', v.ownerChoices),
            input.date('deadline', 'Deadline'),
            input.choice('familyInformed', 'Is het gezin geïnformeerd over het besluit?', [
              ['yes', 'Ja'],
              ['no', 'Nee'],
            ]),
            input.date('familyInformedOn', 'Zo ja: op welke datum?', false),
          ],
          execute('Besluit vastleggen', 'escalation.decide', data, 'positive'),
        ),
        ...(v.canEngageExpertTeam
          ? [
              showCard(
                'Regionaal Expertteam inschakelen',
                [
                  text(
                    'Het Regionaal Expertteam van de regio krijgt deze escalatie en kan de casus inzien zolang de escalatie open is. Inschakelen?',
                  ),
                ],
                execute('Inschakelen', 'escalation.expertTeam', data),
              ),
            ]
          : []),
        ...(v.raiseTo ? [raiseConfirmation(v, v.raiseTo, data)] : []),
      ]
    : [];
  const withdraw = v.canWithdraw
    ? [
        showCard(
          'Intrekken',
          [input.text('reason', 'Reden van intrekken', { required: true, maxLength: 500 })],
          execute('Intrekken', 'escalation.withdraw', data),
        ),
      ]
    : [];
  return [...acting, ...withdraw];
}

/** "Reflectie toevoegen" on a decided escalation, for a participant who has not added one (the same form on the team message). */
export function reflectForm(caseRef: string, e: { trigger: EscalationTrigger; seq: number }): CardElement {
  return showCard(
    'Reflectie toevoegen',
    [
      text('Je reflectie komt zonder je naam in de leeragenda van de gemeente, om samen van te leren.'),
      input.text('reflection', 'Wat leren we hiervan? (geen namen of andere gegevens van het gezin)', {
        required: true,
        maxLength: 1000,
        multiline: true,
      }),
    ],
    execute('Reflectie opslaan', 'escalation.reflect', escalationCardData(caseRef, e), 'positive'),
  );
}

function reflectAction(v: EscalationView): CardElement[] {
  if (!v.canReflect || v.state !== 'resolved' || v.reflection) return [];
  return [reflectForm(v.caseRef, { trigger: v.trigger, seq: v.escalation })];
}

function outcomeLines(v: EscalationView): CardElement[] {
  const lines: CardElement[] = [];
  if (v.meetingDate) lines.push(text(`Overleg gepland op ${dutchDate(v.meetingDate)}.`));
  if (v.decision)
    lines.push(
      text(`Besluit: ${v.decision.text}`),
      text(`Uitvoering: ${v.decision.ownerName}, uiterlijk ${dutchDate(v.decision.deadline)}.`),
      text(`Gezin geïnformeerd: ${v.decision.familyInformed}.`),
    );
  if (v.expertTeamIn) lines.push(text('Het Regionaal Expertteam neemt deel aan deze escalatie.'));
  if (v.state === 'resolved' && (v.reflections ?? 0) > 0)
    lines.push(
      subtle(
        `Reflecties van deelnemers: ${v.reflections}. Ze staan zonder naam in de leeragenda van ${v.municipality} ('leren ${v.municipality}').`,
      ),
    );
  if (v.reflection) lines.push(subtle(`Jouw reflectie (alleen jij ziet hem hier): ${v.reflection}`));
  if (v.state === 'open' && !v.canAct)
    lines.push(subtle('Je bent geen deelnemer van dit niveau: je ziet deze escalatie alleen ter informatie.'));
  if (v.state === 'open' && v.raiseNote) lines.push(subtle(v.raiseNote));
  return lines;
}

function stalledText(days: number): string {
  if (days === 0) return 'vandaag nog activiteit in de casus';
  return `${days} ${days === 1 ? 'werkdag' : 'werkdagen'} geen activiteit in de casus`;
}

export function escalationCard(v: EscalationView): AdaptiveCard {
  const body: CardElement[] = [
    ...(v.notice ? [notice(v.notice)] : []),
    heading(`${escalationName({ trigger: v.trigger, seq: v.escalation })} · casus ${v.caseRef}`),
    ...(v.reminder && v.state === 'open'
      ? [
          warning(
            'De reactietermijn van dit niveau is verstreken. Zonder besluit gaat de escalatie vanzelf een niveau hoger (niet naar L3).',
          ),
        ]
      : []),
    facts([
      ['Gemeente', v.municipality],
      ['Fase', STAGE_LABELS[v.stage]],
      ['Aanleiding', TRIGGER_LABELS[v.trigger]],
      ['Niveau', LEVEL_LABELS[v.level]],
      ['Stilstand', stalledText(v.workingDaysStalled)],
      ['Organisaties', v.orgs.join(', ')],
      ['Stand', v.state === 'resolved' && v.decision === null ? 'afgerond' : STATE_TEXT[v.state]],
    ]),
    ...(seriesOf(v.trigger) === 'confidential'
      ? [
          subtle(
            'Vertrouwelijk: alleen de melder en diens eigen leidinggevenden zien deze escalatie, de andere leden van het casusteam niet.',
          ),
        ]
      : []),
    text('Vraag om te beslissen:', { weight: 'Bolder' }),
    text(v.question),
    ...(v.terms.length > 1
      ? [text('Termijnen in deze escalatie:', { weight: 'Bolder' }), text(v.terms.map((t) => `- ${t}`).join('\n'))]
      : []),
    ...outcomeLines(v),
    subtle(
      `Een bericht van de teammodel-bot (geautomatiseerd). Acute onveiligheid? Typ "acuut ${v.caseRef}": dat wacht niet op deze ladder.`,
    ),
  ];
  return adaptiveCard(body, v.state === 'open' ? openActions(v) : reflectAction(v));
}
