import { jwtVerify } from 'jose';
import type { Actor, ActorRole } from '@skills-graph/contracts';
import type { SkillsGraphConfig } from '@skills-graph/config';
import { GatewayError } from '../errors/gateway-error.js';

const knownRoles: readonly ActorRole[] = ['admin', 'framework-owner', 'hris', 'panel', 'system'];

/**
 * Who is calling. A `Bearer` JWT (HS256, verified with jose) wins; in AUTH_MODE=demo the
 * `x-actor-id` header (and optional comma-separated `x-actor-roles`) names the actor instead, so the
 * embedded demo can be driven with curl. No credentials: anonymous (null).
 */
export async function actorFromHeaders(headers: Record<string, string | string[] | undefined>, config: Pick<SkillsGraphConfig, 'AUTH_MODE' | 'JWT_SECRET' | 'JWT_ISSUER' | 'JWT_AUDIENCE'>): Promise<Actor | null> {
  const authorization = header(headers, 'authorization');
  if (authorization) {
    const token = /^Bearer\s+(.+)$/i.exec(authorization)?.[1];
    if (!token) throw new GatewayError('UNAUTHENTICATED', 'Authorization must be "Bearer <token>"', 'authorization');
    if (!config.JWT_SECRET) throw new GatewayError('UNAUTHENTICATED', 'This gateway accepts no tokens (JWT_SECRET is not set)', 'authorization');
    try {
      const { payload } = await jwtVerify(token, new TextEncoder().encode(config.JWT_SECRET), {
        algorithms: ['HS256'],
        ...(config.JWT_ISSUER && { issuer: config.JWT_ISSUER }),
        ...(config.JWT_AUDIENCE && { audience: config.JWT_AUDIENCE }),
      });
      if (!payload.sub) throw new Error('the token has no sub claim');
      const roles = Array.isArray(payload['roles']) ? payload['roles'] : [];
      return { id: payload.sub, roles: roles.filter((r): r is ActorRole => knownRoles.includes(r as ActorRole)) };
    } catch (error) {
      throw new GatewayError('UNAUTHENTICATED', `Invalid token: ${(error as Error).message}`, 'authorization');
    }
  }
  if (config.AUTH_MODE !== 'demo') return null;
  const id = header(headers, 'x-actor-id')?.trim();
  if (!id) return null;
  const roles = (header(headers, 'x-actor-roles') ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter((r): r is ActorRole => knownRoles.includes(r as ActorRole));
  return { id, roles };
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
