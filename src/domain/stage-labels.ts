import type { CaseStage } from './types.js';

/** Dutch names of the stages (docs/behaviour.md, Stages), for cards and the case history export. */
export const STAGE_LABELS: Record<CaseStage, string> = {
  SIGNAL: 'Signaal / melding',
  VT_SAFETY_ASSESSMENT: 'Veiligheidsbeoordeling VT',
  VT_FOLLOWUP: 'Onderzoek / Voorwaarden & Vervolg VT',
  LT_VOLUNTARY: 'Vrijwillig kader (Lokaal Team)',
  JBT_REQUESTED: 'Verzoek Jeugdbeschermingstafel',
  JBT_HELD: 'Jeugdbeschermingstafel gehouden',
  RVDK_INVESTIGATION: 'Raadsonderzoek',
  COURT: 'Rechter / maatregel',
  GI_ASSIGNMENT: 'Toewijzing jeugdbeschermer',
  GI_EXECUTION: 'Uitvoering maatregel (GI)',
  AFSCHALEN: 'Afschalen naar Lokaal Team',
  CLOSED: 'Gesloten',
};
