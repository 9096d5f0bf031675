import type { CaseView } from '../../../app/queries/get-case-view.js';
import type { MemberId } from '../../../domain/types.js';
import { adaptiveCard, dutchDate, execute, facts, heading, LEVEL_LABELS, orgLabel, roleLabel, STAGE_LABELS, subtle, text, TRIGGER_LABELS, type AdaptiveCard, type CardElement } from './card-kit.js';
import { ESCALATION_STATE_LABELS, HANDOVER_STATE_LABELS, MEASURE_LABELS } from './case-labels.js';

// The case card: reference, stage, team, open timers, handovers and escalations. Pure: everything comes in the model.
// The bot is not the dossier: no family details exist here, only the pseudonymous reference and work data.

export interface CaseCardModel {
  view: CaseView;
  /** Name of anyone the card mentions (also people who left the case, e.g. the sender of a handover). */
  nameOf: (id: MemberId) => string;
  /** A short line on top after a change ("Gebeurtenis vastgelegd: …"). */
  notice?: string;
}

const section = (title: string): CardElement => text(title, { weight: 'Bolder', spacing: 'Medium', separator: true });

function teamLines(view: CaseView): CardElement[] {
  return view.team.map((m) => text(`${m.name}: ${m.orgName} (${orgLabel(m.org)}), ${roleLabel(m.role)}${m.isCoordinator ? ' · casusregisseur' : ''}`, { spacing: 'Small' }));
}

function timerLines(view: CaseView): CardElement[] {
  if (view.timers.length === 0) return [subtle('Geen lopende termijnen.')];
  const sorted = [...view.timers].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return sorted.map((t) => {
    const owner = t.ownerName ?? 'nog niemand';
    const extra = [t.acknowledged ? 'opgepakt' : '', t.postponeCount > 0 ? 'uitgesteld' : ''].filter(Boolean).join(', ');
    return text(`${t.label}: uiterlijk ${dutchDate(t.dueDate)}, eigenaar ${owner}${extra ? ` (${extra})` : ''}`, { spacing: 'Small' });
  });
}

function handoverLines(model: CaseCardModel): CardElement[] {
  const { handovers } = model.view;
  if (handovers.length === 0) return [subtle('Geen overdrachten.')];
  return handovers.map((h) => {
    const done = h.items.filter((i) => i.tick).length;
    const r = h.record;
    return text(`${r.moment} ${h.momentLabel}: ${model.nameOf(r.fromMember)} → ${model.nameOf(r.toMember)}, ${done}/${h.items.length} afgevinkt, ${HANDOVER_STATE_LABELS[r.state]}`, { spacing: 'Small' });
  });
}

function escalationLines(view: CaseView): CardElement[] {
  if (view.escalations.length === 0) return [subtle('Geen escalaties.')];
  return view.escalations.map((e) => text(`${LEVEL_LABELS[e.level]}, ${TRIGGER_LABELS[e.trigger]}: ${ESCALATION_STATE_LABELS[e.state]}`, { spacing: 'Small' }));
}

function actions(model: CaseCardModel): CardElement[] {
  const { record, isMember, viewer } = model.view;
  const caseRef = record.ref;
  const team = execute('Team', 'team.show', { caseRef });
  if (record.closedAt !== null) return [team];
  const mayClose = isMember || viewer.role === 'pilot_coordinator';
  return [
    team,
    // The forms open on demand (case-card-forms.ts), for members only.
    ...(isMember ? [execute('Gebeurtenis vastleggen', 'case.eventForm', { caseRef }), execute('Fase wijzigen', 'case.stageForm', { caseRef })] : []),
    ...(mayClose ? [execute('Casus sluiten', 'case.close', { caseRef }, 'destructive')] : []),
    execute('Acuut onveilig', 'acute.report', { caseRef }, 'destructive'),
  ];
}

export function buildCaseCard(model: CaseCardModel): AdaptiveCard {
  const { view } = model;
  const r = view.record;
  const coordinator = r.coordinatorId ? model.nameOf(r.coordinatorId) : 'nog niet aangewezen';
  const measure = r.measure ? `${MEASURE_LABELS[r.measure]}${r.measureEnd ? ` tot ${dutchDate(r.measureEnd)}` : ''}` : undefined;
  const body: CardElement[] = [
    ...(model.notice ? [text(model.notice, { color: 'Good', weight: 'Bolder' })] : []),
    heading(`Casus ${r.ref}`),
    facts([
      ['Gemeente', r.municipality],
      ['Fase', STAGE_LABELS[r.stage]],
      ['Casusregisseur', coordinator],
      ...(measure ? ([['Maatregel', measure]] as Array<[string, string]>) : []),
    ]),
    section('Casusteam'),
    ...teamLines(view),
    section('Lopende termijnen'),
    ...timerLines(view),
    section('Overdrachten'),
    ...handoverLines(model),
    section('Escalaties'),
    ...escalationLines(view),
    subtle('Deze kaart toont alleen werkgegevens bij een casusnummer, geen gegevens van het gezin.'),
  ];
  return adaptiveCard(body, actions(model));
}
