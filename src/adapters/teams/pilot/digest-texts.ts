import type { AppContext } from '../../../app/app-context.js';
import type { DigestPreference } from '../../../app/set-digest-preference.js';

// What "digest aan|uit" means, in plain Dutch: the answers of the digest commands.

export function digestOnMeaning(ctx: AppContext): string {
  return `Je krijgt elke werkdag om ${ctx.norms.officeHours.start} één overzicht; herinneringen komen daarin, verlopen termijnen en escalaties blijven direct komen.`;
}

export const DIGEST_OFF_MEANING =
  'Je krijgt geen dagelijks overzicht; herinneringen, verlopen termijnen en escalaties krijg je elk apart, zodra ze er zijn.';

const SOURCE_TEXT: Record<DigestPreference['source'], string> = {
  member: 'je eigen keuze',
  roster: 'zo ingesteld in het rooster',
  pilot: 'de standaard van de pilot',
};

export function digestChangedText(ctx: AppContext, on: boolean): string {
  return on
    ? `Het dagoverzicht staat aan. ${digestOnMeaning(ctx)} Uitzetten: typ 'digest uit'.`
    : `Het dagoverzicht staat uit. ${DIGEST_OFF_MEANING} Aanzetten: typ 'digest aan'.`;
}

export function digestStatusText(ctx: AppContext, p: DigestPreference): string {
  return p.on
    ? `Je dagoverzicht staat aan (${SOURCE_TEXT[p.source]}). ${digestOnMeaning(ctx)} Uitzetten: typ 'digest uit'.`
    : `Je dagoverzicht staat uit (${SOURCE_TEXT[p.source]}). ${DIGEST_OFF_MEANING} Aanzetten: typ 'digest aan'.`;
}
