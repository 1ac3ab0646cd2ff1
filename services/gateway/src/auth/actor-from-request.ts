import type { Actor, ActorRole } from '@skills-graph/contracts';
import type { SkillsGraphConfig } from '@skills-graph/config';
import { GatewayError } from '../errors/gateway-error.js';
import { TokenVerifier, tokenRoles, type TokenVerifierConfig } from './token-verifier.js';

export type AuthenticatorConfig = TokenVerifierConfig & Pick<SkillsGraphConfig, 'AUTH_MODE'>;

/**
 * Who is calling. A `Bearer` JWT wins (see TokenVerifier: HS256 with JWT_SECRET, RS256/ES256 from the
 * JWKS at JWT_JWKS_URL); in AUTH_MODE=demo the `x-actor-id` header (and optional comma-separated
 * `x-actor-roles`) names the actor instead, so the embedded demo can be driven with curl. No credentials:
 * anonymous (null). One per process: it keeps the identity provider's keys cached.
 */
export class Authenticator {
  private readonly verifier: TokenVerifier | null;

  constructor(private readonly config: AuthenticatorConfig) {
    this.verifier = config.JWT_SECRET || config.JWT_JWKS_URL ? new TokenVerifier(config) : null;
  }

  async actorFrom(headers: Record<string, string | string[] | undefined>): Promise<Actor | null> {
    const authorization = header(headers, 'authorization');
    if (authorization) {
      const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
      if (!token) throw new GatewayError('UNAUTHENTICATED', 'Authorization must be "Bearer <token>"', 'authorization', { reason: 'MALFORMED' });
      if (!this.verifier) {
        throw new GatewayError('UNAUTHENTICATED', 'This gateway accepts no tokens (neither JWT_JWKS_URL nor JWT_SECRET is set)', 'authorization', { reason: 'ALGORITHM_NOT_ALLOWED' });
      }
      return this.verifier.verify(token);
    }
    if (this.config.AUTH_MODE !== 'demo') return null;
    const id = header(headers, 'x-actor-id')?.trim();
    if (!id) return null;
    const roles = (header(headers, 'x-actor-roles') ?? '')
      .split(',')
      .map((r) => r.trim())
      .filter((r): r is ActorRole => tokenRoles.includes(r));
    return { id, roles };
  }
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
