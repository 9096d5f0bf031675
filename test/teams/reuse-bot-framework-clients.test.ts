import type { TeamsAdapter } from '@microsoft/teams-ai';
import {
  ClaimsIdentity,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkAuthentication,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reuseBotFrameworkClients } from '../../src/adapters/teams/reuse-bot-framework-clients.js';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.js';
import { DEMO, startTestBot, type TestBot } from '../support/start-test-bot.js';
import { personalConversationId, personalMessage } from '../support/teams-activity.js';

/** What botbuilder's factory would be asked for, and a stand-in client that says what it was built from. */
interface Built {
  appId: string | null;
  serviceUrl: string;
  audience?: string;
}

function fakeAdapter(o: { failFor?: string } = {}) {
  const built: Built[] = [];
  const tokenClientsBuilt: Array<string | null> = [];
  const factoryFor = (appId: string | null) =>
    new (class extends ConnectorFactory {
      async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        built.push({ appId, serviceUrl, audience });
        if (serviceUrl === o.failFor) throw new Error('token endpoint unreachable');
        return { built: built.length } as unknown as ConnectorClient;
      }
    })();
  const claimsFor = (appId: string | null) =>
    new ClaimsIdentity(appId === null ? [] : [{ type: 'aud', value: appId }], true);
  const auth = {
    authenticateRequest: async (activity: { appId?: string }): Promise<AuthenticateRequestResult> => {
      const appId = activity.appId ?? null;
      return {
        audience: 'https://api.botframework.com',
        callerId: '',
        claimsIdentity: claimsFor(appId),
        connectorFactory: factoryFor(appId),
      };
    },
    createConnectorFactory: (claims: ClaimsIdentity) => factoryFor(claims.getClaimValue('aud')),
    createUserTokenClient: async (claims: ClaimsIdentity): Promise<UserTokenClient> => {
      tokenClientsBuilt.push(claims.getClaimValue('aud'));
      return { built: tokenClientsBuilt.length } as unknown as UserTokenClient;
    },
  } as unknown as BotFrameworkAuthentication;
  const adapter = { botFrameworkAuthentication: auth } as unknown as TeamsAdapter;
  const turn = async (serviceUrl: string, appId?: string, audience?: string) => {
    const result = await auth.authenticateRequest({ appId } as never, '');
    return result.connectorFactory!.create(serviceUrl, audience ?? result.audience);
  };
  return { adapter, auth, built, tokenClientsBuilt, turn, claimsFor };
}

