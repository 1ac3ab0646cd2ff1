import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './skills-graph-config.js';

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

  it('requires Kafka brokers for the Kafka bus, as host:port pairs', () => {
    expect(() => loadConfig({ BUS: 'kafka' })).toThrow(/KAFKA_BROKERS is required when BUS=kafka/);
    expect(() => loadConfig({ BUS: 'kafka', KAFKA_BROKERS: 'localhost' })).toThrow(/host:port/);
    expect(loadConfig({ BUS: 'kafka', KAFKA_BROKERS: 'a:9092,b:9093' }).KAFKA_BROKERS).toEqual(['a:9092', 'b:9093']);
  });

  it('requires a long enough JWT secret in jwt mode', () => {
    expect(() => loadConfig({ AUTH_MODE: 'jwt' })).toThrow(/JWT_SECRET is required/);
    expect(() => loadConfig({ AUTH_MODE: 'jwt', JWT_SECRET: 'short' })).toThrow(/at least 32/);
    expect(loadConfig({ AUTH_MODE: 'jwt', JWT_SECRET: 'x'.repeat(32) }).AUTH_MODE).toBe('jwt');
  });
});
