import type { AppContext } from '../../app/app-context.js';
import { errorFields } from '../../app/error-fields.js';
import {
  installAppForUnreachable,
  type InstallReport,
  MAX_INSTALLS_PER_RUN,
} from '../../app/install-app-for-unreachable.js';
import type { AppInstaller } from '../../app/ports.js';

// Runs the Graph install (app/install-app-for-unreachable.ts) shortly after the start and then every few hours, one
// run at a time. It remembers in memory whom it tried, so a person is tried at most once a day (after a restart, once
// more: Graph answers 409 for an app that is already installed).

export const INSTALL_INTERVAL_MS = 6 * 60 * 60 * 1000;
export const RETRY_PERSON_AFTER_MS = 24 * 60 * 60 * 1000;

export interface AppInstallJob {
  /** Runs now (or waits for the run in progress), for tests and the first run. */
  runNow(): Promise<InstallReport | undefined>;
  stop(): Promise<void>;
}

export function startAppInstallJob(o: {
  ctx: AppContext;
  installer: AppInstaller;
  tenantId: string;
  dryRun: boolean;
  /** Default a minute: the bot serves Teams first. */
  firstRunAfterMs?: number;
  intervalMs?: number;
}): AppInstallJob {
  const tried = new Map<string, number>();
  let running: Promise<InstallReport | undefined> | undefined;
  let stopped = false;
  const run = (): Promise<InstallReport | undefined> => {
    if (stopped) return Promise.resolve(undefined);
    running ??= installAppForUnreachable(o.ctx, o.installer, {
      tenantId: o.tenantId,
      tried,
      retryAfterMs: RETRY_PERSON_AFTER_MS,
      max: MAX_INSTALLS_PER_RUN,
      dryRun: o.dryRun,
    })
      .then((report) => {
        if (report.installed.length + report.notFound.length + report.failed.length > 0 || report.stopped)
          o.ctx.logger.info(
            {
              installed: report.installed.length,
              alreadyInstalled: report.alreadyInstalled.length,
              notFound: report.notFound.length,
              failed: report.failed.length,
              stopped: report.stopped ?? null,
            },
            'Graph install run',
          );
        return report;
      })
      .catch((err: unknown) => {
        o.ctx.logger.error({ err: errorFields(err) }, 'the Graph install run failed');
        return undefined;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const first = setTimeout(() => void run(), o.firstRunAfterMs ?? 60_000);
  const every = setInterval(() => void run(), o.intervalMs ?? INSTALL_INTERVAL_MS);
  first.unref();
  every.unref();
  return {
    runNow: () => running ?? run(),
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
}
