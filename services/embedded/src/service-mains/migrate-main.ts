// Database migrations and the Neo4j schema only, then exit: node services/embedded/dist/service-mains/migrate-main.js
// (the Kubernetes migrations Job and `docker compose run migrate`). Every service also applies pending migrations
// at start under an advisory lock; running this first keeps DDL out of the rolling update.
//   EVENT_STORE (postgres | eventstoredb) + POSTGRES_URL: the event store's tables (sg_migrations), idempotent
//   READ_MODEL=neo4j + NEO4J_URI (NEO4J_USERNAME, NEO4J_PASSWORD): the graph's constraints and indexes, idempotent
import { pino } from 'pino';
import { ConfigError, loadConfig } from '@skills-graph/config';
import { openEventStore } from '@skills-graph/event-store';
import { Neo4jSkillsGraph } from '@skills-graph/read-model';

const logger = pino({ level: process.env['LOG_LEVEL'] ?? 'info', base: { service: 'migrate' } });

try {
  const config = loadConfig();
  const problems: string[] = [];
  if (config.EVENT_STORE === 'embedded') problems.push('EVENT_STORE: migrations run against a shared store: set postgres or eventstoredb');
  if (config.EVENT_STORE === 'eventstoredb' && !config.POSTGRES_URL) problems.push('POSTGRES_URL: checkpoints, leases and keys live in PostgreSQL: set it beside EVENT_STORE=eventstoredb');
  if (problems.length > 0) throw new ConfigError(problems);

  const opened = await openEventStore(config);
  await opened.close();
  logger.info({ eventStore: config.EVENT_STORE }, 'event store migrated');

  if (config.READ_MODEL === 'neo4j') {
    const graph = await Neo4jSkillsGraph.connect({ uri: config.NEO4J_URI!, username: config.NEO4J_USERNAME, password: config.NEO4J_PASSWORD });
    await graph.close();
    logger.info('graph constraints and indexes in place');
  }
  process.exit(0);
} catch (error) {
  if (error instanceof ConfigError) process.stderr.write(`migrate: ${error.message}\n`);
  logger.fatal(error instanceof ConfigError ? { problems: error.problems } : { err: error }, 'migration failed');
  process.exit(1);
}
