import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, type JWK, type JWTPayload } from 'jose';

/** Issuer and audience that signToken puts in tokens and jwtTestEnv configures. */
export const testIssuer = 'https://idp.skills-graph.test';
export const testAudience = 'skills-graph-api';
/** A JWT_SECRET for HS256 tests (32+ characters). */
export const testSecret = 'test-secret-of-at-least-32-characters!!';

export type TestKeyAlgorithm = 'RS256' | 'ES256';
type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/** A signing key pair as an identity provider holds it: the private key signs, the public JWK is published. */
export interface TestKey {
  kid: string;
  alg: TestKeyAlgorithm;
  privateKey: PrivateKey;
  publicJwk: JWK;
}

export async function generateTestKey(alg: TestKeyAlgorithm = 'RS256', kid = `${alg.toLowerCase()}-${randomUUID().slice(0, 8)}`): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/**
 * A JSON Web Key Set served over HTTP on 127.0.0.1 (a free port), as an identity provider publishes it.
 * `serve` swaps the keys (rotation), `delayMs` makes it slow, `failWith` makes it answer an HTTP error,
 * `close` takes it down; `requests` counts the fetches.
 */
export interface JwksServer {
  readonly url: string;
  keys: TestKey[];
  delayMs: number;
  failWith: number | null;
  readonly requests: number;
  serve(keys: TestKey[]): void;
  close(): Promise<void>;
}

export async function startJwksServer(options: { keys?: TestKey[] } = {}): Promise<JwksServer> {
  let requests = 0;
  const state = { keys: options.keys ?? [await generateTestKey('RS256'), await generateTestKey('ES256')], delayMs: 0, failWith: null as number | null };
  const server: Server = createServer((req, res) => {
    requests += 1;
    const answer = () => {
      if (res.destroyed) return;
      if (state.failWith !== null) {
        res.writeHead(state.failWith, { 'content-type': 'text/plain' }).end('unavailable');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: state.keys.map((k) => k.publicJwk) }));
    };
    if (state.delayMs > 0) setTimeout(answer, state.delayMs).unref();
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    get keys() {
      return state.keys;
    },
    set keys(keys: TestKey[]) {
      state.keys = keys;
    },
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    get failWith() {
      return state.failWith;
    },
    set failWith(status: number | null) {
      state.failWith = status;
    },
    get requests() {
      return requests;
    },
    serve(keys: TestKey[]) {
      state.keys = keys;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface SignOptions {
  /** Seconds from now, or null for a token without exp. Default 600. */
  expiresIn?: number | null;
  /** Seconds from now for nbf; absent by default. */
  notBefore?: number;
  /** Seconds from now for iat; default 0 (now). */
  issuedAt?: number;
  /** Default testIssuer; null leaves iss out. */
  issuer?: string | null;
  /** Default testAudience; null leaves aud out. */
  audience?: string | string[] | null;
  /** Overrides the kid in the header (default: the key's own). */
  kid?: string;
}

/**
 * A signed JWT for `sub` with `claims` (e.g. { roles: ['admin'] }): with a TestKey (RS256/ES256, kid in
 * the header) or HS256 with a secret. Valid for 10 minutes, with testIssuer and testAudience, unless told.
 */
export async function signToken(sub: string | null, claims: JWTPayload, key: TestKey | { secret: string }, options: SignOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ ...claims, ...(sub !== null && { sub }) });
  if ('secret' in key) jwt.setProtectedHeader({ alg: 'HS256', typ: 'JWT' });
  else jwt.setProtectedHeader({ alg: key.alg, kid: options.kid ?? key.kid, typ: 'JWT' });
  jwt.setIssuedAt(now + (options.issuedAt ?? 0));
  const expiresIn = options.expiresIn === undefined ? 600 : options.expiresIn;
  if (expiresIn !== null) jwt.setExpirationTime(now + expiresIn);
  if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
  const issuer = options.issuer === undefined ? testIssuer : options.issuer;
  if (issuer !== null) jwt.setIssuer(issuer);
  const audience = options.audience === undefined ? testAudience : options.audience;
  if (audience !== null) jwt.setAudience(audience);
  return jwt.sign('secret' in key ? new TextEncoder().encode(key.secret) : key.privateKey);
}

/** An unsigned token (`alg: none`), which must always be refused. */
export function unsignedToken(sub: string, claims: JWTPayload = {}): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ ...claims, sub, iss: testIssuer, aud: testAudience, iat: now, exp: now + 600 })}.`;
}

/**
 * Environment for a product (e.g. an EmbeddedTestInstance) that trusts `jwks` in jwt mode, with
 * testIssuer/testAudience and a short JWKS cooldown so rotation tests need not wait 30 s.
 */
export function jwtTestEnv(jwks: JwksServer, extra: Record<string, string> = {}): Record<string, string> {
  return {
    AUTH_MODE: 'jwt',
    JWT_JWKS_URL: jwks.url,
    JWT_ISSUER: testIssuer,
    JWT_AUDIENCE: testAudience,
    JWT_JWKS_COOLDOWN_MS: '0',
    JWT_JWKS_TIMEOUT_MS: '1000',
    ...extra,
  };
}

/** `Authorization` header for a token. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
