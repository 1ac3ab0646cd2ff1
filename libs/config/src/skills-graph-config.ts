import { z } from 'zod';

const flag = (fallback: 'true' | 'false') => z.enum(['true', 'false']).default(fallback).transform((v) => v === 'true');
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Algorithms a JWKS key may sign with (asymmetric only: HS256 is verified with JWT_SECRET alone). */
export const jwksAlgorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;

/**
 * Configuration from environment variables, validated once at start. A wrong value stops the process
 * with a message that names the variable.
 */
const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
    HOST: z.string().min(1).default('0.0.0.0'),
    EVENT_STORE: z.enum(['embedded', 'postgres', 'eventstoredb']).default('embedded'),
    POSTGRES_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, 'expected a postgres:// connection URL')
      .optional(),
    POSTGRES_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(200).default(10),
    ESDB_CONNECTION_STRING: z
      .string()
      .regex(/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kurrent|kurrent\+discover):\/\/\S+$/, 'expected an esdb:// or kurrentdb:// connection string')
      .optional(),
    READ_MODEL: z.enum(['memory', 'neo4j']).default('memory'),
    NEO4J_URI: z
      .string()
      .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/\S+$/, 'expected a bolt:// or neo4j:// URI')
      .optional(),
    NEO4J_USERNAME: z.string().min(1).default('neo4j'),
    NEO4J_PASSWORD: z.string().default(''),
    BUS: z.enum(['inprocess', 'kafka']).default('inprocess'),
    COMMAND_TRANSPORT: z.enum(['inprocess', 'kafka']).default('inprocess'),
    KAFKA_BROKERS: z
      .string()
      .regex(/^[^\s,:]+:\d+(,[^\s,:]+:\d+)*$/, 'expected host:port[,host:port...]')
      .transform((v) => v.split(','))
      .optional(),
    DATA_DIR: z.string().min(1).default('.data'),
    SEED_DEMO: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
    DEMO_ENGINEERS: z.coerce.number().int().min(34).max(20_000).default(320),
    /**
     * The embedded database (PGlite) is PostgreSQL compiled to WebAssembly. By default V8 runs it with its baseline
     * compiler only: about 80 MB less resident memory and a faster start. `true` lets V8 also optimise its hot code
     * (about 20% faster on large batched appends).
     */
    PGLITE_OPTIMISING_COMPILER: flag('false'),
    AUTH_MODE: z.enum(['demo', 'jwt']).default('demo'),
    JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
    JWT_ISSUER: z.string().min(1).optional(),
    JWT_AUDIENCE: z.string().min(1).optional(),
    JWT_JWKS_URL: z
      .url({ protocol: /^https?$/, error: 'expected an https:// URL' })
      .refine((v) => new URL(v).protocol === 'https:' || loopbackHosts.has(new URL(v).hostname), 'expected an https:// URL (http:// only on loopback)')
      .optional(),
    JWT_JWKS_ALGORITHMS: z
      .string()
      .transform((v) => v.split(',').map((a) => a.trim()))
      .pipe(z.array(z.enum(jwksAlgorithms, { error: `expected a comma-separated list of ${jwksAlgorithms.join(', ')}` })).min(1))
      .default(['RS256', 'ES256']),
    JWT_JWKS_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3_000),
    JWT_JWKS_COOLDOWN_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
    JWT_JWKS_CACHE_MAX_AGE_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(600_000),
    JWT_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
    JWT_ROLES_CLAIM: z
      .string()
      .regex(/^[A-Za-z0-9_:/.-]+$/, 'expected a claim name or a dotted path such as realm_access.roles')
      .default('roles'),
    GRAPHQL_DEBUG: flag('false'),
    GRAPHQL_INTROSPECTION: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    GRAPHQL_MAX_BODY_BYTES: z.coerce.number().int().min(1_024).max(50_000_000).default(5_000_000),
    /** How long an idle kept-alive HTTP connection stays open: longer than a load balancer's idle timeout (60 s is common), so it never reuses one the product just closed. */
    HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(65_000),
    METRICS_TOKEN: z.string().min(32, 'METRICS_TOKEN must be at least 32 characters').optional(),
    METRICS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
    METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    READ_YOUR_WRITES_TIMEOUT_MS: z.coerce.number().int().min(0).max(30_000).default(2_000),
    /** Bounded waits (docs/errors.md, docs/operations.md): the longest a mutation's command may take before UNAVAILABLE. */
    COMMAND_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
    /** The longest one Neo4j call may take: connecting, acquiring a pooled connection, a transaction and its retries. */
    NEO4J_TIMEOUT_MS: z.coerce.number().int().min(200).max(120_000).default(5_000),
    /** kafkajs connection and request timeouts; retries of one Kafka call stop after about twice this. */
    KAFKA_TIMEOUT_MS: z.coerce.number().int().min(200).max(120_000).default(5_000),
    /** PostgreSQL: connecting and one query (the event store, checkpoints, keys). */
    EVENT_STORE_TIMEOUT_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
    /** How often the dependencies behind /ready are probed in the background (each probe bounded by DEPENDENCY_CHECK_TIMEOUT_MS). */
    DEPENDENCY_CHECK_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
    DEPENDENCY_CHECK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
    /**
     * Prefix of checkpoint and lease names, Kafka consumer groups and topics, so two deployments sharing a
     * database or a Kafka cluster never share them. Unset: the historical names, unprefixed.
     */
    DEPLOYMENT_NAME: z
      .string()
      .regex(/^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/, 'expected 1-40 lower-case letters, digits or dashes (not at either end)')
      .optional(),
    /** How often a standby replica asks for a follower's lease (ms). */
    LEASE_RETRY_MS: z.coerce.number().int().min(100).max(60_000).default(1_000),
    /** A follower (assessment, relay) stores its state beside its checkpoint at least every this many events. */
    FOLLOWER_SNAPSHOT_EVERY: z.coerce.number().int().min(1_000).max(10_000_000).default(50_000),
  })
  .superRefine((env, ctx) => {
    if (env.EVENT_STORE === 'postgres' && !env.POSTGRES_URL) {
      ctx.addIssue({ code: 'custom', path: ['POSTGRES_URL'], message: 'POSTGRES_URL is required when EVENT_STORE=postgres' });
    }
    if (env.EVENT_STORE === 'eventstoredb' && !env.ESDB_CONNECTION_STRING) {
      ctx.addIssue({ code: 'custom', path: ['ESDB_CONNECTION_STRING'], message: 'ESDB_CONNECTION_STRING is required when EVENT_STORE=eventstoredb' });
    }
    if (env.READ_MODEL === 'neo4j' && !env.NEO4J_URI) {
      ctx.addIssue({ code: 'custom', path: ['NEO4J_URI'], message: 'NEO4J_URI is required when READ_MODEL=neo4j' });
    }
    if ((env.BUS === 'kafka' || env.COMMAND_TRANSPORT === 'kafka') && !env.KAFKA_BROKERS) {
      ctx.addIssue({ code: 'custom', path: ['KAFKA_BROKERS'], message: 'KAFKA_BROKERS is required when BUS=kafka or COMMAND_TRANSPORT=kafka' });
    }
    if (env.AUTH_MODE === 'jwt' && !env.JWT_SECRET && !env.JWT_JWKS_URL) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'JWT_JWKS_URL or JWT_SECRET (or both) is required when AUTH_MODE=jwt' });
    }
  });

