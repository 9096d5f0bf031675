import type { MemberId } from '../domain/types.js';

// The narrow ports the use cases depend on. Adapters implement them; tests pass real SQLite-backed ones.

export interface Clock {
  now(): number; // epoch milliseconds
}

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };

/** What the outbox hands to a transport for one recipient. `payload` is the JSON the card builders render. */
export interface OutboundMessage {
  outboxId: number;
  deliveryId: number;
  kind: string;
  recipientId: MemberId;
  payload: Record<string, unknown>;
}

export type SendOutcome =
  | { kind: 'sent' }
  /** Try again later: 429, 412, 502, 504, network errors. */
  | { kind: 'retry'; status: number; retryAfterMs?: number }
  /** Never try again: 403 (blocked or removed), 404, no way to reach the person. */
  | { kind: 'final'; status: number; reason: string };

export interface MessageSender {
  send(message: OutboundMessage): Promise<SendOutcome>;
}

/** Conversation references (JSON as botbuilder gives them), so nudges can be sent proactively. */
export interface ConversationRefStore {
  /** key: `user:<aadObjectId>` for a person's 1:1 chat, `case:<caseId>` for a case's channel thread. */
  save(key: string, reference: object, at: number): void;
  get(key: string): object | undefined;
  /** True when exactly this reference (as JSON) is stored under key: every turn checks, few turns change one. */
  holds(key: string, reference: object): boolean;
}

/** What installing the Teams app for one person came to (docs/behaviour.md, "Who cannot be reached"). */
export type InstallOutcome =
  | { kind: 'installed' }
  | { kind: 'already_installed' }
  /** The tenant does not know this user id. */
  | { kind: 'user_not_found' }
  /** Refused for this person (another 4xx); the others may still work. */
  | { kind: 'failed'; status: number; code?: string }
  /** Refused for everyone (403, a client that cannot get a token): a permission or consent is missing. */
  | { kind: 'not_allowed'; status: number; code?: string }
  /** Throttled or unavailable (429, 5xx, network): try again later. */
  | { kind: 'retry_later'; status: number; retryAfterMs?: number };

/** Installs the bot's Teams app in a person's personal scope, so the bot may start a 1:1 chat with them. */
export interface AppInstaller {
  /** `user`: the person's Entra object id or user principal name in the installer's tenant. */
  install(user: string): Promise<InstallOutcome>;
}
