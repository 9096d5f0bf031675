import type { HandoverTemplates } from '../domain/handover-templates.js';
import type { Norms } from '../domain/norms.js';
import type { Roster } from '../domain/roster.js';
import type { WorkingCalendar } from '../domain/working-calendar.js';
import type { Clock, ConversationRefStore, Logger } from './ports.js';
import type { Store } from './store.js';

/**
 * Everything a use case needs, built once by the composition root (src/main.ts) or by the scenario replayer.
 * Adapters read only what they need from it.
 */
export interface AppContext {
  roster: Roster;
  norms: Norms;
  handoverTemplates: HandoverTemplates;
  calendar: WorkingCalendar;
  clock: Clock;
  logger: Logger;
  store: Store;
  conversations: ConversationRefStore;
  /** Region and municipality codes for case references. */
  municipalityCodes: (municipality: string) => { region: string; municipality: string };
  /**
   * Rows this process has inserted, updated or deleted so far (SQLite's total_changes()). A turn that failed on a busy
   * database is run again only if this did not move: a re-run must not repeat a write. Absent: never run again.
   */
  writesSoFar?(): number;
  /** For /readyz: database open and migrations applied. */
  isReady(): boolean;
  /** Called after a use case committed outbox rows, so delivery can start at once (the bot kicks its outbox). */
  readonly onOutbox?: () => void;
}
