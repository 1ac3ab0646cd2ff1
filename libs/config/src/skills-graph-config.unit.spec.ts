import { describe, expect, it } from '@jest/globals';
import { ConfigError, deploymentNames, loadConfig, loadServiceConfig } from './skills-graph-config.js';

describe('loadConfig', () => {
  it('gives the embedded defaults with an empty environment', () => {
    expect(loadConfig({})).toMatchObject({ PORT: 4000, EVENT_STORE: 'embedded', SEED_DEMO: true, AUTH_MODE: 'demo' });
  });

  it('names each bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', EVENT_STORE: 'mongo' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', EVENT_STORE: 'mongo' });
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.split(':')[0])).toEqual(['PORT', 'EVENT_STORE']);
    }
  });

  it('requires the connection settings of the chosen event store, in the right shape', () => {
    expect(() => loadConfig({ EVENT_STORE: 'postgres' })).toThrow(/POSTGRES_URL is required when EVENT_STORE=postgres/);
    expect(() => loadConfig({ EVENT_STORE: 'postgres', POSTGRES_URL: 'mysql://x' })).toThrow(/POSTGRES_URL: expected a postgres:\/\/ connection URL/);
    expect(loadConfig({ EVENT_STORE: 'postgres', POSTGRES_URL: 'postgres://u@h:5432/db' }).POSTGRES_URL).toBe('postgres://u@h:5432/db');
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb' })).toThrow(/ESDB_CONNECTION_STRING is required/);
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb', ESDB_CONNECTION_STRING: 'http://x' })).toThrow(/esdb:\/\/ or kurrentdb:\/\//);
    expect(loadConfig({ EVENT_STORE: 'eventstoredb', ESDB_CONNECTION_STRING: 'kurrentdb://127.0.0.1:2113?tls=false' }).EVENT_STORE).toBe('eventstoredb');
  });

  it('requires a Neo4j URI for the Neo4j read model', () => {
    expect(() => loadConfig({ READ_MODEL: 'neo4j' })).toThrow(/NEO4J_URI is required when READ_MODEL=neo4j/);
    expect(() => loadConfig({ READ_MODEL: 'neo4j', NEO4J_URI: 'http://x' })).toThrow(/bolt:\/\/ or neo4j:\/\//);
    expect(loadConfig({ READ_MODEL: 'neo4j', NEO4J_URI: 'bolt://127.0.0.1:7687' }).NEO4J_URI).toBe('bolt://127.0.0.1:7687');
  });

  it('bounds every wait on a dependency, with defaults and limits named by variable', () => {
    expect(loadConfig({})).toMatchObject({ COMMAND_TIMEOUT_MS: 10_000, NEO4J_TIMEOUT_MS: 5_000, KAFKA_TIMEOUT_MS: 5_000, EVENT_STORE_TIMEOUT_MS: 30_000, DEPENDENCY_CHECK_INTERVAL_MS: 2_000, DEPENDENCY_CHECK_TIMEOUT_MS: 2_000 });
    expect(loadConfig({ NEO4J_TIMEOUT_MS: '1500' }).NEO4J_TIMEOUT_MS).toBe(1_500);
    expect(() => loadConfig({ COMMAND_TIMEOUT_MS: '0' })).toThrow(/COMMAND_TIMEOUT_MS/);
    expect(() => loadConfig({ KAFKA_TIMEOUT_MS: 'soon' })).toThrow(/KAFKA_TIMEOUT_MS/);
    expect(() => loadConfig({ EVENT_STORE_TIMEOUT_MS: '99999999' })).toThrow(/EVENT_STORE_TIMEOUT_MS/);
    expect(() => loadConfig({ DEPENDENCY_CHECK_INTERVAL_MS: '-1' })).toThrow(/DEPENDENCY_CHECK_INTERVAL_MS/);
  });

  it('requires Kafka brokers for the Kafka bus, as host:port pairs', () => {
    expect(() => loadConfig({ BUS: 'kafka' })).toThrow(/KAFKA_BROKERS is required when BUS=kafka/);
    expect(() => loadConfig({ BUS: 'kafka', KAFKA_BROKERS: 'localhost' })).toThrow(/host:port/);
    expect(loadConfig({ BUS: 'kafka', KAFKA_BROKERS: 'a:9092,b:9093' }).KAFKA_BROKERS).toEqual(['a:9092', 'b:9093']);
  });

  it('requires a long enough JWT secret in jwt mode', () => {
    expect(() => loadConfig({ AUTH_MODE: 'jwt' })).toThrow(/JWT_JWKS_URL or JWT_SECRET \(or both\) is required when AUTH_MODE=jwt/);
    expect(() => loadConfig({ AUTH_MODE: 'jwt', JWT_SECRET: 'short' })).toThrow(/at least 32/);
    expect(loadConfig({ AUTH_MODE: 'jwt', JWT_SECRET: 'x'.repeat(32) }).AUTH_MODE).toBe('jwt');
  });

  it('takes a JWKS URL instead of (or beside) the secret, over https or on loopback', () => {
    const jwks = loadConfig({ AUTH_MODE: 'jwt', JWT_JWKS_URL: 'https://idp.example.com/.well-known/jwks.json' });
    expect(jwks).toMatchObject({ JWT_JWKS_ALGORITHMS: ['RS256', 'ES256'], JWT_CLOCK_TOLERANCE_SECONDS: 30, JWT_ROLES_CLAIM: 'roles', JWT_JWKS_TIMEOUT_MS: 3_000 });
    expect(jwks.JWT_SECRET).toBeUndefined();
    expect(loadConfig({ AUTH_MODE: 'jwt', JWT_JWKS_URL: 'http://127.0.0.1:8080/jwks', JWT_SECRET: 'x'.repeat(32) }).JWT_SECRET).toHaveLength(32);
    expect(() => loadConfig({ JWT_JWKS_URL: 'http://idp.example.com/jwks' })).toThrow(/JWT_JWKS_URL: expected an https:\/\/ URL \(http:\/\/ only on loopback\)/);
    expect(() => loadConfig({ JWT_JWKS_URL: 'ftp://idp.example.com/jwks' })).toThrow(/JWT_JWKS_URL/);
    expect(loadConfig({ JWT_JWKS_ALGORITHMS: 'ES256, EdDSA', JWT_ROLES_CLAIM: 'realm_access.roles' })).toMatchObject({ JWT_JWKS_ALGORITHMS: ['ES256', 'EdDSA'], JWT_ROLES_CLAIM: 'realm_access.roles' });
    expect(() => loadConfig({ JWT_JWKS_ALGORITHMS: 'RS256,HS256' })).toThrow(/JWT_JWKS_ALGORITHMS/);
    expect(() => loadConfig({ JWT_JWKS_ALGORITHMS: 'none' })).toThrow(/JWT_JWKS_ALGORITHMS/);
    expect(() => loadConfig({ JWT_CLOCK_TOLERANCE_SECONDS: '3600' })).toThrow(/JWT_CLOCK_TOLERANCE_SECONDS/);
    expect(() => loadConfig({ JWT_JWKS_TIMEOUT_MS: '0' })).toThrow(/JWT_JWKS_TIMEOUT_MS/);
  });

  it('keeps debugging output, introspection and metrics closed unless asked', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ GRAPHQL_DEBUG: false, GRAPHQL_MAX_BODY_BYTES: 5_000_000, METRICS_HOST: '127.0.0.1' });
    expect(config.GRAPHQL_INTROSPECTION).toBeUndefined();
    expect(config.METRICS_PORT).toBeUndefined();
    expect(config.METRICS_TOKEN).toBeUndefined();
    expect(loadConfig({ GRAPHQL_DEBUG: 'true', GRAPHQL_INTROSPECTION: 'false', METRICS_PORT: '9464' })).toMatchObject({ GRAPHQL_DEBUG: true, GRAPHQL_INTROSPECTION: false, METRICS_PORT: 9464 });
    expect(() => loadConfig({ GRAPHQL_DEBUG: 'yes' })).toThrow(/GRAPHQL_DEBUG/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 32 characters/);
  });

  it("runs the embedded database's WebAssembly with the baseline compiler unless asked to optimise", () => {
    expect(loadConfig({}).PGLITE_OPTIMISING_COMPILER).toBe(false);
    expect(loadConfig({ PGLITE_OPTIMISING_COMPILER: 'true' }).PGLITE_OPTIMISING_COMPILER).toBe(true);
    expect(() => loadConfig({ PGLITE_OPTIMISING_COMPILER: 'yes' })).toThrow(/PGLITE_OPTIMISING_COMPILER/);
  });
});

