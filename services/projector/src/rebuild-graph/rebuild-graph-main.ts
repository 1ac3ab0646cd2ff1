import { pino } from 'pino';
import { z } from 'zod';
import { ConfigError, loadConfig } from '@skills-graph/config';
import { openEventStore } from '@skills-graph/event-store';
import { Neo4jSkillsGraph } from '@skills-graph/read-model';
import { rebuildGraph } from './rebuild-graph.js';

// npm run graph:rebuild — project the whole event log into a fresh Neo4j (REBUILD_NEO4J_URI, optionally a
// database name) while the current graph keeps serving. The event store is the one EVENT_STORE names.
const logger = pino({ level: process.env['LOG_LEVEL'] ?? 'info' });

const targetSchema = z.object({
  REBUILD_NEO4J_URI: z.string().regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/\S+$/, 'expected a bolt:// or neo4j:// URI'),
  REBUILD_NEO4J_USERNAME: z.string().min(1).default('neo4j'),
  REBUILD_NEO4J_PASSWORD: z.string().default(''),
  REBUILD_NEO4J_DATABASE: z.string().min(1).optional(),
  REBUILD_CLEAR_TARGET: z.enum(['true', 'false']).default('false'),
});

try {
  const config = loadConfig();
  const parsed = targetSchema.safeParse(process.env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const target = parsed.data;
  const opened = await openEventStore(config);
  const graph = await Neo4jSkillsGraph.connect({
    uri: target.REBUILD_NEO4J_URI,
    username: target.REBUILD_NEO4J_USERNAME,
    password: target.REBUILD_NEO4J_PASSWORD,
    ...(target.REBUILD_NEO4J_DATABASE && { database: target.REBUILD_NEO4J_DATABASE }),
  });
  try {
    if ((await graph.checkpoint()) > 0n) {
      if (target.REBUILD_CLEAR_TARGET !== 'true') throw new Error('The target graph is not empty; set REBUILD_CLEAR_TARGET=true to clear it first');
      await graph.clear();
    }
    const result = await rebuildGraph(opened.store, graph, {
      onProgress: (p) => logger.info({ position: String(p.position), head: String(p.head), events: p.events, eventsPerSecond: p.eventsPerSecond }, 'rebuilding graph'),
    });
    logger.info({ events: result.events, seconds: Math.round(result.seconds), position: String(result.position) }, 'graph rebuilt: point NEO4J_URI at the target and restart');
  } finally {
    await graph.close();
    await opened.close();
  }
} catch (error) {
  logger.fatal(error instanceof ConfigError ? error.message : { err: error }, 'graph rebuild failed');
  process.exit(1);
}
