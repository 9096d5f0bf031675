import { coordinatorAtOpen } from '../domain/case-team.js';
import { CaseRef } from '../domain/case-ref.js';
import { DomainError } from '../domain/domain-error.js';
import type { CaseRecord } from '../domain/records.js';
import type { CaseStage, Member, MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { actorOf, coordinatesMunicipality, loadTeam } from './case-access.js';
import { addToTeam } from './join-case.js';
import { notifyTeam } from './notify-team.js';
import { restartSilence } from './record-activity.js';

export interface OpenCaseInput {
  by: MemberId;
  municipality: string;
  stage?: CaseStage;
}

const WORKERS: ReadonlySet<string> = new Set(['professional', 'behavioural_scientist']);

/** Any professional may open a case; so may a lead of one of the municipality's fixed faces, or its pilot coordinator. */
function mayOpen(ctx: AppContext, actor: Member, municipality: string): boolean {
  if (WORKERS.has(actor.role)) return true;
  if (coordinatesMunicipality(actor, municipality)) return true;
  const faces = Object.values(ctx.roster.fixedTeam(municipality) ?? {});
  return faces.some((f) => ctx.roster.leadOf(f)?.id === actor.id);
}

/**
 * Forms the case team from the municipality's fixed faces and gives the case a pseudonymous reference. A professional
 * who opens it joins its team; a lead or coordinator does not. The table's secretary joins only when the case opens at
 * a JBT stage. Every member hears they are on the team (docs/behaviour.md, "Who is told what").
 */
export function openCase(ctx: AppContext, input: OpenCaseInput): CaseRecord {
  const actor = actorOf(ctx, input.by);
  const municipality = ctx.roster.findMunicipality(input.municipality);
  if (!municipality) {
    throw new DomainError(
      'UNKNOWN_MUNICIPALITY',
      `Die gemeente staat niet in het rooster. Kies uit: ${ctx.roster.municipalities.join(', ')}.`,
    );
  }
  if (!mayOpen(ctx, actor, municipality)) {
    throw new DomainError(
      'NOT_ALLOWED',
      'Een casus openen kan een professional, een teamleider van een vast gezicht van de gemeente of de pilotcoördinator.',
    );
  }
  const stage = input.stage ?? 'SIGNAL';
  const now = ctx.clock.now();
  return ctx.store.transaction(() => {
    const codes = ctx.municipalityCodes(municipality);
    const parts = {
      region: codes.region,
      municipality: codes.municipality,
      year: Number(ctx.calendar.localDate(now).slice(0, 4)),
    };
    // A number a reference already holds is passed over: one from before the numbers were random (those were
    // sequential, 0001 upwards, and the random ones start at 1000), or one seeded by hand.
    let ref: string;
    do ref = CaseRef.format({ ...parts, number: ctx.store.cases.nextNumber(CaseRef.prefix(parts)) });
    while (ctx.store.cases.versionOf(ref));
    const id = ctx.store.cases.insert({
      ref,
      municipality,
      stage,
      coordinatorId: null,
      measure: null,
      measureStart: null,
      measureEnd: null,
      openedAt: now,
      openedBy: actor.id,
      closedAt: null,
      lastActivityAt: now,
    });
    const atTable = stage === 'JBT_REQUESTED' || stage === 'JBT_HELD';
    const faces = Object.entries(ctx.roster.fixedTeam(municipality) ?? {})
      .filter(([org]) => org !== 'JBT' || atTable)
      .map(([, memberId]) => memberId);
    const joining: Array<{ id: MemberId; reason: string }> = faces.map((f) => ({ id: f, reason: 'vast gezicht' }));
    if (WORKERS.has(actor.role) && !faces.includes(actor.id)) joining.push({ id: actor.id, reason: 'opende de casus' });
    for (const j of joining) addToTeam(ctx, id, ctx.roster.member(j.id)!, { by: actor.id, at: now, reason: j.reason });
    const record = ctx.store.cases.byId(id)!;
    const coordinatorId = coordinatorAtOpen(loadTeam(ctx, record), ctx.roster, actor.id);
    ctx.store.cases.update(id, { coordinatorId });
    ctx.store.audit.append({
      at: now,
      actor: actor.id,
      action: 'case.opened',
      caseId: id,
      reason: null,
      details: { ref, municipality, stage, members: joining.map((j) => j.id), coordinatorId },
    });
    const opened = ctx.store.cases.byId(id)!;
    notifyTeam(
      ctx,
      opened,
      'member_added',
      joining.map((j) => j.id),
      actor.id,
    );
    restartSilence(ctx, opened, actor.id, now);
    return ctx.store.cases.byId(id)!;
  });
}