describe('loadServiceConfig', () => {
  const shared = { EVENT_STORE: 'postgres', POSTGRES_URL: 'postgres://u@h:5432/db' };

  it('names what a service process cannot run without', () => {
    const problems = (env: Record<string, string>, service: Parameters<typeof loadServiceConfig>[0]) => {
      try {
        loadServiceConfig(service, env);
        return [];
      } catch (error) {
        return (error as ConfigError).problems.map((p) => p.split(':')[0]);
      }
    };
    expect(problems({}, 'relay')).toEqual(['EVENT_STORE', 'BUS', 'KAFKA_BROKERS']);
    expect(problems(shared, 'projector')).toEqual(['READ_MODEL']);
    expect(problems({ ...shared, READ_MODEL: 'neo4j', NEO4J_URI: 'bolt://n:7687', KAFKA_BROKERS: 'k:9092' }, 'gateway')).toEqual(['COMMAND_TRANSPORT']);
    expect(problems({ EVENT_STORE: 'eventstoredb', ESDB_CONNECTION_STRING: 'esdb://e:2113', KAFKA_BROKERS: 'k:9092' }, 'evidence')).toEqual(['POSTGRES_URL']);
    expect(problems({ ...shared, KAFKA_BROKERS: 'k:9092' }, 'framework')).toEqual([]);
  });

  it('refuses a wrong value with the variable named, like loadConfig', () => {
    expect(() => loadServiceConfig('relay', { ...shared, BUS: 'kafka', KAFKA_BROKERS: 'k:9092', DEPLOYMENT_NAME: 'Prod_EU' })).toThrow(/DEPLOYMENT_NAME: expected 1-40 lower-case letters/);
    expect(() => loadServiceConfig('relay', { ...shared, BUS: 'kafka', KAFKA_BROKERS: 'k:9092', LEASE_RETRY_MS: 'soon' })).toThrow(/LEASE_RETRY_MS/);
  });
});

describe('deploymentNames', () => {
  it('keeps the historical names without DEPLOYMENT_NAME and prefixes every name with it', () => {
    expect(deploymentNames({}).checkpoint('integration-event-relay')).toBe('integration-event-relay');
    const names = deploymentNames({ DEPLOYMENT_NAME: 'prod-eu' });
    expect([names.checkpoint('integration-event-relay'), names.consumerGroup('skills-graph-people'), names.topic('skills.levels.v1')]).toEqual(['prod-eu/integration-event-relay', 'prod-eu.skills-graph-people', 'prod-eu.skills.levels.v1']);
  });
});
