import { DomainError } from '../../domain/domain-error.js';
import type { Member, MemberId, OrgType } from '../../domain/types.js';
import type { AppContext } from '../app-context.js';
import { actorOf } from '../case-access.js';

/** "rooster <gemeente>": the fixed faces of a municipality with their team leads (professionals' work roles, no case data). */
export function getRosterView(
  ctx: AppContext,
  actorId: MemberId,
  municipalityInput: string,
): { municipality: string; faces: Array<{ org: OrgType; member: Member; lead?: Member }> } {
  actorOf(ctx, actorId);
  const municipality = ctx.roster.findMunicipality(municipalityInput);
  if (!municipality)
    throw new DomainError(
      'UNKNOWN_MUNICIPALITY',
      `Die gemeente staat niet in het rooster. Kies uit: ${ctx.roster.municipalities.join(', ')}.`,
    );
  const team = ctx.roster.fixedTeam(municipality) ?? {};
  const faces = Object.entries(team).map(([org, id]) => {
    const member = ctx.roster.member(id)!;
    return { org: org as OrgType, member, lead: ctx.roster.leadOf(id) };
  });
  return { municipality, faces };
}
