import type { AdaptiveCard } from './cards/card-kit.js';
import { CaseCardCache } from './case/case-card-cache.js';
import { LruMap } from './lru-map.js';

// The Teams adapter's mutable state, one object per running bot: built in main.ts (the composition root) and passed
// to whatever reads or writes it. Nothing of it is in the database: a restart starts it empty, and that is correct.

/** An answer to an automatic refresh, kept with the case version and day it was built for (refresh-views.ts). */
export interface RefreshAnswer {
  stamp: string;
  card: AdaptiveCard;
}

export interface TeamsState {
  /** Rendered case cards per case and viewer (case-card-cache.ts); per bot, as each bot has its own database. */
  caseCards: CaseCardCache;
  /** Answers to automatic refreshes per card and person (refresh-views.ts); per bot, for the same reason. */
  refreshAnswers: LruMap<string, RefreshAnswer>;
  /** The sync of checklist copies in flight per handover id (handover-card-copies.ts); ids are per database. */
  handoverSyncs: Map<number, Promise<void>>;
  /** The sync of escalation card copies in flight per escalation id (escalation-card-copies.ts); ids are per database. */
  escalationSyncs: Map<number, Promise<void>>;
}

export function createTeamsState(): TeamsState {
  return {
    caseCards: new CaseCardCache(),
    refreshAnswers: new LruMap(2000),
    handoverSyncs: new Map(),
    escalationSyncs: new Map(),
  };
}
