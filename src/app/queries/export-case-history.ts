import { DomainError } from '../../domain/domain-error.js';
import type { MemberId } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import { loadVisibleCase } from '../case-access.js';
import { consultationLines, consultations, flowEventText } from './describe-flow-events.js';
import { describeMember, visibleEscalations } from './get-case-view.js';
import { STAGE_LABELS } from '../../domain/stage-labels.js';

// The family's right of access (AVG art. 15): everything the bot recorded about a case — who recorded what, when and
// why — as a readable document. The flows between organisations read in plain Dutch (describe-flow-events.ts), with a
// summary of the consultations: who thought along, when, and whether the parents know. For current members and pilot coordinators only; the export itself is audit-logged.

const orNone = (lines: string[]): string[] => (lines.length > 0 ? lines : ['- geen']);

export function exportCaseHistory(ctx: AppContext, input: { by: MemberId; caseRef: string }): string {
  const loaded = loadVisibleCase(ctx, input.by, input.caseRef);
  const isMember = loaded.team.members.some((m) => m.memberId === loaded.actor.id);
  if (!isMember && loaded.actor.role !== 'pilot_coordinator') {
    throw new DomainError(
      'EXPORT_NOT_ALLOWED',
      'Een overzicht van alles wat is vastgelegd kunnen alleen leden van het casusteam en pilotcoördinatoren opvragen.',
    );
  }
  const c = loaded.record;
  const now = ctx.clock.now();
  // Worrying-conduct escalations stay with their own participants (docs/behaviour.md, Escalations), also in an export.
  const escalations = visibleEscalations(ctx, c.id, loaded.actor);
  const visible = new Set(escalations.map((e) => e.id));
  const hidden = new Set(
    ctx.store.escalations
      .ofCase(c.id)
      .filter((e) => !visible.has(e.id))
      .map((e) => e.seq),
  );
  const when = (at: number) =>
    `${ctx.calendar.localDate(at)} ${new Date(at).toLocaleTimeString('nl-NL', { timeZone: ctx.calendar.timezone, hour: '2-digit', minute: '2-digit' })}`;
  const who = (id: string) =>
    ctx.roster.member(id)
      ? `${describeMember(ctx, id).name} (${describeMember(ctx, id).orgName})`
      : id === 'teammodel-bot'
        ? 'de bot (automatisch)'
        : id;
  const words = { who, when };
  const events = ctx.store.cases.events(c.id);
  // Each answer to a consultation with the request it answered, so its line can say whose question it was.
  const answered = new Map(
    consultations(events).flatMap(({ request, answer }) => (answer ? [[answer, request] as const] : [])),
  );
  const lines: string[] = [
    `Overzicht van wat de teammodel-bot vastlegde over casus ${c.ref}`,
    `Opgesteld op ${when(now)} op verzoek van ${who(loaded.actor.id)}.`,
    'De bot is geen dossier: hij bewaart alleen deze coördinatiegegevens, geen namen of inhoud over het gezin.',
    '',
    `Gemeente: ${c.municipality} · fase: ${STAGE_LABELS[c.stage]} · geopend ${when(c.openedAt)}${c.closedAt ? ` · gesloten ${when(c.closedAt)}` : ''}`,
    '',
    'Casusteam (wie, wanneer, waarom):',
    ...ctx.store.cases
      .memberships(c.id)
      .map(
        (m) =>
          `- ${who(m.memberId)}: erbij ${when(m.joinedAt)} door ${who(m.joinedBy)} (${m.joinReason})${m.leftAt ? `; eraf ${when(m.leftAt)} door ${who(m.leftBy ?? '')} (${m.leaveReason ?? ''})` : ''}`,
      ),
    '',
    'Vastgelegde gebeurtenissen:',
    ...events.map((e) => {
      const plain = flowEventText(e, words, answered.get(e));
      const what = plain ?? `${e.event}${Object.keys(e.fields).length ? ` ${JSON.stringify(e.fields)}` : ''}`;
      return `- ${when(e.at)} ${what} — door ${who(e.by)}`;
    }),
    '',
    'Consultaties (wie dacht mee, en weten de ouders het):',
    ...orNone(consultationLines(events, words)),
    '',
    'Warme overdrachten:',
    ...orNone(
      ctx.store.handovers
        .ofCase(c.id)
        .flatMap((h) => [
          `- ${h.moment} van ${who(h.fromMember)} naar ${who(h.toMember)}, geopend ${when(h.openedAt)}, ${h.state === 'accepted' ? `geaccepteerd ${when(h.acceptedAt!)}` : h.state}${h.basis ? `, grondslag: ${h.basis}` : ''}`,
          ...ctx.store.handovers
            .ticks(h.id)
            .map(
              (t) =>
                `    ${t.itemId} afgevinkt ${when(t.checkedAt)} door ${who(t.checkedBy)}${t.note ? `: ${t.note}` : ''}`,
            ),
        ]),
    ),
    '',
    'Escalaties:',
    ...orNone(
      escalations.flatMap((e) => [
        `- #${e.seq} ${e.trigger}, gestart ${when(e.raisedAt)} door ${who(e.raisedBy)}; vraag: ${e.question}`,
        ...ctx.store.escalations.levels(e.id).map((l) => `    niveau ${l.level} vanaf ${when(l.raisedAt)}`),
        `    uitkomst: ${e.outcome ?? 'loopt nog'}${e.decision ? `; besluit: ${e.decision}` : ''}${e.deadline ? `; deadline ${e.deadline}` : ''}${e.reason ? `; reden: ${e.reason}` : ''}`,
      ]),
    ),
    '',
    'Auditlog (elke wijziging):',
    ...ctx.store
      .auditOf(c.id)
      .filter((a) => !hidden.has(a.details.escalation as number))
      .map((a) => `- ${when(a.at)} ${a.action} door ${who(a.actor)}${a.reason ? ` — reden: ${a.reason}` : ''}`),
  ];
  ctx.store.transaction(() =>
    ctx.store.audit.append({
      at: now,
      actor: loaded.actor.id,
      action: 'case.exported',
      caseId: c.id,
      reason: 'inzageverzoek (AVG art. 15)',
      details: {},
    }),
  );
  return lines.join('\n');
}
