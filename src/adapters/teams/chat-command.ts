import type { TurnContext } from 'botbuilder';
import type { z } from 'zod';
import type { AppContext } from '../../app/app-context.js';
import { guardText } from '../../app/guard-text.js';
import { CaseRef } from '../../domain/case-ref.js';
import { DomainError } from '../../domain/domain-error.js';
import type { Member } from '../../domain/types.js';
import type { RouteTools } from './create-teams-bot.js';

/**
 * One chat command. `pattern` is anchored and case-insensitive, without /g; its first group (if any) is the argument.
 * `argument` (zod) parses it; a missing or invalid argument gets the `usage` line.
 */
export interface ChatCommand {
  pattern: RegExp;
  usage: string;
  argument?: z.ZodType<string, z.ZodTypeDef, string>;
  run(context: TurnContext, input: { actor: Member; argument: string }, tools: RouteTools): Promise<void>;
}

export const MUNICIPALITY = /^[\p{L}][\p{L} .'-]{1,59}$/u;
export const CASE_REF = new RegExp(`^${CaseRef.source}$`);

/**
 * The argument as the command may use it. Personal-data guard first: a hit is refused naming the kind (never the
 * value) before anything else looks at it. Then zod: missing or malformed gets the short usage line.
 */
export function parseArgument(command: ChatCommand, raw: string | undefined, ctx: AppContext): string {
  if (!command.argument) return '';
  const text = (raw ?? '').trim();
  if (text.length === 0) throw new DomainError('USAGE', command.usage);
  guardText(ctx, text, 'opdracht', { max: 100 });
  const parsed = command.argument.safeParse(text);
  if (!parsed.success) throw new DomainError('USAGE', command.usage);
  return parsed.data;
}
