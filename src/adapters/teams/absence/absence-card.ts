import type { AbsenceView } from '../../../app/queries/get-absence-view.js';
import type { AbsenceRecorded } from '../../../app/set-absence.js';
import type { Member } from '../../../domain/types.js';
import {
  adaptiveCard,
  dutchDate,
  execute,
  heading,
  input,
  subtle,
  text,
  type AdaptiveCard,
  type CardElement,
} from '../cards/card-kit.js';

// "afwezig": record an absence with two date pickers (a date is never typed as free text), see who stands in, and the
// absences already recorded. Pure: everything comes in the view. No reason is asked: why someone is away is not the
// bot's business (and could be about their health).

export const ABSENCE_FORM_VERB = 'absence.form';
export const ABSENCE_SET_VERB = 'absence.set';

const personWithOrg = (m: Member) => `${m.name} (${m.orgName})`;

/** "di 15 sep 2026 t/m vr 18 sep 2026", or one day: "di 15 sep 2026". */
export function absencePeriod(from: string, until: string): string {
  return from === until ? dutchDate(from) : `${dutchDate(from)} t/m ${dutchDate(until)}`;
}

function absenceLines(absences: AbsenceView['absences'], today: string): string {
  return absences.map((a) => `- ${absencePeriod(a.from, a.until)}${a.from <= today ? ' (nu)' : ''}`).join('\n');
}

function deputyBlock(deputy: Member | null): CardElement[] {
  if (deputy)
    return [
      text(`Je vervanger: ${personWithOrg(deputy)}`, { weight: 'Bolder' }),
      subtle(
        'Op de dagen dat je afwezig bent, krijgt je vervanger je berichten ook en kan die je casussen openen en erop handelen. Is je vervanger zelf ook afwezig, dan worden je berichten die dag niet doorgegeven.',
      ),
    ];
  return [
    text('Je hebt geen vervanger in het rooster.', { weight: 'Bolder' }),
    subtle(
      'Je berichten worden tijdens je afwezigheid dan niet aan iemand anders doorgegeven; ze wachten op je. Wie je vervanger is, staat in het rooster van vaste gezichten: vraag je teamleider ernaar.',
    ),
  ];
}

/** The people a team lead may record for; themselves first (the default). */
function forWhomChoices(view: AbsenceView): Array<[string, string]> {
  const title = (m: Member, deputy: Member | null) =>
    `${m.name} (${m.orgName}), ${deputy ? `vervanger ${deputy.name}` : 'geen vervanger'}`;
  return [
    [view.viewer.id, `Ikzelf: ${title(view.viewer, view.deputy)}`],
    ...view.led.map((l): [string, string] => [l.member.id, title(l.member, l.deputy)]),
  ];
}

export function absenceFormCard(view: AbsenceView, notice?: string): AdaptiveCard {
  const body: CardElement[] = [
    ...(notice ? [text(notice, { color: 'Attention' })] : []),
    heading('Afwezigheid doorgeven'),
    ...deputyBlock(view.deputy),
    text('Je afwezigheid', { weight: 'Bolder', spacing: 'Medium', separator: true }),
    view.absences.length > 0
      ? text(absenceLines(view.absences, view.today), { spacing: 'Small' })
      : subtle('Er staat nu en later geen afwezigheid van je in.'),
    text('Nieuwe afwezigheid', { weight: 'Bolder', spacing: 'Medium', separator: true }),
    input.date('absenceFrom', 'Eerste dag'),
    { ...input.date('absenceUntil', 'Laatste dag (telt mee)'), min: view.today },
    ...(view.led.length > 0
      ? [
          {
            ...input.choice(
              'absenceMember',
              'Voor wie? Als leidinggevende kun je het ook voor je mensen doorgeven.',
              forWhomChoices(view),
              {
                required: false,
                value: view.viewer.id,
              },
            ),
            style: 'filtered',
          },
        ]
      : []),
    subtle('Alleen de datums; een reden hoort hier niet.'),
  ];
  return adaptiveCard(body, [execute('Afwezigheid vastleggen', ABSENCE_SET_VERB, {}, 'positive')]);
}

/** The sentence that confirms a recorded absence: "Afwezig van …; Saskia Dekker neemt je berichten waar." */
export function absenceRecordedText(r: AbsenceRecorded, self: boolean): string[] {
  const period = r.from === r.until ? `op ${dutchDate(r.from)}` : `van ${absencePeriod(r.from, r.until)}`;
  const whose = self ? 'je berichten' : 'de berichten';
  const lines: string[] = [];
  const who = self ? 'Afwezig' : `${r.member.name} is afwezig`;
  if (r.deputy) lines.push(`${who} ${period}; ${r.deputy.name} neemt ${whose} waar.`);
  else
    lines.push(
      `${who} ${period}.`,
      `${self ? 'Je hebt' : `${r.member.name} heeft`} geen vervanger in het rooster: ${whose} worden in die tijd niet doorgegeven.`,
    );
  if (r.deputy && r.deputyAwaySomeDay)
    lines.push(
      `Let op: ${r.deputy.name} is zelf ook afwezig op een of meer van die dagen; op die dagen worden ${whose} niet doorgegeven.`,
    );
  return lines;
}

export function absenceRecordedCard(r: AbsenceRecorded, self: boolean, today: string): AdaptiveCard {
  const [first, ...rest] = absenceRecordedText(r, self);
  return adaptiveCard(
    [
      heading('Afwezigheid vastgelegd'),
      text(first!, { color: 'Good', weight: 'Bolder' }),
      ...rest.map((line) => text(line, { color: 'Attention' })),
      text(self ? 'Je afwezigheid' : `Afwezigheid van ${r.member.name}`, {
        weight: 'Bolder',
        spacing: 'Medium',
        separator: true,
      }),
      text(absenceLines(r.absences, today), { spacing: 'Small' }),
    ],
    [execute('Nog een afwezigheid doorgeven', ABSENCE_FORM_VERB, {})],
  );
}
