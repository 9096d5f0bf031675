import type { CaseEvent } from '../../domain/timer-rules.js';
import type { Member, MemberId } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import { loadCaseToChange, type LoadedCase } from '../case-access.js';
import { eventFieldsOf, type EventFieldSpec } from '../events/event-fields.js';
import { consultRefusal } from '../events/flow-rules.js';
import { recordCaseViewed } from './get-case-view.js';

// What the chat's event forms need: the case (for whoever may change it, while it is open), the event's fields
// (events/event-fields.ts) and, for an event that names a person, the people who fit.

export interface PersonChoice {
  id: MemberId;
  name: string;
  orgName: string;
}

export interface EventFormView {
  caseRef: string;
  /** Without an event: the chooser of events. */
  event: CaseEvent | undefined;
  fields: readonly EventFieldSpec[];
  /** The people the event's `member` field offers (none when it has no such field). */
  people: PersonChoice[];
}

const WORKERS: ReadonlySet<Member['role']> = new Set<Member['role']>(['professional', 'behavioural_scientist']);

/**
 * The professionals and gedragswetenschappers around a case: its current members, then the people of the
 * organisations on the case or among the municipality's fixed faces. A whole regional roster would not fit in a card,
 * and a worker of another municipality's team is rarely the right person.
 */
function colleaguesOf(ctx: AppContext, loaded: LoadedCase): Member[] {
  const current = loaded.team.members
    .map((m) => ctx.roster.member(m.memberId))
    .filter((m): m is Member => m !== undefined);
  const faces = Object.values(ctx.roster.fixedTeam(loaded.record.municipality) ?? {})
    .map((id) => ctx.roster.member(id))
    .filter((m): m is Member => m !== undefined);
  const orgNames = new Set([...current, ...faces].map((m) => m.orgName));
  const onCase = new Set(current.map((m) => m.id));
  const others = ctx.roster.members
    .filter((m) => !onCase.has(m.id) && orgNames.has(m.orgName))
    .sort((a, b) => a.orgName.localeCompare(b.orgName, 'nl') || a.name.localeCompare(b.name, 'nl'));
  return [...current, ...others].filter((m) => WORKERS.has(m.role));
}

function peopleFor(ctx: AppContext, loaded: LoadedCase, actor: Member, event: CaseEvent): Member[] {
  switch (event) {
    case 'jeugdbeschermer_assigned':
      return ctx.roster.jeugdbeschermers();
    case 'consult_requested':
      return colleaguesOf(ctx, loaded).filter((m) => consultRefusal(actor, m) === undefined);
    case 'bridging_agreed':
      return colleaguesOf(ctx, loaded);
    default:
      return [];
  }
}

/** The chooser (no event) or one event's form; opening it shows the case, so it is a view on record. */
export function getEventForm(ctx: AppContext, actorId: MemberId, ref: string, event?: CaseEvent): EventFormView {
  const loaded = loadCaseToChange(ctx, actorId, ref);
  recordCaseViewed(ctx, actorId, loaded.record.id);
  if (event === undefined) return { caseRef: loaded.record.ref, event, fields: [], people: [] };
  return {
    caseRef: loaded.record.ref,
    event,
    fields: eventFieldsOf(event),
    people: peopleFor(ctx, loaded, loaded.actor, event).map((m) => ({ id: m.id, name: m.name, orgName: m.orgName })),
  };
}
