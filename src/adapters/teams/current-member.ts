import type { TurnContext } from 'botbuilder';
import type { Roster } from '../../domain/roster.js';
import { DomainError } from '../../domain/domain-error.js';
import type { Member, MemberId } from '../../domain/types.js';
import { NOT_IN_ROSTER_TEXT } from './bot-texts.js';
import { identifyMember } from './identify-member.js';

const MEMBER_OF_TURN = Symbol('teammodel.memberOfTurn');

/** The base routes' gate records whom it let through (by roster object id or by binding), for the handlers. */
export function rememberMember(context: TurnContext, member: Member): void {
  context.turnState.set(MEMBER_OF_TURN, member.id);
}

/**
 * The roster member behind this turn, if any: the one the gate recognised (by object id or by a binding made on first
 * contact; looked up again, so a roster reloaded meanwhile counts), or else by object id.
 */
export function memberOfTurn(context: TurnContext, roster: Roster): Member | undefined {
  const id = context.turnState.get(MEMBER_OF_TURN) as MemberId | undefined;
  return id !== undefined ? roster.member(id) : identifyMember(context.activity, roster);
}

/** The roster member behind this turn. The base routes' gate already refuses strangers; this keeps handlers honest. */
export function currentMember(context: TurnContext, roster: Roster): Member {
  const member = memberOfTurn(context, roster);
  if (!member) throw new DomainError('NOT_IN_ROSTER', NOT_IN_ROSTER_TEXT);
  return member;
}
