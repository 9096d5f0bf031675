import type { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';
import {
  AuthenticationConstants,
  ConnectorFactory,
  type BotFrameworkAuthentication,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import { LruMap } from './lru-map.js';

/** How many clients are kept at most; Teams sends from a handful of regional service URLs. */
export const MAX_BOT_FRAMEWORK_CLIENTS = 32;

export interface BotFrameworkClientPool {
  /** How many clients are kept now (Bot Connector and user-token clients together). */
  size(): number;
}

/** The app id botbuilder's own factories use for these claims: the token's audience, else its appid claim. */
function appIdOf(claims: ClaimsIdentity): string | null {
  return (
    claims.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    claims.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    null
  );
}

/**
 * One key per client: its parts joined by NUL. Only the last part (a service URL) can come from a request; the kind,
 * app id (a GUID or empty) and audience (configuration) never contain NUL, so two different clients never share a key.
 */
function keyOf(...parts: Array<string | null | undefined>): string {
  return parts.map((p) => p ?? '').join('\u0000');
}

/** A ConnectorFactory whose `create` is the pool's (one class, not one per turn). */
class PooledConnectorFactory extends ConnectorFactory {
  constructor(private readonly createPooled: (serviceUrl: string, audience?: string) => Promise<ConnectorClient>) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.createPooled(serviceUrl, audience);
  }
}

/**
 * botbuilder's CloudAdapter builds new Bot Framework clients for every turn: a Bot Connector client for the reply and
 * a user-token client (which this bot never uses), each with its credentials and an HTTP pipeline of a dozen policies
 * that reads the environment and orders itself. Under load that was the largest cost of a turn that we could change
 * (BENCHMARKS.md). This keeps one Bot Connector client per (app id, audience, service URL) and one user-token client
 * per app id: exactly what botbuilder builds them from, so a kept client is the one it would have built. Clients are
 * safe to share between concurrent turns; their token cache is per app id and audience and refreshed before expiry.
 * Every request is still authenticated first: only the clients are reused.
 *
 * A creation that fails is not kept. At most `max` clients are kept; the least recently used goes first.
 */
export function reuseBotFrameworkClients(
  adapter: TeamsAdapter,
  max = MAX_BOT_FRAMEWORK_CLIENTS,
): BotFrameworkClientPool {
  // CloudAdapterBase keeps its authentication in a protected field and offers no option to share clients.
  const auth = (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication })
    .botFrameworkAuthentication;
  const clients = new LruMap<string, Promise<unknown>>(max);

  function kept<T>(key: string, create: () => Promise<T>): Promise<T> {
    const client = clients.get(key) as Promise<T> | undefined;
    if (client) return client;
    const created = create();
    created.catch(() => {
      // Only this very creation is dropped, not a newer one kept under the same key since.
      if (clients.get(key) === created) clients.delete(key);
    });
    clients.set(key, created);
    return created;
  }

  const pooled = (factory: ConnectorFactory, appId: string | null): ConnectorFactory =>
    new PooledConnectorFactory((serviceUrl, audience) =>
      kept(keyOf('connector', appId, audience, serviceUrl), () => factory.create(serviceUrl, audience)),
    );

  const authenticateRequest = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    const result = await authenticateRequest(activity, authHeader);
    if (!result.connectorFactory) return result;
    return { ...result, connectorFactory: pooled(result.connectorFactory, appIdOf(result.claimsIdentity)) };
  };
  const createConnectorFactory = auth.createConnectorFactory.bind(auth);
  auth.createConnectorFactory = (claims) => pooled(createConnectorFactory(claims), appIdOf(claims));
  const createUserTokenClient = auth.createUserTokenClient.bind(auth);
  auth.createUserTokenClient = (claims): Promise<UserTokenClient> =>
    kept(keyOf('user-token', appIdOf(claims)), () => createUserTokenClient(claims));

  return { size: () => clients.size };
}
