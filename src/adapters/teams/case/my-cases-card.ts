import type { CaseRecord } from '../../../domain/records.js';
import {
  adaptiveCard,
  execute,
  heading,
  STAGE_LABELS,
  subtle,
  text,
  type AdaptiveCard,
  type CardElement,
} from '../cards/card-kit.js';

// "mijn casussen": the open cases the person sits on and, for a team lead, the cases of the people they lead.

export interface MyCasesCardModel {
  own: CaseRecord[];
  asLead: CaseRecord[];
}

/** A card stays readable and under Teams' size limit (28 KB) with this many rows per section. */
export const MAX_ROWS = 40;

function row(c: CaseRecord): CardElement {
  return {
    type: 'ColumnSet',
    spacing: 'Small',
    columns: [
      {
        type: 'Column',
        width: 'stretch',
        verticalContentAlignment: 'Center',
        items: [text(`${c.ref}: ${c.municipality}, ${STAGE_LABELS[c.stage]}`)],
      },
      {
        type: 'Column',
        width: 'auto',
        items: [{ type: 'ActionSet', actions: [execute('Bekijken', 'case.show', { caseRef: c.ref })] }],
      },
    ],
  };
}

function section(title: string, cases: CaseRecord[], empty: string): CardElement[] {
  const shown = cases.slice(0, MAX_ROWS);
  return [
    text(title, { weight: 'Bolder', spacing: 'Medium' }),
    ...(shown.length > 0 ? shown.map(row) : [subtle(empty)]),
    ...(cases.length > shown.length
      ? [subtle(`En nog ${cases.length - shown.length} casussen; vraag er een op met 'casus' en het casusnummer.`)]
      : []),
  ];
}

export function buildMyCasesCard(model: MyCasesCardModel): AdaptiveCard {
  return adaptiveCard([
    heading('Mijn casussen'),
    ...section('Casussen waarin je zit', model.own, 'Je zit in geen lopende casussen.'),
    ...(model.asLead.length > 0 ? section('Casussen van mensen die je leidt', model.asLead, '') : []),
  ]);
}
