import { addMember, removeMember, replaceMember } from '../../app/change-membership.js';
import type { AppContext } from '../../app/app-context.js';
import { closeCase } from '../../app/close-case.js';
import { addReflection } from '../../app/escalations/add-reflection.js';
import { recordDecision, withdrawEscalation, type FamilyInformed } from '../../app/escalations/decide-escalation.js';
import type { EscalationPick } from '../../app/escalations/escalation-pick.js';
import { raiseEscalation } from '../../app/escalations/raise-escalation.js';
import { reportAcuteDanger } from '../../app/escalations/report-acute-danger.js';
import { acceptHandover, checkItem, startHandover } from '../../app/handovers/handover-actions.js';
import { openCase } from '../../app/open-case.js';
import { recordEvent } from '../../app/record-event.js';
import { setAbsence } from '../../app/set-absence.js';
import { setStage } from '../../app/set-stage.js';
import { acknowledgeTimer, postponeTimer } from '../../app/timer-actions.js';
import { DomainError } from '../../domain/domain-error.js';
import type { ScenarioStep } from './scenario-schema.js';

const REASON = 'vastgelegd in scenario';

/** Runs one scenario step through the same use cases as the chat commands and cards. */
export function runScenarioStep(ctx: AppContext, step: ScenarioStep, refs: Map<string, string>): string | undefined {
  const by = step.by;
  const ref = (): string => {
    const label = 'case' in step ? step.case : '';
    const r = refs.get(label);
    if (!r) throw new DomainError('UNKNOWN_CASE', `case "${label}" has not been opened`);
    return r;
  };
  switch (step.do) {
    case 'open_case': {
      if (refs.has(step.case)) throw new DomainError('CASE_EXISTS', `case "${step.case}" is already open`);
      const c = openCase(ctx, { by, municipality: step.municipality, stage: step.stage });
      refs.set(step.case, c.ref);
      return c.ref;
    }
    case 'add_member':
      return void addMember(ctx, { by, caseRef: ref(), member: step.member, reason: step.reason ?? REASON });
    case 'remove_member':
      return void removeMember(ctx, { by, caseRef: ref(), member: step.member, reason: step.reason ?? REASON });
    case 'replace_member':
      return void replaceMember(ctx, {
        by,
        caseRef: ref(),
        member: step.member,
        successor: step.with,
        reason: step.reason ?? REASON,
      });
    case 'set_stage':
      return void setStage(ctx, { by, caseRef: ref(), stage: step.stage });
    case 'record_event': {
      const { outcome, reportBackBy, measure, months, member, parentsInformed, informedOn, until, reason, escalation } =
        step;
      const fields = {
        outcome,
        reportBackBy,
        measure,
        months,
        member,
        parentsInformed,
        informedOn,
        until,
        reason,
      };
      return void recordEvent(ctx, {
        by,
        caseRef: ref(),
        event: step.event,
        fields: Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
        ...raised(escalation),
      });
    }
    case 'start_handover':
      return void startHandover(ctx, { by, caseRef: ref(), moment: step.moment, from: step.from, to: step.to });
    case 'check_item':
      return void checkItem(ctx, {
        by,
        caseRef: ref(),
        moment: step.moment,
        item: step.item,
        basis: step.basis,
        note: step.note,
      });
    case 'accept_handover':
      return void acceptHandover(ctx, { by, caseRef: ref(), moment: step.moment });
    case 'raise_escalation':
      return void raiseEscalation(ctx, {
        by,
        caseRef: ref(),
        trigger: step.trigger,
        question: step.question,
        orgs: step.orgs,
      });
    case 'record_decision':
      return void recordDecision(ctx, {
        by,
        caseRef: ref(),
        ...raised(step.escalation),
        decision: step.decision,
        owner: step.owner,
        deadline: step.deadline,
        familyInformed: familyInformedOf(step.familyInformed, step.informedOn),
      });
    case 'withdraw_escalation':
      return void withdrawEscalation(ctx, { by, caseRef: ref(), ...raised(step.escalation), reason: step.reason });
    case 'acknowledge':
      return void acknowledgeTimer(ctx, { by, caseRef: ref(), timer: step.timer });
    case 'postpone':
      return void postponeTimer(ctx, { by, caseRef: ref(), timer: step.timer, until: step.until, reason: step.reason });
    case 'report_acute_danger':
      return void reportAcuteDanger(ctx, { by, caseRef: ref() });
    case 'close_case':
      return void closeCase(ctx, { by, caseRef: ref(), reason: step.reason });
    case 'set_absence':
      return void setAbsence(ctx, { by, member: step.member, from: step.from, until: step.until });
    case 'reflect':
      return void addReflection(ctx, {
        by,
        caseRef: ref(),
        ...raised(step.escalation),
        reflection: step.reflection,
      });
  }
}

/** A step's `escalation`: the case's n-th escalation in order of raising (1 = its first), hidden ones included. */
function raised(n: number | undefined): { escalation?: EscalationPick } {
  return n === undefined ? {} : { escalation: { raised: n } };
}

/** `"familyInformed": "yes"` (or true) with `"informedOn"`, or `"no"` (or false); absent: not recorded. */
function familyInformedOf(
  value: 'yes' | 'no' | boolean | undefined,
  on: string | undefined,
): FamilyInformed | undefined {
  if (value === undefined) return undefined;
  return value === true || value === 'yes' ? { informed: 'yes', on } : { informed: 'no' };
}
