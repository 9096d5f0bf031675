import { MessageFactory, type Activity } from 'botbuilder';
import { z } from 'zod';
import { getCaseView } from '../../../app/queries/get-case-view.js';
import { DomainError } from '../../../domain/domain-error.js';
import { HANDOVER_MOMENTS } from '../../../domain/types.js';
import { CASE_REF, type ChatCommand } from '../commands/chat-command.js';
import { cardAttachment } from '../cards/card-kit.js';
import { handoverStartCard } from '../cards/handover-start-card.js';

/** `overdracht <ref>` / `handover <ref>`: the form to start a warm handover, plus the case's open checklists. */
export const handoverCommand: ChatCommand = {
  pattern: /^(?:overdracht|handover)(?:\s+(.*))?$/i,
  usage: 'Gebruik: overdracht <casusnummer>, bijvoorbeeld: overdracht CG-ARN-2026-0001',
  argument: z.string().regex(CASE_REF),
  async run(context, { actor, argument }, { ctx }) {
    const view = getCaseView(ctx, actor.id, argument);
    if (view.record.closedAt !== null) throw new DomainError('CASE_CLOSED', 'Deze casus is gesloten.');
    const name = (id: string) => ctx.roster.member(id)?.name ?? id;
    const card = handoverStartCard({
      caseRef: view.record.ref,
      moments: HANDOVER_MOMENTS.map((m) => [m, `${m} ${ctx.handoverTemplates.momentLabel(m)}`]),
      members: view.team.map((m) => [m.id, `${m.name} (${m.orgName})`]),
      defaultFrom: view.isMember ? actor.id : undefined,
      open: view.handovers
        .filter((h) => h.record.state === 'open')
        .map((h) => ({ handoverId: h.record.id, label: `${h.record.moment}: ${name(h.record.fromMember)} → ${name(h.record.toMember)}` })),
    });
    await context.sendActivity(MessageFactory.attachment(cardAttachment(card)) as Partial<Activity>);
  },
};
