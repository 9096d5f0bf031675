// The shared vocabulary of the field (docs/behaviour.md). Pure types and constant lists only.

export const ORG_TYPES = ['LT', 'VT', 'GI', 'RVDK', 'JBT', 'RET', 'OTHER'] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const ROLES = [
  'professional',
  'behavioural_scientist',
  'team_lead',
  'manager',
  'director',
  'pilot_coordinator',
] as const;
export type Role = (typeof ROLES)[number];

export const CASE_STAGES = [
  'SIGNAL',
  'VT_SAFETY_ASSESSMENT',
  'VT_FOLLOWUP',
  'LT_VOLUNTARY',
  'JBT_REQUESTED',
  'JBT_HELD',
  'RVDK_INVESTIGATION',
  'COURT',
  'GI_ASSIGNMENT',
  'GI_EXECUTION',
  'AFSCHALEN',
  'CLOSED',
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

export const TIMER_IDS = [
  'T1',
  'T2',
  'T3',
  'T4',
  'T5',
  'T6',
  'T7',
  'T8',
  'T9',
  'T10',
  'T11',
  'T12',
  'T13',
  'T15',
  'T16',
  'DECISION',
] as const;
export type TimerId = (typeof TIMER_IDS)[number];

/** `checkin` is T3's only step: terugmelden is an option, not a deadline (docs/behaviour.md, Timers). */
export const TIMER_STEPS = ['remind', 'checkin', 'overdue', 'escalate'] as const;
export type TimerStep = (typeof TIMER_STEPS)[number];

export const MEASURES = ['OTS', 'VOORLOPIGE_OTS', 'MUHP', 'VOOGDIJ'] as const;
export type Measure = (typeof MEASURES)[number];

export const ESCALATION_TRIGGERS = ['PROFESSIONAL_DILEMMA', 'AGREEMENTS_NOT_FOLLOWED', 'NEGLIGENT_CONDUCT'] as const;
export type EscalationTrigger = (typeof ESCALATION_TRIGGERS)[number];

export const ESCALATION_LEVELS = ['L0', 'L1', 'L2', 'L3'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export const HANDOVER_MOMENTS = ['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'H7', 'H8', 'H9'] as const;
export type HandoverMoment = (typeof HANDOVER_MOMENTS)[number];

export type MemberId = string;

export interface Member {
  id: MemberId;
  name: string;
  org: OrgType;
  orgName: string;
  role: Role;
  lead?: MemberId;
  aadObjectId?: string;
  /** With `upn`, how a Teams user without a known object id is recognised (docs/tenants.md). */
  email?: string;
  /** The user principal name, when it differs from the e-mail address (compared case-insensitively). */
  upn?: string;
  /** Pilot coordinators: the municipalities of their pilot (need-to-know, docs/behaviour.md, Access). */
  municipalities?: readonly string[];
  /** RET members: the region codes they serve. */
  regions?: readonly string[];
  /** Who stands in while this member is away. */
  deputy?: MemberId;
}

export const ORG_LABELS: Record<OrgType, string> = {
  LT: 'Lokaal Team',
  VT: 'Veilig Thuis',
  GI: 'Gecertificeerde Instelling',
  RVDK: 'Raad voor de Kinderbescherming',
  JBT: 'Jeugdbeschermingstafel',
  RET: 'Regionaal Expertteam',
  OTHER: 'Overig',
};

export const ROLE_LABELS: Record<Role, string> = {
  professional: 'uitvoerend professional',
  behavioural_scientist: 'gedragswetenschapper',
  team_lead: 'teamleider',
  manager: 'manager',
  director: 'bestuurder',
  pilot_coordinator: 'pilotcoördinator',
};
