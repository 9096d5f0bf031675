import type { CaseStage, HandoverMoment, OrgType } from './types.js';

// The stage changes at which a handover moment falls (docs/behaviour.md, Stages): the case moves from one organisation to another.
// (H5 opens with `measure_pronounced`; H6/H8 with a replacement; H1 and H9 are opened by hand.)

export interface StageHandover {
  moment: HandoverMoment;
  /** The sending organisation; 'coordinator' = whoever holds the case's regie (LT, VT or GI request a JBT). */
  from: OrgType | 'coordinator';
  to: OrgType;
}

const VT_STAGES: ReadonlySet<CaseStage> = new Set(['SIGNAL', 'VT_SAFETY_ASSESSMENT', 'VT_FOLLOWUP']);
const JBT_STAGES: ReadonlySet<CaseStage> = new Set(['JBT_REQUESTED', 'JBT_HELD']);

export function handoverForStageChange(from: CaseStage, to: CaseStage): StageHandover | undefined {
  if (from === to) return undefined;
  if (to === 'LT_VOLUNTARY' && VT_STAGES.has(from)) return { moment: 'H2', from: 'VT', to: 'LT' };
  if (to === 'JBT_REQUESTED') return { moment: 'H3', from: 'coordinator', to: 'JBT' };
  if (to === 'RVDK_INVESTIGATION' && JBT_STAGES.has(from)) return { moment: 'H4', from: 'JBT', to: 'RVDK' };
  if (to === 'AFSCHALEN') return { moment: 'H7', from: 'GI', to: 'LT' };
  return undefined;
}
