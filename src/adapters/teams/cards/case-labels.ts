import type { CaseEvent, EventFields } from '../../../domain/timer-rules.js';
import type { Measure } from '../../../domain/types.js';

// Plain Dutch labels for the case card's forms and states (the domain keeps English codes).

export const EVENT_LABELS: Record<CaseEvent, string> = {
  melding_received: 'Melding ontvangen bij Veilig Thuis',
  safety_assessment_done: 'Veiligheidsbeoordeling afgerond',
  vt_followup_done: 'Onderzoek / Voorwaarden & Vervolg afgerond',
  jbt_decision: 'Besluit van de Jeugdbeschermingstafel',
  report_back_done: 'Teruggemeld bij de Jeugdbeschermingstafel',
  report_back_not_needed: 'Zorgen afgenomen, geen terugmelding nodig',
  rvdk_request_received: 'Verzoek tot onderzoek ontvangen door de Raad',
  rvdk_investigation_started: 'Raadsonderzoek gestart',
  rvdk_investigation_done: 'Raadsonderzoek afgerond',
  measure_pronounced: 'Maatregel uitgesproken door de rechter',
  jeugdbeschermer_assigned: 'Jeugdbeschermer toegewezen',
  plan_of_approach_done: 'Plan van aanpak klaar',
  ots_evaluation_done: 'Evaluatie van de OTS gedaan',
  measure_extended: 'Maatregel verlengd',
  measure_ended: 'Maatregel beëindigd',
  jeugdhulp_needed: 'Jeugdhulp nodig (nog niet gestart)',
  jeugdhulp_started: 'Jeugdhulp gestart',
  jeugdhulp_ended: 'Jeugdhulp beëindigd',
  crisis_event: 'Crisisinzet',
  consult_requested: 'Consultatie gevraagd',
  consult_given: 'Consultatie gegeven',
  preventive_jb_requested: 'Preventieve jeugdbescherming aangevraagd',
  preventive_jb_approved: 'Preventieve jeugdbescherming goedgekeurd door het Lokaal Team',
  preventive_jb_consent: 'Gezin stemt in met preventieve jeugdbescherming',
  preventive_jb_started: 'Preventieve jeugdbescherming gestart',
  jeugdhulp_proposed: 'Jeugdhulp voorgedragen bij de gemeente',
  jeugdhulp_decided: 'Besluit van de gemeente over de voorgedragen jeugdhulp',
  bridging_agreed: 'Overbruggingszorg afgesproken',
  ret_engaged: 'Regionaal Expertteam ingeschakeld',
  decision_done: 'Escalatiebesluit uitgevoerd',
  activity: 'Andere activiteit (overleg, contact)',
};

export const MEASURE_LABELS: Record<Measure, string> = {
  OTS: 'Ondertoezichtstelling (OTS)',
  VOORLOPIGE_OTS: 'Voorlopige OTS',
  MUHP: 'Machtiging uithuisplaatsing',
  VOOGDIJ: 'Voogdij',
};

export const OUTCOME_LABELS: Record<NonNullable<EventFields['outcome']>, string> = {
  voluntary: 'Vrijwillig verder',
  report_back: 'Vrijwillig verder met terugmelden',
  investigation: 'Raadsonderzoek',
  approved: 'Akkoord',
  declined: 'Afgewezen',
};

export const HANDOVER_STATE_LABELS = { open: 'loopt', accepted: 'afgerond', cancelled: 'vervallen' } as const;

export const ESCALATION_STATE_LABELS = { open: 'open', resolved: 'besloten', withdrawn: 'ingetrokken' } as const;

export const TIMER_STEP_LABELS = {
  remind: 'herinnering',
  checkin: 'terugmeldmoment',
  overdue: 'te laat',
  escalate: 'escalatie',
} as const;
