import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportSPKI, importJWK, SignJWT } from 'jose';
import { loadConfig } from '@skills-graph/config';
import { GatewayError } from '../errors/gateway-error.js';
import { generateTestKey, jwtTestEnv, signToken, startJwksServer, testSecret, unsignedToken, type JwksServer, type TestKey } from '../testing/index.js';
import { Authenticator } from './actor-from-request.js';
import { TokenVerifier, rolesOf } from './token-verifier.js';

// Real keys, real signatures, a real JWKS served over HTTP by a server this test starts: no mocks.
let jwks: JwksServer;
let rsa: TestKey;
let ec: TestKey;

beforeAll(async () => {
  rsa = await generateTestKey('RS256');
  ec = await generateTestKey('ES256');
  jwks = await startJwksServer({ keys: [rsa, ec] });
});
afterAll(() => jwks.close());

const verifierFor = (env: Record<string, string>) => new TokenVerifier(loadConfig(env));
const jwksOnly = () => verifierFor(jwtTestEnv(jwks));

async function refusal(promise: Promise<unknown>): Promise<{ code: string; reason: unknown; message: string }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    const e = error as GatewayError;
    return { code: e.code, reason: e.details['reason'], message: e.message };
  }
  throw new Error('expected the token to be refused');
}

describe('TokenVerifier with a JWKS', () => {
  it('accepts RS256 and ES256 tokens signed by a key of the JWKS, with the known roles of the token', async () => {
    const verifier = jwksOnly();
    await expect(verifier.verify(await signToken('eng-0001', { roles: ['hris', 'wizard'] }, rsa))).resolves.toEqual({ id: 'eng-0001', roles: ['hris'] });
    await expect(verifier.verify(await signToken('eng-0002', { roles: ['panel'] }, ec))).resolves.toEqual({ id: 'eng-0002', roles: ['panel'] });
  });

  it('never accepts the system role from a token', async () => {
    await expect(jwksOnly().verify(await signToken('intruder', { roles: ['system', 'admin'] }, rsa))).resolves.toEqual({ id: 'intruder', roles: ['admin'] });
  });

  it('reads roles from a dotted claim path (Keycloak realm_access.roles) or a space-separated string', async () => {
    const keycloak = verifierFor(jwtTestEnv(jwks, { JWT_ROLES_CLAIM: 'realm_access.roles' }));
    const token = await signToken('eng-0003', { realm_access: { roles: ['framework-owner', 'offline_access'] }, roles: ['admin'] }, rsa);
    await expect(keycloak.verify(token)).resolves.toEqual({ id: 'eng-0003', roles: ['framework-owner'] });
    expect(rolesOf({ scope: 'openid hris panel' }, 'scope')).toEqual(['hris', 'panel']);
    expect(rolesOf({ realm_access: 'admin' }, 'realm_access.roles')).toEqual([]);
    expect(rolesOf({ roles: [1, null, { admin: true }, 'admin', 'admin'] }, 'roles')).toEqual(['admin']);
  });

  it('refuses expired, not-yet-valid and future-issued tokens beyond the clock tolerance, and accepts them within it', async () => {
    const verifier = jwksOnly();
    expect(await refusal(verifier.verify(await signToken('eng-1', {}, rsa, { expiresIn: -31, issuedAt: -600 })))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED' });
    await expect(verifier.verify(await signToken('eng-1', {}, rsa, { expiresIn: -20, issuedAt: -600 }))).resolves.toMatchObject({ id: 'eng-1' });
    expect(await refusal(verifier.verify(await signToken('eng-1', {}, rsa, { notBefore: 60 })))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_NOT_YET_VALID' });
    await expect(verifier.verify(await signToken('eng-1', {}, rsa, { notBefore: 20 }))).resolves.toMatchObject({ id: 'eng-1' });
    expect(await refusal(verifier.verify(await signToken('eng-1', {}, rsa, { issuedAt: 120 })))).toMatchObject({ reason: 'TOKEN_NOT_YET_VALID' });
    const strict = verifierFor(jwtTestEnv(jwks, { JWT_CLOCK_TOLERANCE_SECONDS: '0' }));
    expect(await refusal(strict.verify(await signToken('eng-1', {}, rsa, { expiresIn: -2, issuedAt: -600 })))).toMatchObject({ reason: 'TOKEN_EXPIRED' });
  });

  it('refuses a token without exp, naming why', async () => {
    const refused = await refusal(jwksOnly().verify(await signToken('eng-1', {}, rsa, { expiresIn: null })));
    expect(refused).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'MISSING_EXP' });
    expect(refused.message).toMatch(/no exp claim; tokens must expire/);
  });

  it('refuses a token without sub', async () => {
    expect(await refusal(jwksOnly().verify(await signToken(null, {}, rsa)))).toMatchObject({ reason: 'NO_SUBJECT' });
  });

  it('refuses the wrong issuer or audience', async () => {
    const verifier = jwksOnly();
    expect(await refusal(verifier.verify(await signToken('eng-1', {}, rsa, { issuer: 'https://evil.example' })))).toMatchObject({ reason: 'WRONG_ISSUER' });
    expect(await refusal(verifier.verify(await signToken('eng-1', {}, rsa, { issuer: null })))).toMatchObject({ reason: 'WRONG_ISSUER' });
    expect(await refusal(verifier.verify(await signToken('eng-1', {}, rsa, { audience: 'another-api' })))).toMatchObject({ reason: 'WRONG_AUDIENCE' });
  });

  it('refuses alg none, HS256 when only a JWKS is configured, and a key the JWKS does not hold', async () => {
    const verifier = jwksOnly();
    expect(await refusal(verifier.verify(unsignedToken('eng-1', { roles: ['admin'] })))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ALGORITHM_NOT_ALLOWED' });
    expect(await refusal(verifier.verify(await signToken('eng-1', {}, { secret: testSecret })))).toMatchObject({ reason: 'ALGORITHM_NOT_ALLOWED' });
    const stranger = await generateTestKey('RS256');
    expect(await refusal(verifier.verify(await signToken('eng-1', {}, stranger)))).toMatchObject({ reason: 'UNKNOWN_KEY' });
    // A key of the JWKS named by kid, but the signature made by another key.
    expect(await refusal(verifier.verify(await signToken('eng-1', {}, stranger, { kid: rsa.kid })))).toMatchObject({ reason: 'BAD_SIGNATURE' });
    expect(await refusal(verifier.verify('not-a-token'))).toMatchObject({ reason: 'MALFORMED' });
  });

  it('refuses algorithm confusion: an HS256 token keyed with the public key, with both the JWKS and a secret configured', async () => {
    const both = verifierFor(jwtTestEnv(jwks, { JWT_SECRET: testSecret }));
    const publicPem = await exportSPKI((await importJWK(rsa.publicJwk, 'RS256', { extractable: true })) as Parameters<typeof exportSPKI>[0]);
    const confused = await new SignJWT({ sub: 'eng-1', iss: 'https://idp.skills-graph.test', aud: 'skills-graph-api' })
      .setProtectedHeader({ alg: 'HS256', kid: rsa.kid })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(publicPem));
    expect(await refusal(both.verify(confused))).toMatchObject({ reason: 'BAD_SIGNATURE' });
    // The same verifier takes genuine HS256 and RS256 tokens.
    await expect(both.verify(await signToken('eng-1', {}, { secret: testSecret }))).resolves.toMatchObject({ id: 'eng-1' });
    await expect(both.verify(await signToken('eng-2', {}, rsa))).resolves.toMatchObject({ id: 'eng-2' });
  });

  it('follows key rotation: a new key is fetched on its unknown kid, and a removed key is refused', async () => {
    const server = await startJwksServer({ keys: [await generateTestKey('RS256')] });
    try {
      const [oldKey] = server.keys;
      const verifier = verifierFor(jwtTestEnv(server));
      await expect(verifier.verify(await signToken('eng-1', {}, oldKey!))).resolves.toMatchObject({ id: 'eng-1' });
      const fetchesBefore = server.requests;
      await expect(verifier.verify(await signToken('eng-1', {}, oldKey!))).resolves.toMatchObject({ id: 'eng-1' });
      expect(server.requests).toBe(fetchesBefore); // cached

      const newKey = await generateTestKey('ES256');
      server.serve([newKey]);
      await expect(verifier.verify(await signToken('eng-2', {}, newKey))).resolves.toMatchObject({ id: 'eng-2' });
      expect(server.requests).toBe(fetchesBefore + 1);
      expect(await refusal(verifier.verify(await signToken('eng-1', {}, oldKey!)))).toMatchObject({ reason: 'UNKNOWN_KEY' });
    } finally {
      await server.close();
    }
  });

  it('refetches at most once per cooldown for unknown kids', async () => {
    const server = await startJwksServer({ keys: [rsa] });
    try {
      const verifier = verifierFor(jwtTestEnv(server, { JWT_JWKS_COOLDOWN_MS: '60000' }));
      await verifier.verify(await signToken('eng-1', {}, rsa));
      const stranger = await generateTestKey('RS256');
      for (let i = 0; i < 5; i += 1) expect(await refusal(verifier.verify(await signToken('eng-1', {}, stranger)))).toMatchObject({ reason: 'UNKNOWN_KEY' });
      expect(server.requests).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('answers UNAVAILABLE within the fetch bound when the JWKS server is slow, down or failing, never hanging', async () => {
    const server = await startJwksServer({ keys: [rsa] });
    const verifier = verifierFor(jwtTestEnv(server, { JWT_JWKS_TIMEOUT_MS: '300' }));
    const token = await signToken('eng-1', {}, rsa);

    server.delayMs = 5_000;
    let started = Date.now();
    expect(await refusal(verifier.verify(token))).toMatchObject({ code: 'UNAVAILABLE', reason: 'KEYS_UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(1_500);

    server.delayMs = 0;
    server.failWith = 503;
    expect(await refusal(verifier.verify(token))).toMatchObject({ code: 'UNAVAILABLE', reason: 'KEYS_UNAVAILABLE' });

    await server.close();
    started = Date.now();
    expect(await refusal(verifier.verify(token))).toMatchObject({ code: 'UNAVAILABLE', reason: 'KEYS_UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});

describe('Authenticator', () => {
  it('reads the Bearer token, or in demo mode the x-actor headers without the system role', async () => {
    const demo = new Authenticator(loadConfig({}));
    await expect(demo.actorFrom({ 'x-actor-id': 'eng-1', 'x-actor-roles': 'panel, system,admin' })).resolves.toEqual({ id: 'eng-1', roles: ['panel', 'admin'] });
    await expect(demo.actorFrom({})).resolves.toBeNull();
    expect(await refusal(demo.actorFrom({ authorization: 'Bearer x.y.z' }))).toMatchObject({ code: 'UNAUTHENTICATED' });

    const jwt = new Authenticator(loadConfig(jwtTestEnv(jwks)));
    await expect(jwt.actorFrom({ 'x-actor-id': 'eng-1' })).resolves.toBeNull();
    expect(await refusal(jwt.actorFrom({ authorization: 'Basic abc' }))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'MALFORMED' });
    await expect(jwt.actorFrom({ authorization: `Bearer ${await signToken('eng-9', { roles: ['hris'] }, ec)}` })).resolves.toEqual({ id: 'eng-9', roles: ['hris'] });
  });
});
