import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, generateTestKey, jwtTestEnv, signToken, startJwksServer, testSecret, unsignedToken, type JwksServer, type TestKey } from '@skills-graph/gateway/testing';
import { EmbeddedTestInstance } from './testing/embedded-test-instance.js';

// The product in jwt mode, trusting a JWKS served by a local HTTP server this test starts; real RS256 and
// ES256 keys; the key server is rotated, slowed and taken down.
const metricsToken = 'metrics-token-of-at-least-32-characters';
let jwks: JwksServer;
let rsa: TestKey;
let ec: TestKey;
let instance: EmbeddedTestInstance;

beforeAll(async () => {
  rsa = await generateTestKey('RS256');
  ec = await generateTestKey('ES256');
  jwks = await startJwksServer({ keys: [rsa, ec] });
  instance = new EmbeddedTestInstance(jwtTestEnv(jwks, { DEMO_ENGINEERS: '34', METRICS_TOKEN: metricsToken, METRICS_PORT: '0' }));
  await instance.start();
}, 180_000);

afterAll(async () => {
  await instance.dispose();
  await jwks.close();
});

async function call(query: string, headers: Record<string, string>, variables: Record<string, unknown> = {}) {
  const started = Date.now();
  const response = await fetch(`${instance.running.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: any; errors?: { message: string; extensions: Record<string, unknown> }[] };
  return { status: response.status, headers: response.headers, body, error: body.errors?.[0], ms: Date.now() - started };
}

const skills = '{ skills { id } }';
const registerSkill = 'mutation($id: ID!, $name: String!) { registerSkill(input: { id: $id, name: $name, aliases: [] }) { position } }';

describe('jwt mode with a JWKS', () => {
  it('accepts RS256 and ES256 tokens signed by the identity provider', async () => {
    for (const key of [rsa, ec]) {
      const answer = await call(skills, bearer(await signToken('eng-0001', {}, key)));
      expect({ status: answer.status, errors: answer.body.errors }).toEqual({ status: 200, errors: undefined });
      expect(answer.body.data.skills.length).toBeGreaterThan(0);
    }
  });

  it("takes roles from the token, dropping unknown ones and never accepting 'system'", async () => {
    const owner = await call(registerSkill, bearer(await signToken('eng-0001', { roles: ['framework-owner', 'wizard'] }, ec)), { id: 'zig', name: 'Zig' });
    expect({ status: owner.status, errors: owner.body.errors }).toEqual({ status: 200, errors: undefined });
    const system = await call(registerSkill, bearer(await signToken('eng-0001', { roles: ['system', 'wizard'] }, rsa)), { id: 'odin', name: 'Odin' });
    expect([system.status, system.error?.extensions['code']]).toEqual([403, 'FORBIDDEN']);
  });

  it('refuses bad tokens with 401 UNAUTHENTICATED and the reason', async () => {
    const cases: [string, string, string][] = [
      ['expired', await signToken('eng-0001', {}, rsa, { expiresIn: -120, issuedAt: -900 }), 'TOKEN_EXPIRED'],
      ['not yet valid', await signToken('eng-0001', {}, rsa, { notBefore: 300 }), 'TOKEN_NOT_YET_VALID'],
      ['without exp', await signToken('eng-0001', {}, rsa, { expiresIn: null }), 'MISSING_EXP'],
      ['for another API', await signToken('eng-0001', {}, rsa, { audience: 'payroll' }), 'WRONG_AUDIENCE'],
      ['from another issuer', await signToken('eng-0001', {}, ec, { issuer: 'https://evil.example' }), 'WRONG_ISSUER'],
      ['unsigned (alg none)', unsignedToken('eng-0001', { roles: ['admin'] }), 'ALGORITHM_NOT_ALLOWED'],
      ['HS256 when only a JWKS is configured', await signToken('eng-0001', { roles: ['admin'] }, { secret: testSecret }), 'ALGORITHM_NOT_ALLOWED'],
      ['signed by a key the JWKS does not hold', await signToken('eng-0001', {}, await generateTestKey('ES256')), 'UNKNOWN_KEY'],
      ['garbage', 'abc.def.ghi', 'MALFORMED'],
    ];
    for (const [name, token, reason] of cases) {
      const answer = await call(skills, bearer(token));
      expect({ name, status: answer.status, code: answer.error?.extensions['code'], reason: answer.error?.extensions['reason'] }).toEqual({ name, status: 401, code: 'UNAUTHENTICATED', reason });
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(JSON.stringify(answer.body)).not.toMatch(/stacktrace|node_modules/);
    }
  });

  it('keeps introspection off in jwt mode', async () => {
    const answer = await call('{ __schema { types { name } } }', bearer(await signToken('eng-0001', { roles: ['admin'] }, rsa)));
    expect([answer.status, answer.error?.extensions['code']]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED']);
  });

  it('serves metrics only with the metrics token on the main port, and without one on the loopback metrics port; health and readiness stay open', async () => {
    const url = `${instance.running.url}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: bearer(await signToken('eng-0001', { roles: ['admin'] }, rsa)) })).status).toBe(401);
    const scraped = await fetch(url, { headers: bearer(metricsToken) });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(/skills_graph_projector_position/);

    expect(instance.running.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const separate = await fetch(instance.running.metricsUrl!);
    expect(separate.status).toBe(200);
    expect(await separate.text()).toMatch(/skills_graph_projector_lag_events/);

    expect((await fetch(`${instance.running.url}/health`)).status).toBe(200);
    expect((await fetch(`${instance.running.url}/ready`)).status).toBe(200);
  });

  it('follows a key rotation: the new key is accepted after a refetch, the removed one is refused', async () => {
    const next = await generateTestKey('RS256');
    jwks.serve([next, ec]);
    const rotated = await call(skills, bearer(await signToken('eng-0002', {}, next)));
    expect({ status: rotated.status, errors: rotated.body.errors }).toEqual({ status: 200, errors: undefined });
    const removed = await call(skills, bearer(await signToken('eng-0002', {}, rsa)));
    expect([removed.status, removed.error?.extensions['reason']]).toEqual([401, 'UNKNOWN_KEY']);
    rsa = next;
  });

  it('answers 503 UNAVAILABLE within the fetch bound when the key server is slow or down, and still verifies cached keys', async () => {
    jwks.delayMs = 10_000;
    const slow = await call(skills, bearer(await signToken('eng-0003', {}, await generateTestKey('ES256'))));
    expect([slow.status, slow.error?.extensions['code'], slow.error?.extensions['reason']]).toEqual([503, 'UNAVAILABLE', 'KEYS_UNAVAILABLE']);
    expect(slow.headers.get('retry-after')).toBe('5');
    expect(slow.ms).toBeLessThan(3_000);

    await jwks.close();
    const down = await call(skills, bearer(await signToken('eng-0003', {}, await generateTestKey('RS256'))));
    expect([down.status, down.error?.extensions['code']]).toEqual([503, 'UNAVAILABLE']);
    expect(down.ms).toBeLessThan(3_000);
    const cached = await call(skills, bearer(await signToken('eng-0003', {}, ec)));
    expect({ status: cached.status, errors: cached.body.errors }).toEqual({ status: 200, errors: undefined });
  });
});
