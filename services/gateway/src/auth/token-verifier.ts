import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import type { Actor, ActorRole } from '@skills-graph/contracts';
import type { SkillsGraphConfig } from '@skills-graph/config';
import { GatewayError } from '../errors/gateway-error.js';
import { bounded } from '../errors/bounded-text.js';

/**
 * Roles a token may carry. Unknown roles are dropped; `system` (the product's own HR feed) is never
 * accepted from outside.
 */
export const tokenRoles: readonly string[] = ['admin', 'director', 'framework-owner', 'hris', 'panel'];

/** Why a token was refused: `extensions.reason` of the UNAUTHENTICATED (or UNAVAILABLE) error. */
export type TokenRefusal =
  | 'MALFORMED'
  | 'ALGORITHM_NOT_ALLOWED'
  | 'BAD_SIGNATURE'
  | 'UNKNOWN_KEY'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_NOT_YET_VALID'
  | 'MISSING_EXP'
  | 'NO_SUBJECT'
  | 'WRONG_ISSUER'
  | 'WRONG_AUDIENCE'
  | 'INVALID_CLAIM'
  | 'KEYS_UNAVAILABLE';

export type TokenVerifierConfig = Pick<
  SkillsGraphConfig,
  | 'JWT_SECRET'
  | 'JWT_ISSUER'
  | 'JWT_AUDIENCE'
  | 'JWT_JWKS_URL'
  | 'JWT_JWKS_ALGORITHMS'
  | 'JWT_JWKS_TIMEOUT_MS'
  | 'JWT_JWKS_COOLDOWN_MS'
  | 'JWT_JWKS_CACHE_MAX_AGE_MS'
  | 'JWT_CLOCK_TOLERANCE_SECONDS'
  | 'JWT_ROLES_CLAIM'
>;

/** The identity provider's keys could not be fetched (down, slow, not a key set): not the caller's fault. */
class KeysUnavailable extends Error {}

const refuse = (reason: TokenRefusal, message: string) =>
  reason === 'KEYS_UNAVAILABLE'
    ? new GatewayError('UNAVAILABLE', message, 'authorization', { reason, retryAfterSeconds: 5 })
    : new GatewayError('UNAUTHENTICATED', `Invalid token: ${message}`, 'authorization', { reason });

/**
 * Verifies Bearer tokens: HS256 with JWT_SECRET (small setups), and asymmetric algorithms (RS256, ES256 by
 * default) with the keys of the identity provider's JWKS at JWT_JWKS_URL, fetched by jose's remote key set
 * (cached; fetched again when a token names an unknown `kid`, at most once per cooldown; each fetch bounded
 * by JWT_JWKS_TIMEOUT_MS). Which key verifies a token is decided by the configuration, never by the token:
 * HS256 only with the secret, asymmetric algorithms only from the JWKS, `none` never. `exp` and `sub` are
 * required; `exp`, `nbf` and `iat` are checked with JWT_CLOCK_TOLERANCE_SECONDS of skew.
 */
export class TokenVerifier {
  private readonly secret: Uint8Array | undefined;
  private readonly jwks: JWTVerifyGetKey | undefined;

  constructor(private readonly config: TokenVerifierConfig) {
    this.secret = config.JWT_SECRET ? new TextEncoder().encode(config.JWT_SECRET) : undefined;
    if (config.JWT_JWKS_URL) {
      const remote = createRemoteJWKSet(new URL(config.JWT_JWKS_URL), {
        timeoutDuration: config.JWT_JWKS_TIMEOUT_MS,
        cooldownDuration: config.JWT_JWKS_COOLDOWN_MS,
        cacheMaxAge: config.JWT_JWKS_CACHE_MAX_AGE_MS,
      });
      this.jwks = async (header, token) => {
        try {
          return await remote(header, token);
        } catch (error) {
          if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
          throw new KeysUnavailable((error as Error).message);
        }
      };
    }
  }

