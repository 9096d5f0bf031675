import type { Member, MemberId } from '../domain/types.js';
import type { AppContext } from './app-context.js';
import { bindingsOf } from './bind-member.js';
import { BOT_ACTOR } from './notifications.js';
import type { AppInstaller } from './ports.js';
import { reachabilityOf } from './reachability.js';

// The optional Graph install (docs/behaviour.md, "Who cannot be reached"): for the roster members the bot has
// no 1:1 chat with (app/reachability.ts), it installs the Teams app in their personal scope. Teams then tells the bot
// of the install, the bot stores the chat, and reminders and alerts reach them. Capped per run, each person tried at
// most once per `retryAfterMs`, and dry with DRY_RUN=1; every install is on record (`member.app_installed`).

/** At most this many installs are tried per run: the rest follow in the next run. */
export const MAX_INSTALLS_PER_RUN = 50;

export interface InstallAppOptions {
  /** The tenant the installer works in: a binding made there gives the person's object id in it. */
  tenantId: string;
  /** When each person was last tried (the caller keeps it between runs). */
  tried: Map<MemberId, number>;
  /** A person tried less than this long ago is not tried again. */
  retryAfterMs: number;
  max?: number;
  /** Log whom it would install for, install nothing. */
  dryRun?: boolean;
}

export interface InstallReport {
  installed: MemberId[];
  alreadyInstalled: MemberId[];
  notFound: MemberId[];
  failed: MemberId[];
  /** DRY_RUN: whom it would have installed for. */
  wouldInstall: MemberId[];
  /** Why the run ended early, if it did. */
  stopped?: 'not_allowed' | 'retry_later';
}

/**
 * The id Graph knows the person by in `tenantId`: the object id of a binding made in that tenant (a guest's object id
 * in the host tenant), else the roster's object id, else the roster's UPN. An e-mail address alone is no user id.
 */
export function graphUserOf(
  ctx: Pick<AppContext, 'roster' | 'store'>,
  member: Member,
  tenantId: string,
): string | undefined {
  const wanted = tenantId.trim().toLowerCase();
  const bound = bindingsOf(ctx, { ofMember: (id) => ctx.store.reachability.bindingsOf(id) }, member.id).find(
    (b) => b.tenantId.trim().toLowerCase() === wanted,
  );
  return bound?.aadObjectId ?? member.aadObjectId?.trim() ?? member.upn?.trim();
}

/** Installs the app for the roster members without a 1:1 chat with the bot, up to `max` of them. */
export async function installAppForUnreachable(
  ctx: AppContext,
  installer: AppInstaller,
  o: InstallAppOptions,
): Promise<InstallReport> {
  const report: InstallReport = { installed: [], alreadyInstalled: [], notFound: [], failed: [], wouldInstall: [] };
  const now = ctx.clock.now();
  const candidates = [...reachabilityOf(ctx, ctx.roster.members).values()]
    .filter((r) => !r.facts.hasPersonalChat)
    .filter((r) => {
      const last = o.tried.get(r.member.id);
      return last === undefined || now - last >= o.retryAfterMs;
    })
    .flatMap((r) => {
      const user = graphUserOf(ctx, r.member, o.tenantId);
      return user ? [{ member: r.member, user }] : [];
    })
    .slice(0, o.max ?? MAX_INSTALLS_PER_RUN);
  for (const { member, user } of candidates) {
    if (o.dryRun) {
      ctx.logger.info({ dryRun: true, member: member.id }, 'would install the Teams app');
      report.wouldInstall.push(member.id);
      continue;
    }
    o.tried.set(member.id, now);
    const outcome = await installer.install(user);
    switch (outcome.kind) {
      case 'installed':
        ctx.store.transaction(() =>
          ctx.store.audit.append({
            at: ctx.clock.now(),
            actor: BOT_ACTOR,
            action: 'member.app_installed',
            caseId: null,
            reason: null,
            details: { member: member.id },
          }),
        );
        ctx.logger.info({ member: member.id, outcome: 'app_installed' }, 'installed the Teams app through Graph');
        report.installed.push(member.id);
        break;
      case 'already_installed':
        report.alreadyInstalled.push(member.id);
        break;
      case 'user_not_found':
        ctx.logger.warn({ member: member.id }, 'Graph does not know this roster member in its tenant');
        report.notFound.push(member.id);
        break;
      case 'failed':
        ctx.logger.warn(
          { member: member.id, status: outcome.status, code: outcome.code },
          'Graph refused to install the Teams app for this member',
        );
        report.failed.push(member.id);
        break;
      case 'not_allowed':
        ctx.logger.error(
          { status: outcome.status, code: outcome.code },
          'Graph refused to install the Teams app: check the permission TeamsAppInstallation.ReadWriteForUser.All, its admin consent and GRAPH_APP_CATALOG_ID',
        );
        o.tried.delete(member.id);
        report.stopped = 'not_allowed';
        return report;
      case 'retry_later':
        ctx.logger.warn(
          { status: outcome.status, retryAfterMs: outcome.retryAfterMs },
          'Graph is busy or unreachable: installing the Teams app continues in the next run',
        );
        o.tried.delete(member.id);
        report.stopped = 'retry_later';
        return report;
    }
  }
  return report;
}
