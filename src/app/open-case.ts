import { defaultCoordinator } from '../domain/case-team.js';
import { DomainError } from '../domain/domain-error.js';
import type { CaseRecord } from '../domain/records.js';
import type { CaseStage, MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { actorOf, loadTeam } from './case-access.js';
import { recordActivity } from './record-activity.js';

export interface OpenCaseInput {
  by: MemberId;
  municipality: string;
  stage?: CaseStage;
}

/** Forms the case team from the municipality's fixed faces and gives the case a pseudonymous reference. */
export function openCase(ctx: AppContext, input: OpenCaseInput): CaseRecord {
  const actor = actorOf(ctx, input.by);
  const municipality = ctx.roster.findMunicipality(input.municipality);
  if (!municipality) {
    throw new DomainError(
      'UNKNOWN_MUNICIPALITY',
      `Die gemeente staat niet in het rooster. Kies uit: ${ctx.roster.municipalities.join(', ')}.`,
    );
  }
  const now = ctx.clock.now();
  return ctx.store.transaction(() => {
    const codes = ctx.municipalityCodes(municipality);
    const prefix = `${codes.region}-${codes.municipality}-${ctx.calendar.localDate(now).slice(0, 4)}`;
    const ref = `${prefix}-${String(ctx.store.cases.nextSequence(prefix)).padStart(4, '0')}`;
    const base = {
      ref,
      municipality,
      stage: input.stage ?? 'SIGNAL',
      coordinatorId: null,
      measure: null,
      measureStart: null,
      measureEnd: null,
    };
    const id = ctx.store.cases.insert({
      ...base,
      openedAt: now,
      openedBy: actor.id,
      closedAt: null,
      lastActivityAt: now,
    });
    const faces = Object.values(ctx.roster.fixedTeam(municipality) ?? {});
    const joining: Array<{ id: MemberId; reason: string }> = faces.map((f) => ({ id: f, reason: 'vast gezicht' }));
    const isWorker = actor.role === 'professional' || actor.role === 'behavioural_scientist';
    if (isWorker && !faces.includes(actor.id)) joining.push({ id: actor.id, reason: 'opende de casus' });
    for (const j of joining) {
      const m = ctx.roster.member(j.id)!;
      ctx.store.cases.addMembership({
        caseId: id,
        memberId: m.id,
        org: m.org,
        role: m.role,
        joinedAt: now,
        joinedBy: actor.id,
        joinReason: j.reason,
      });
    }
    const record = ctx.store.cases.byId(id)!;
    const coordinatorId = defaultCoordinator(loadTeam(ctx, record), false);
    ctx.store.cases.update(id, { coordinatorId });
    ctx.store.audit.append({
      at: now,
      actor: actor.id,
      action: 'case.opened',
      caseId: id,
      reason: null,
      details: { ref, municipality, stage: base.stage, members: joining.map((j) => j.id), coordinatorId },
    });
    const opened = { ...record, coordinatorId };
    recordActivity(ctx, opened, actor.id, now);
    return ctx.store.cases.byId(id)!;
  });
}
