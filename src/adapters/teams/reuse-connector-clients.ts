import type { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';
import {
  AuthenticationConstants,
  ConnectorFactory,
  type BotFrameworkAuthentication,
  type ClaimsIdentity,
  type ConnectorClient,
} from 'botframework-connector';

/** How many clients are kept at most; Teams sends from a handful of regional service URLs. */
export const MAX_CONNECTOR_CLIENTS = 32;

export interface ConnectorClientPool {
  /** How many clients are kept now. */
  size(): number;
}

/** The app id botbuilder's own connector factory uses for these claims: the token's audience, else its appid claim. */
function appIdOf(claims: ClaimsIdentity): string | null {
  return claims.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claims.getClaimValue(AuthenticationConstants.AppIdClaim) ?? null;
}

/**
 * botbuilder's CloudAdapter builds a new Bot Connector client for every turn and every proactive send: credentials, an
 * HTTP pipeline of a dozen policies, its policy order, each reading the environment. Under load that was the largest
 * single cost of a turn that we could change (BENCHMARKS.md). This keeps one client per (app id, audience, service
 * URL), which is exactly what botbuilder's factory builds a client from, so a kept client is the one it would have
 * built. Clients are safe to share between concurrent turns (their token cache is per app id and audience, refreshed
 * before expiry). Every request is still authenticated first: only the client for the reply is reused.
 *
 * A creation that fails is not kept. At most `max` clients are kept; the least recently used goes first.
 */
export function reuseConnectorClients(adapter: TeamsAdapter, max = MAX_CONNECTOR_CLIENTS): ConnectorClientPool {
  // CloudAdapterBase keeps its authentication in a protected field and offers no option to share clients.
  const auth = (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication }).botFrameworkAuthentication;
  const clients = new Map<string, Promise<ConnectorClient>>();

  function pooled(factory: ConnectorFactory, appId: string | null): ConnectorFactory {
    return new (class extends ConnectorFactory {
      create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        const key = JSON.stringify([appId, audience ?? null, serviceUrl]);
        let client = clients.get(key);
        if (client) {
          clients.delete(key); // most recently used last
        } else {
          client = factory.create(serviceUrl, audience);
          client.catch(() => {
            if (clients.get(key) === client) clients.delete(key);
          });
          if (clients.size >= max) clients.delete(clients.keys().next().value!);
        }
        clients.set(key, client);
        return client;
      }
    })();
  }

  const authenticateRequest = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    const result = await authenticateRequest(activity, authHeader);
    if (!result.connectorFactory) return result;
    return { ...result, connectorFactory: pooled(result.connectorFactory, appIdOf(result.claimsIdentity)) };
  };
  const createConnectorFactory = auth.createConnectorFactory.bind(auth);
  auth.createConnectorFactory = (claims) => pooled(createConnectorFactory(claims), appIdOf(claims));

  return { size: () => clients.size };
}
