import { MessageFactory, type Activity } from 'botbuilder';
import { z } from 'zod';
import type { AppContext } from '../../../app/app-context.js';
import { viewCaseOnRecord } from '../../../app/queries/get-case-view.js';
import { DomainError } from '../../../domain/domain-error.js';
import { ORG_LABELS, type Member, type OrgType } from '../../../domain/types.js';
import { caseRefField, defineCardAction } from '../card-action.js';
import { CASE_REF, type ChatCommand } from '../chat-command.js';
import { cardAttachment, type AdaptiveCard } from '../cards/card-kit.js';
import { escalationStartCard } from './escalation-start-card.js';

/**
 * The form to raise an escalation, for whoever may raise one: anyone who may see the open case (README "Who may take
 * steps"; raiseEscalation applies that rule, this form only asks).
 */
export function escalationFormFor(ctx: AppContext, actor: Member, caseRef: string): AdaptiveCard {
  const view = viewCaseOnRecord(ctx, actor.id, caseRef);
  if (view.record.closedAt !== null) throw new DomainError('CASE_CLOSED', 'Deze casus is gesloten.');
  const orgs = [...new Set(view.team.map((m) => m.org))].map((org): [OrgType, string] => [org, ORG_LABELS[org]]);
  return escalationStartCard({ caseRef: view.record.ref, orgs });
}

/** `escaleer <ref>` / `escalate <ref>`. */
export const escalationCommand: ChatCommand = {
  pattern: /^(?:escaleer|escalate)(?:\s+(.*))?$/i,
  usage: 'Gebruik: escaleer <casusnummer>, bijvoorbeeld: escaleer CG-ARN-2026-0001',
  argument: z.string().regex(CASE_REF),
  async run(context, { actor, argument }, { ctx }) {
    await context.sendActivity(
      MessageFactory.attachment(cardAttachment(escalationFormFor(ctx, actor, argument))) as Partial<Activity>,
    );
  },
};

/** `escalation.form` { caseRef }: the same form from a button (e.g. on the case card). */
export const escalationFormAction = defineCardAction(
  'escalation.form',
  z.object({ caseRef: caseRefField }),
  async (_context, { actor, data }, { ctx }) => escalationFormFor(ctx, actor, data.caseRef),
);