  /** The actor a token names; a GatewayError (UNAUTHENTICATED, or UNAVAILABLE when the keys cannot be fetched) otherwise. */
  async verify(token: string): Promise<Actor> {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw refuse('MALFORMED', 'not a JSON Web Token (expected header.payload.signature)');
    }
    const accepted = [...(this.secret ? ['HS256'] : []), ...(this.jwks ? this.config.JWT_JWKS_ALGORITHMS : [])];
    if (typeof alg !== 'string' || !accepted.includes(alg)) {
      throw refuse('ALGORITHM_NOT_ALLOWED', `tokens signed with ${bounded(JSON.stringify(alg ?? null), 20)} are not accepted here (accepted: ${accepted.join(', ')})`);
    }
    const options: JWTVerifyOptions = {
      algorithms: [alg],
      requiredClaims: ['exp', 'sub'],
      clockTolerance: this.config.JWT_CLOCK_TOLERANCE_SECONDS,
      ...(this.config.JWT_ISSUER && { issuer: this.config.JWT_ISSUER }),
      ...(this.config.JWT_AUDIENCE && { audience: this.config.JWT_AUDIENCE }),
    };
    let payload: JWTPayload;
    try {
      payload = alg === 'HS256' ? (await jwtVerify(token, this.secret!, options)).payload : (await jwtVerify(token, this.jwks!, options)).payload;
    } catch (error) {
      throw this.refusal(error);
    }
    if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + this.config.JWT_CLOCK_TOLERANCE_SECONDS) {
      throw refuse('TOKEN_NOT_YET_VALID', `it was issued in the future (iat ${new Date(payload.iat * 1000).toISOString()}); check the clocks`);
    }
    const sub = payload.sub!;
    if (sub.length > 200) throw refuse('INVALID_CLAIM', 'the sub claim is longer than 200 characters');
    return { id: sub, roles: rolesOf(payload, this.config.JWT_ROLES_CLAIM) };
  }

  private refusal(error: unknown): GatewayError {
    if (error instanceof KeysUnavailable) {
      return refuse('KEYS_UNAVAILABLE', "The identity provider's signing keys could not be fetched, so the token cannot be checked now; try again shortly");
    }
    if (error instanceof errors.JWTExpired) {
      const exp = typeof error.payload.exp === 'number' ? ` at ${new Date(error.payload.exp * 1000).toISOString()}` : '';
      return refuse('TOKEN_EXPIRED', `the token expired${exp}`);
    }
    if (error instanceof errors.JWTClaimValidationFailed) {
      const { claim, reason } = error;
      if (claim === 'exp' && reason === 'missing') return refuse('MISSING_EXP', 'the token has no exp claim; tokens must expire');
      if (claim === 'sub' && reason === 'missing') return refuse('NO_SUBJECT', 'the token has no sub claim (who is calling)');
      if (claim === 'nbf' && reason === 'check_failed') return refuse('TOKEN_NOT_YET_VALID', 'the token is not valid yet (nbf)');
      if (claim === 'iss') return refuse('WRONG_ISSUER', 'the token was not issued by the expected issuer (iss)');
      if (claim === 'aud') return refuse('WRONG_AUDIENCE', 'the token is not meant for this API (aud)');
      return refuse('INVALID_CLAIM', `the ${bounded(claim, 20)} claim is ${reason === 'missing' ? 'missing' : 'invalid'}`);
    }
    if (error instanceof errors.JWSSignatureVerificationFailed) return refuse('BAD_SIGNATURE', 'the signature does not match');
    if (error instanceof errors.JWKSNoMatchingKey) return refuse('UNKNOWN_KEY', "no key of the identity provider matches the token's kid and algorithm");
    if (error instanceof errors.JWKSMultipleMatchingKeys) return refuse('UNKNOWN_KEY', 'the token names no kid and several keys of the identity provider could match');
    if (error instanceof errors.JOSEAlgNotAllowed) return refuse('ALGORITHM_NOT_ALLOWED', 'the token is signed with an algorithm that is not accepted');
    if (error instanceof errors.JWTInvalid) return refuse('MALFORMED', 'the claims are not a valid JWT claims set');
    return refuse('MALFORMED', 'the token could not be read');
  }
}

/** Roles from a claim, or a dotted path to one (Keycloak: realm_access.roles); a list, or a space- or comma-separated string. */
export function rolesOf(payload: JWTPayload, claimPath: string): ActorRole[] {
  let value: unknown = payload;
  for (const part of claimPath.split('.')) {
    value = value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, part) ? (value as Record<string, unknown>)[part] : undefined;
  }
  const listed = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  return [...new Set(listed.filter((r): r is ActorRole => typeof r === 'string' && tokenRoles.includes(r)))];
}