export type SkillsGraphConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): SkillsGraphConfig {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`));
}

export const CONFIG = Symbol('SkillsGraphConfig');

/** Names shared with other deployments, each carrying DEPLOYMENT_NAME when it is set. */
export interface DeploymentNames {
  /** A checkpoint, follower state or lease name in the event store's database. */
  checkpoint(name: string): string;
  consumerGroup(name: string): string;
  topic(name: string): string;
}

export function deploymentNames(config: Pick<SkillsGraphConfig, 'DEPLOYMENT_NAME'>): DeploymentNames {
  const prefix = config.DEPLOYMENT_NAME;
  if (!prefix) return { checkpoint: (n) => n, consumerGroup: (n) => n, topic: (n) => n };
  return { checkpoint: (n) => `${prefix}/${n}`, consumerGroup: (n) => `${prefix}.${n}`, topic: (n) => `${prefix}.${n}` };
}

/** The processes of a distributed deployment (the embedded host runs them all in one). */
export const serviceNames = ['gateway', 'framework', 'people', 'evidence', 'assessment', 'projector', 'relay'] as const;
export type ServiceName = (typeof serviceNames)[number];

/** What each service process needs beyond the common settings: checked at start, named when missing. */
const serviceRequirements: Record<ServiceName, { neo4j?: boolean; kafkaBus?: boolean; commandsOverKafka?: boolean; kafka?: boolean }> = {
  gateway: { neo4j: true, commandsOverKafka: true, kafka: true },
  framework: { kafka: true },
  people: { kafka: true, kafkaBus: true },
  evidence: { kafka: true },
  assessment: { kafka: true },
  projector: { neo4j: true },
  relay: { kafka: true, kafkaBus: true },
};

/**
 * The configuration of one service process: loadConfig's checks, plus what the service cannot run
 * without. Several processes share the log, so the event store is PostgreSQL (or EventStoreDB with
 * PostgreSQL beside it for checkpoints, leases and keys), never the embedded PGlite.
 */
export function loadServiceConfig(service: ServiceName, env: Record<string, string | undefined> = process.env): SkillsGraphConfig {
  const config = loadConfig(env);
  const needs = serviceRequirements[service];
  const problems: string[] = [];
  if (config.EVENT_STORE === 'embedded') problems.push(`EVENT_STORE: the ${service} service shares the log with other processes: set postgres or eventstoredb`);
  if (config.EVENT_STORE === 'eventstoredb' && !config.POSTGRES_URL) problems.push(`POSTGRES_URL: the ${service} service keeps checkpoints, leases and keys in PostgreSQL: set it beside EVENT_STORE=eventstoredb`);
  if (needs.neo4j && config.READ_MODEL !== 'neo4j') problems.push(`READ_MODEL: the ${service} service reads the graph other processes project: set neo4j (and NEO4J_URI)`);
  if (needs.commandsOverKafka && config.COMMAND_TRANSPORT !== 'kafka') problems.push(`COMMAND_TRANSPORT: the ${service} service sends commands to the command services: set kafka`);
  if (needs.kafkaBus && config.BUS !== 'kafka') problems.push(`BUS: the ${service} service needs Kafka: set kafka (and KAFKA_BROKERS)`);
  if (needs.kafka && !config.KAFKA_BROKERS) problems.push(`KAFKA_BROKERS: required by the ${service} service`);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
