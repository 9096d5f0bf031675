// What each audit entry's action means, in Dutch, as the rest of a sentence whose subject is the person (or the bot)
// who did it: "Pien Meijer bekeek de casus". The inzage export writes every row of the audit log this way and adds the
// details it knows (whom, which term, which escalation); this table is the wording and the fallback. Every action the
// code appends has a label here: test/app/export.test.ts greps src/ for the action literals (and for the looks named
// in app/record-view.ts) and fails on one without a label.

export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'case.opened': 'opende de casus',
  'case.viewed': 'bekeek de casus',
  'handover.viewed': 'bekeek de checklist van een warme overdracht',
  'overview.viewed': 'bekeek het overzicht van de pilot',
  'learning.viewed': 'bekeek de leeragenda',
  'digest.viewed': 'bekeek het dagoverzicht van vandaag',
  'kpi.viewed': 'bekeek de kengetallen',
  'reachability.viewed': 'bekeek wie de bot nog niet kan bereiken',
  'access.refused': 'probeerde iets te zien of te doen waarvoor geen toegang was',
  'personal-data.refused': 'typte een tekst met persoonsgegevens, die de bot weigerde en niet bewaarde',
  'case.exported': 'vroeg een inzage-overzicht van de casus op',
  'case.closed': 'sloot de casus',
  'case.stage': 'wijzigde de fase van de casus',
  'case.coordinator': 'wees een nieuwe casusregisseur aan',
  'case.purged': 'verwijderde de casus na afloop van de bewaartermijn',
  'member.added': 'voegde iemand toe aan het casusteam',
  'member.removed': 'haalde iemand uit het casusteam',
  'member.replaced': 'verving iemand in het casusteam door een opvolger',
  'member.absence': 'legde een afwezigheid vast',
  'member.digest': 'zette het dagelijkse overzicht aan of uit',
  'member.bound': 'koppelde een Teams-account aan het rooster',
  'member.unbound': 'maakte de koppeling van een Teams-account met het rooster los',
  'member.app_installed': 'installeerde de Teams-app voor iemand uit het rooster',
  'roster.reloaded': 'laadde het rooster opnieuw',
  'event.recorded': 'legde een gebeurtenis vast',
  'handover.opened': 'opende een warme overdracht',
  'handover.item_checked': 'vinkte een punt van de overdrachtslijst af',
  'handover.accepted': 'accepteerde een warme overdracht',
  'handover.receiver_changed': 'gaf een warme overdracht een nieuwe ontvanger',
  'timer.acknowledged': 'bevestigde een termijn te hebben gezien',
  'timer.postponed': 'stelde een termijn uit',
  'escalation.raised': 'startte een escalatie',
  'escalation.joined': 'voegde een verstreken termijn toe aan een lopende escalatie',
  'escalation.level': 'schaalde een escalatie op',
  'escalation.reminded': 'herinnerde de deelnemers aan een escalatie',
  'escalation.resolved': 'legde het besluit over een escalatie vast',
  'escalation.withdrawn': 'trok een escalatie in',
  'escalation.meeting_planned': 'plande een overleg over een escalatie',
  'escalation.expert_team': 'schakelde het Regionaal Expertteam in bij een escalatie',
  'escalation.reflection': 'schreef een reflectie bij een escalatie',
  'acute.reported': 'meldde een acuut onveilige situatie',
  'acute.picked_up': 'pakte een melding van acute onveiligheid op',
  'acute.followup_answered': 'beantwoordde de vraag of er na een acute melding samen is besloten',
};

/** The Dutch words for an audit action; an action without a label reads as a neutral phrase, never as its code. */
export function auditActionLabel(action: string): string {
  return Object.hasOwn(AUDIT_ACTION_LABELS, action) ? AUDIT_ACTION_LABELS[action]! : 'legde iets vast in de casus';
}
