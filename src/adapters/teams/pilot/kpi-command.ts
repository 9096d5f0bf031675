import { MessageFactory } from 'botbuilder';
import { z } from 'zod';
import { DomainError } from '../../../domain/domain-error.js';
import { cardAttachment } from '../cards/card-kit.js';
import type { ChatCommand } from '../chat-command.js';
import { kpiCardFor } from './kpi-cards-for.js';
import { parsePeriodArgument, PERIOD_ARGUMENT } from './period-argument.js';

const USAGE =
  'Gebruik: kpi <gemeente> <van> <tot>, met van en tot als maand of jaar, bijvoorbeeld: kpi Renkum 2026-01 2026-06.';

/** `kpi <gemeente> <van> <tot>`: the GVJB KPIs of one municipality, its JBT requests beside the rest of the region. */
export const kpiCommand: ChatCommand = {
  pattern: /^kpi(?:\s+(.+))?$/i,
  usage: USAGE,
  argument: z.string().regex(PERIOD_ARGUMENT),
  async run(context, { actor, argument }, { ctx }) {
    const { municipality, from, to } = parsePeriodArgument(argument, USAGE);
    if (from === undefined || to === undefined) throw new DomainError('USAGE', USAGE);
    await context.sendActivity(
      MessageFactory.attachment(cardAttachment(kpiCardFor(ctx, actor.id, { municipality, from, to }))),
    );
  },
};
