import { adaptiveCard, execute, heading, input, text, type AdaptiveCard } from '../cards/card-kit.js';

/** The confirmation step before closing a case: closing cannot be undone, so it asks once more, with a reason. */
export function buildCloseCaseCard(caseRef: string): AdaptiveCard {
  return adaptiveCard(
    [
      heading(`Casus ${caseRef} sluiten?`),
      text(
        'Sluiten stopt alle termijnen, trekt open escalaties in en stopt lopende overdrachten. Dit kan niet ongedaan worden gemaakt.',
      ),
      input.text('closeReason', 'Reden', {
        required: true,
        maxLength: 500,
        placeholder: 'Waarom? Alleen over het werk, nooit over het gezin.',
      }),
    ],
    [
      execute('Ja, casus sluiten', 'case.closeConfirm', { caseRef }, 'destructive'),
      execute('Annuleren', 'case.show', { caseRef }),
    ],
  );
}
