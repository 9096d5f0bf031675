// The baseline of bench/chat-throughput.bench.ts: a bare teams-ai echo bot, as the teams-ai samples build one.
//
//   PORT=3979 npx tsx bench/echo-bot.ts          (prints `LISTENING <port>`; PORT=0 or unset: any free port)
//
// teams-ai Application on a TeamsAdapter in local mode (no credentials, like our bot without MicrosoftApp* settings),
// restify with its bodyParser, POST /api/messages → adapter.process → app.run, and one route that replies with the
// text it got. Typing timer off and no long-running messages, like src/adapters/teams/create-teams-bot.ts.
// Turn state lives in the same storage our bot uses (src/adapters/teams/sqlite-storage.ts on a SQLite file made
// with the real migrations; a temp file unless ECHO_DATABASE_PATH is set), so the baseline pays the same framework
// cost per turn: state read and, when changed, write. Nothing else of ours is in it: no request validation, no
// roster, no conversation references, no logging.
//
// ECHO_REUSE_CLIENTS=1 makes it keep its Bot Framework clients between turns as our bot does
// (src/adapters/teams/reuse-bot-framework-clients.ts): a diagnostic baseline with the same framework saving, which
// tells what our own code costs per turn (chat-throughput.bench.ts --echo-reuse).
//
// ECHO_CARD_FILE=card.json (an attachment: { contentType, content }) makes it reply with that attachment instead of
// the text: a diagnostic baseline that pays the framework's cost of sending a card as large as ours
// (chat-throughput.bench.ts --echo-card).

import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, MessageFactory, type Attachment } from 'botbuilder';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import restify from 'restify';
import { openDatabase } from '../src/adapters/sqlite/open-database.js';
import { reuseBotFrameworkClients } from '../src/adapters/teams/reuse-bot-framework-clients.js';
import { SqliteStorage } from '../src/adapters/teams/sqlite-storage.js';
import { answerUsageProbes } from './process-probe.js';

export interface EchoBot {
  port: number;
  stop(): Promise<void>;
}

export async function startEchoBot(
  o: { port?: number; databasePath?: string; card?: Attachment; reuseClients?: boolean } = {},
): Promise<EchoBot> {
  const dir = o.databasePath ? undefined : mkdtempSync(join(tmpdir(), 'echo-bot-'));
  const database = openDatabase(o.databasePath ?? join(dir!, 'echo.sqlite'));

  const adapter = new TeamsAdapter({});
  if (o.reuseClients) reuseBotFrameworkClients(adapter);
  const app = new Application<TurnState>({
    adapter,
    storage: new SqliteStorage(database.db),
    startTypingTimer: false,
    longRunningMessages: false,
  });
  const card = o.card;
  app.activity(ActivityTypes.Message, async (context) => {
    await context.sendActivity(card ? MessageFactory.attachment(card) : (context.activity.text ?? ''));
  });

  const server = restify.createServer({ name: 'echo-bot' });
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, async (context) => {
      await app.run(context);
    });
  });

  await new Promise<void>((done) => server.listen(o.port ?? 0, '127.0.0.1', () => done()));
  return {
    port: (server.address() as AddressInfo).port,
    stop: async () => {
      await new Promise<void>((done) => {
        server.server.closeAllConnections();
        server.close(() => done());
      });
      database.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cardFile = process.env.ECHO_CARD_FILE;
  const bot = await startEchoBot({
    port: Number(process.env.PORT ?? 0),
    databasePath: process.env.ECHO_DATABASE_PATH || undefined,
    card: cardFile ? (JSON.parse(readFileSync(cardFile, 'utf8')) as Attachment) : undefined,
    reuseClients: process.env.ECHO_REUSE_CLIENTS === '1',
  });
  console.log(`LISTENING ${bot.port}`);
  process.send?.({ type: 'listening', port: bot.port });
  answerUsageProbes();
  const stop = () => void bot.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
}
