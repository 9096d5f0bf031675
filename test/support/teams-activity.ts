import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Builders for activities shaped like the ones Teams sends (test/fixtures/teams-*.json), for one person at a time.

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures');

export type TeamsActivity = Record<string, any>;

function fixture(name: string): TeamsActivity {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as TeamsActivity;
}

/** Someone talking to the bot: the Entra object id is how the bot recognises roster members. */
export interface Person {
  aadObjectId: string;
  name?: string;
}

export const BOT_ACCOUNT_ID = '28:00000000-0000-0000-0000-000000000b07';
export const TENANT_ID = '11111111-2222-4333-8444-555555555555';
export const TEAM_ID = '19:7c6b5a4f3e2d4c1b8a9f0e1d2c3b4a5f@thread.tacv2';
export const CHANNEL_ID = '19:d3f1c2b4a5e6478f9a0b1c2d3e4f5a6b@thread.tacv2';

let counter = 0;
const nextId = () => `${Date.now()}${String(++counter).padStart(4, '0')}`;

/** The id of a person's 1:1 chat with the bot (one per person, like Teams). */
export function personalConversationId(person: Person): string {
  return `a:personal-${person.aadObjectId}`;
}

function fromOf(person: Person): TeamsActivity {
  return {
    id: `29:user-${person.aadObjectId}`,
    name: person.name ?? 'Onbekend (fictief)',
    aadObjectId: person.aadObjectId,
  };
}

function personalise(a: TeamsActivity, person: Person, serviceUrl: string): TeamsActivity {
  a.serviceUrl = serviceUrl;
  a.from = fromOf(person);
  if (a.conversation.conversationType === 'personal') a.conversation.id = personalConversationId(person);
  return a;
}

export function personalMessage(text: string, opts: { from: Person; serviceUrl: string }): TeamsActivity {
  const a = personalise(fixture('teams-message-personal'), opts.from, opts.serviceUrl);
  a.id = nextId();
  a.text = text;
  a.attachments = [{ contentType: 'text/html', content: `<p>${text}</p>` }];
  return a;
}

/** A channel message @mentioning the bot (the only channel messages a bot receives), as a new thread. */
export function channelMessage(text: string, opts: { from: Person; serviceUrl: string }): TeamsActivity {
  const a = personalise(fixture('teams-message-channel-mention'), opts.from, opts.serviceUrl);
  a.id = nextId();
  a.text = `<at>Teammodel</at> ${text}\n`;
  a.conversation.id = `${CHANNEL_ID};messageid=${a.id}`;
  return a;
}

/** An Action.Execute press on a card the bot sent in the person's 1:1 chat. */
export function cardAction(
  verb: string,
  data: Record<string, unknown>,
  opts: { from: Person; serviceUrl: string; replyToId?: string; trigger?: 'manual' | 'automatic' },
): TeamsActivity {
  const a = personalise(fixture('teams-invoke-adaptive-card-action'), opts.from, opts.serviceUrl);
  a.id = `f:${nextId()}`;
  a.value.action.verb = verb;
  a.value.action.data = data;
  a.value.trigger = opts.trigger ?? 'manual';
  if (opts.replyToId) a.replyToId = opts.replyToId;
  return a;
}

export function installationUpdate(opts: {
  from: Person;
  serviceUrl: string;
  scope: 'personal' | 'team';
  action?: 'add' | 'remove';
}): TeamsActivity {
  const a = personalise(
    fixture(opts.scope === 'team' ? 'teams-installation-update-team' : 'teams-installation-update-personal'),
    opts.from,
    opts.serviceUrl,
  );
  a.id = `f:${nextId()}`;
  a.action = opts.action ?? 'add';
  return a;
}

/** conversationUpdate membersAdded; by default the bot itself is the member added (an install). */
export function membersAdded(opts: {
  from: Person;
  serviceUrl: string;
  scope: 'personal' | 'team';
  members?: Array<{ id: string }>;
}): TeamsActivity {
  const a = personalise(
    fixture(
      opts.scope === 'team'
        ? 'teams-conversation-update-members-added-team'
        : 'teams-conversation-update-members-added-personal',
    ),
    opts.from,
    opts.serviceUrl,
  );
  a.id = `f:${nextId()}`;
  if (opts.members) a.membersAdded = opts.members;
  return a;
}
