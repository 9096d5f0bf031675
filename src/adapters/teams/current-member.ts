import type { TurnContext } from 'botbuilder';
import type { Roster } from '../../domain/roster.js';
import { DomainError } from '../../domain/domain-error.js';
import type { Member } from '../../domain/types.js';
import { NOT_IN_ROSTER_TEXT } from './bot-texts.js';
import { identifyMember } from './identify-member.js';

/** The roster member behind this turn. The base routes' gate already refuses strangers; this keeps handlers honest. */
export function currentMember(context: TurnContext, roster: Roster): Member {
  const member = identifyMember(context.activity, roster);
  if (!member) throw new DomainError('NOT_IN_ROSTER', NOT_IN_ROSTER_TEXT);
  return member;
}
