import type { Config } from '../../config.js';
import { activityTenantIds } from '../teams/activity-tenant.js';
import type { InboundActivity } from './inbound-activity-schema.js';
import { precheckBearerToken } from './jwt-precheck.js';
import type { Refusal } from './parse-activity-request.js';

export const UNAUTHORIZED = { error: 'unauthorized' } as const;

/**
 * Step 2 of POST /api/messages: who may send this activity, decided offline before the adapter sees it. In credentials
 * mode the bearer token is pre-checked (no token, not a JWT, expired, another audience or, SingleTenant, another
 * tenant: 401, without botbuilder's network call for the signing keys and its stack trace); botbuilder still verifies
 * the signature when the turn runs. With ALLOWED_TENANTS (docs/tenants.md) an activity of any other organisation's
 * Teams, or one that names no tenant, is refused with 403, logged with ids only. Undefined: go on.
 */
export function authenticateActivity(
  activity: InboundActivity,
  authorization: string | undefined,
  config: Pick<Config, 'localMode' | 'credentials' | 'allowedTenants'>,
  now: number,
): Refusal | undefined {
  if (!config.localMode) {
    const check = config.credentials
      ? precheckBearerToken(authorization, config.credentials, now, activity.serviceUrl)
      : ({ ok: false, reason: 'missing' } as const);
    if (!check.ok)
      return {
        status: 401,
        body: UNAUTHORIZED,
        log: {
          level: 'info',
          fields: { activityType: activity.type, status: 401, reason: check.reason },
          msg: 'rejected activity: token',
        },
      };
  }
  const allowed = config.allowedTenants;
  if (!allowed) return undefined;
  const tenants = activityTenantIds(activity);
  if (tenants.length > 0 && tenants.every((t) => allowed.includes(t))) return undefined;
  return {
    status: 403,
    body: { error: 'tenant_not_allowed' },
    log: {
      level: 'warn',
      fields: {
        activityType: activity.type,
        activityId: activity.id,
        status: 403,
        reason: tenants.length === 0 ? 'no_tenant' : 'tenant_not_allowed',
        tenants,
      },
      msg: 'rejected activity: tenant not allowed',
    },
  };
}
