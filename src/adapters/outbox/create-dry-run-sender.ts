import type { Logger, MessageSender } from '../../app/ports.js';

/** DRY_RUN=1: logs what would be sent (kind, recipient id, case reference) and reports it as sent. */
export function createDryRunSender(logger: Logger): MessageSender {
  return {
    async send(m) {
      logger.info(
        { dryRun: true, kind: m.kind, recipient: m.recipientId, caseRef: m.payload.caseRef ?? null },
        'would send',
      );
      return { kind: 'sent' };
    },
  };
}
