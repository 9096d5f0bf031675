import { MessageFactory, type Activity } from 'botbuilder';
import { z } from 'zod';
import type { AppContext } from '../../../app/app-context.js';
import { viewCaseOnRecord } from '../../../app/queries/get-case-view.js';
import { DomainError } from '../../../domain/domain-error.js';
import { HANDOVER_MOMENTS, type Member } from '../../../domain/types.js';
import { caseRefField, defineCardAction } from '../card-action.js';
import { CASE_REF, type ChatCommand } from '../chat-command.js';
import { cardAttachment, type AdaptiveCard } from '../cards/card-kit.js';
import { handoverStartCard } from './handover-start-card.js';

/** The form to start a warm handover on a case the person may see, plus the case's open checklists. */
export function handoverFormFor(ctx: AppContext, actor: Member, caseRef: string): AdaptiveCard {
  const view = viewCaseOnRecord(ctx, actor.id, caseRef);
  if (view.record.closedAt !== null) throw new DomainError('CASE_CLOSED', 'Deze casus is gesloten.');
  const name = (id: string) => ctx.roster.member(id)?.name ?? id;
  return handoverStartCard({
    caseRef: view.record.ref,
    moments: HANDOVER_MOMENTS.map((m) => [m, `${m} ${ctx.handoverTemplates.momentLabel(m)}`]),
    members: view.team.map((m) => [m.id, `${m.name} (${m.orgName})`]),
    defaultFrom: view.isMember ? actor.id : undefined,
    open: view.handovers
      .filter((h) => h.record.state === 'open')
      .map((h) => ({
        handoverId: h.record.id,
        label: `${h.record.moment}: ${name(h.record.fromMember)} → ${name(h.record.toMember)}`,
      })),
  });
}

/** `overdracht <ref>` / `handover <ref>`. */
export const handoverCommand: ChatCommand = {
  pattern: /^(?:overdracht|handover)(?:\s+(.*))?$/i,
  usage: 'Gebruik: overdracht <casusnummer>, bijvoorbeeld: overdracht CG-ARN-2026-0001',
  argument: z.string().regex(CASE_REF),
  async run(context, { actor, argument }, { ctx }) {
    await context.sendActivity(
      MessageFactory.attachment(cardAttachment(handoverFormFor(ctx, actor, argument))) as Partial<Activity>,
    );
  },
};

/** `handover.form` { caseRef }: the same form from a button (e.g. on the case card). */
export const handoverFormAction = defineCardAction(
  'handover.form',
  z.object({ caseRef: caseRefField }),
  async (_context, { actor, data }, { ctx }) => handoverFormFor(ctx, actor, data.caseRef),
);
