import type { Member, OrgType } from '../../../domain/types.js';
import {
  adaptiveCard,
  heading,
  orgLabel,
  roleLabel,
  subtle,
  text,
  type AdaptiveCard,
  type CardElement,
} from '../cards/card-kit.js';

// "rooster <gemeente>": the fixed faces (vaste gezichten) of a municipality with their team leads. Work roles only.

export interface RosterCardModel {
  municipality: string;
  faces: Array<{ org: OrgType; member: Member; lead?: Member }>;
}

export function buildRosterCard(model: RosterCardModel): AdaptiveCard {
  const lines: CardElement[] = model.faces.flatMap((f) => [
    text(`${orgLabel(f.org)}: ${f.member.name}, ${f.member.orgName}, ${roleLabel(f.member.role)}`, {
      spacing: 'Medium',
    }),
    subtle(f.lead ? `Teamleider: ${f.lead.name}` : 'Geen teamleider in het rooster'),
  ]);
  return adaptiveCard([
    heading(`Rooster ${model.municipality}`),
    subtle('De vaste gezichten per organisatie. Een nieuwe casus krijgt deze mensen als team.'),
    ...(lines.length > 0 ? lines : [text('Voor deze gemeente staan nog geen vaste gezichten in het rooster.')]),
    subtle(`Typ 'casus nieuw ${model.municipality}' om een casus te starten.`),
  ]);
}