describe('reuseBotFrameworkClients: one Bot Connector client per app id, audience and service URL', () => {
  it('builds the client of the first turn and hands the same one to every later turn with the same key', async () => {
    const f = fakeAdapter();
    const pool = reuseBotFrameworkClients(f.adapter);
    const first = await f.turn('https://smba.example/emea/', 'app-1');
    for (let i = 0; i < 5; i++) expect(await f.turn('https://smba.example/emea/', 'app-1')).toBe(first);
    expect(f.built).toEqual([
      { appId: 'app-1', serviceUrl: 'https://smba.example/emea/', audience: 'https://api.botframework.com' },
    ]);
    expect(pool.size()).toBe(1);
  });

  it('never hands a client to a turn with another service URL, audience or app id', async () => {
    const f = fakeAdapter();
    const pool = reuseBotFrameworkClients(f.adapter);
    const a = await f.turn('https://smba.example/emea/', 'app-1');
    const b = await f.turn('https://smba.example/amer/', 'app-1');
    const c = await f.turn('https://smba.example/emea/', 'app-2');
    const d = await f.turn('https://smba.example/emea/', 'app-1', 'https://api.botframework.us');
    expect(new Set([a, b, c, d]).size).toBe(4);
    expect(f.built.map((x) => [x.appId, x.serviceUrl, x.audience])).toEqual([
      ['app-1', 'https://smba.example/emea/', 'https://api.botframework.com'],
      ['app-1', 'https://smba.example/amer/', 'https://api.botframework.com'],
      ['app-2', 'https://smba.example/emea/', 'https://api.botframework.com'],
      ['app-1', 'https://smba.example/emea/', 'https://api.botframework.us'],
    ]);
    expect(pool.size()).toBe(4);
  });

  it('shares the clients of proactive sends (createConnectorFactory) with those of turns of the same app id', async () => {
    const f = fakeAdapter();
    reuseBotFrameworkClients(f.adapter);
    const inTurn = await f.turn('https://smba.example/emea/', 'app-1');
    const proactive = await f.auth
      .createConnectorFactory(f.claimsFor('app-1'))
      .create('https://smba.example/emea/', 'https://api.botframework.com');
    expect(proactive).toBe(inTurn);
    expect(f.built).toHaveLength(1);
  });

  it('keeps one user-token client per app id (botbuilder builds one for every turn)', async () => {
    const f = fakeAdapter();
    const pool = reuseBotFrameworkClients(f.adapter);
    const first = await f.auth.createUserTokenClient(f.claimsFor('app-1'));
    expect(await f.auth.createUserTokenClient(f.claimsFor('app-1'))).toBe(first);
    expect(await f.auth.createUserTokenClient(f.claimsFor('app-2'))).not.toBe(first);
    expect(f.tokenClientsBuilt).toEqual(['app-1', 'app-2']);
    expect(pool.size()).toBe(2);
  });

  it('does not keep a client whose creation failed: the next turn tries again', async () => {
    const f = fakeAdapter({ failFor: 'https://down.example/' });
    const pool = reuseBotFrameworkClients(f.adapter);
    await expect(f.turn('https://down.example/', 'app-1')).rejects.toThrow('token endpoint unreachable');
    await expect(f.turn('https://down.example/', 'app-1')).rejects.toThrow('token endpoint unreachable');
    expect(f.built).toHaveLength(2);
    expect(pool.size()).toBe(0);
  });

  it('keeps at most `max` clients and lets the least recently used go first', async () => {
    const f = fakeAdapter();
    const pool = reuseBotFrameworkClients(f.adapter, 3);
    const one = await f.turn('https://one.example/', 'app-1');
    await f.turn('https://two.example/', 'app-1');
    await f.turn('https://three.example/', 'app-1');
    expect(await f.turn('https://one.example/', 'app-1')).toBe(one); // one is now the most recently used
    await f.turn('https://four.example/', 'app-1'); // two goes
    expect(pool.size()).toBe(3);
    expect(await f.turn('https://one.example/', 'app-1')).toBe(one);
    await f.turn('https://two.example/', 'app-1');
    expect(f.built.map((x) => x.serviceUrl)).toEqual([
      'https://one.example/',
      'https://two.example/',
      'https://three.example/',
      'https://four.example/',
      'https://two.example/',
    ]);
  });
});

describe('the bot over HTTP with clients reused between turns', () => {
  let t: TestBot;
  let other: FakeConnector;
  beforeAll(async () => {
    t = await startTestBot();
    other = await startFakeConnector();
  });
  afterAll(async () => {
    await t?.stop();
    await other?.close();
  });

  it('answers each turn at the service URL of that turn, also when turns alternate between two connectors', async () => {
    const conversation = personalConversationId(DEMO.ltArnhem);
    const sayVia = async (connector: FakeConnector) => {
      const res = await t.post(personalMessage('hulp', { from: DEMO.ltArnhem, serviceUrl: connector.url }));
      expect(res.status).toBe(200);
    };
    // Kept: one user-token client (local mode: no app id) and one Bot Connector client per service URL.
    await sayVia(t.connector);
    await sayVia(t.connector);
    expect(t.bot.botFrameworkClients.size()).toBe(2);
    await sayVia(other);
    await sayVia(t.connector);
    await sayVia(other);
    expect(t.bot.botFrameworkClients.size()).toBe(3);
    const repliesAt = (c: FakeConnector) =>
      c.requests.filter((r) => r.method === 'POST' && r.conversationId === conversation).length;
    expect(repliesAt(t.connector)).toBe(3);
    expect(repliesAt(other)).toBe(2);
  });
});
