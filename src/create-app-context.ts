import type { AppContext } from './app/app-context.js';
import type { Clock, Logger } from './app/ports.js';
import { silentLogger } from './app/ports.js';
import { loadHandoverTemplates } from './adapters/files/load-handover-templates.js';
import { loadRegions, type Regions } from './adapters/files/load-regions.js';
import { createConversationRefStore } from './adapters/sqlite/conversation-ref-store.js';
import { createStore } from './adapters/sqlite/create-store.js';
import { isDatabaseReady, type OpenDatabase } from './adapters/sqlite/open-database.js';
import { waitAfterCommit } from './adapters/sqlite/wait-after-commit.js';
import { dutchPublicHolidays } from './domain/dutch-public-holidays.js';
import type { HandoverTemplates } from './domain/handover-templates.js';
import type { Norms } from './domain/norms.js';
import type { Roster } from './domain/roster.js';
import { createWorkingCalendar } from './domain/working-calendar.js';
import { parseHhMm } from './domain/zoned-time.js';
import { readdirSync } from 'node:fs';
import { MIGRATIONS_FOLDER } from './adapters/sqlite/open-database.js';

export interface ContextParts {
  database: OpenDatabase;
  roster: Roster;
  norms: Norms;
  timezone: string;
  clock: Clock;
  logger?: Logger;
  handoverTemplates?: HandoverTemplates;
  regions?: Regions;
  /** Called after a use case committed outbox rows (the bot kicks its outbox worker; the replay drains itself). */
  onOutbox?: () => void;
}

/** Shared by the bot (src/main.ts) and the scenario replayer, so both run the very same use cases. */
export function createAppContext(p: ContextParts): AppContext {
  const calendar = createWorkingCalendar({
    timezone: p.timezone,
    holidaysOf: dutchPublicHolidays,
    closureDays: p.norms.closureDays,
    officeStartMinutes: parseHhMm(p.norms.officeHours.start)!,
    officeEndMinutes: parseHhMm(p.norms.officeHours.end)!,
  });
  const regions = p.regions ?? loadRegions();
  const migrations = readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql')).length;
  const { store, conversations } = waitAfterCommit(
    createStore(p.database.db),
    createConversationRefStore(p.database.db),
  );
  const totalChanges = p.database.sqlite.prepare('SELECT total_changes()').pluck();
  return {
    roster: p.roster,
    norms: p.norms,
    handoverTemplates: p.handoverTemplates ?? loadHandoverTemplates(),
    calendar,
    clock: p.clock,
    logger: p.logger ?? silentLogger,
    store,
    conversations,
    writesSoFar: () => totalChanges.get() as number,
    municipalityCodes: regions.codesOf,
    isReady: () => p.database.isIntact() && isDatabaseReady(p.database.sqlite, migrations),
    ...(p.onOutbox ? { onOutbox: p.onOutbox } : {}),
  };
}
