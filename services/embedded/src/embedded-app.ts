import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { pino, type Logger } from 'pino';
import { collectDefaultMetrics, Gauge, register } from 'prom-client';
import type { SkillsGraphConfig } from '@skills-graph/config';
import { LevelRecomputer } from '@skills-graph/assessment';
import { EVENT_STORE, type EventStore } from '@skills-graph/event-store';
import { COMMAND_SENDER, type CommandSender } from '@skills-graph/contracts';
import { GraphqlGateway, asDependencyUnavailable, keepConnectionsAlive, sendNodeError, serveGraphqlBeside, startMetricsServer, type MetricsServer } from '@skills-graph/gateway';
import { MESSAGE_BUS, type MessageBus } from '@skills-graph/messaging';
import { HrisPeopleConsumer } from '@skills-graph/people';
import { GraphProjector } from '@skills-graph/projector';
import { IntegrationEventRelay } from '@skills-graph/relay';
import { READ_MODEL, type SkillsGraphReadModel } from '@skills-graph/read-model';
import { seedDemoOrganisation } from './demo/seed-demo-organisation.js';
import { EmbeddedAppModule } from './embedded-app.module.js';
import { OPENED_EVENT_STORE, type OpenedEventStore } from '@skills-graph/event-store';
import { PinoNestLogger } from './pino-nest-logger.js';
import type { EmbeddedOptions } from './embedded-infrastructure.module.js';
import { StartupReadiness } from './startup-readiness.js';
import { kafkaProbe } from './service-mains/dependency-probes.js';
import { ServiceHealth, notUp } from './service-mains/service-health.js';
import { BackgroundKafkaCommandSender } from './background-kafka-command-sender.js';
import { compileEmbeddedDatabase } from './compile-embedded-database.js';

export interface RunningSkillsGraph {
  app: NestExpressApplication;
  url: string;
  /** Where Prometheus metrics are served on their own port (METRICS_PORT), if they are. */
  metricsUrl: string | null;
  store: EventStore;
  projector: GraphProjector;
  recomputer: LevelRecomputer;
  relay: IntegrationEventRelay;
  /** Resolves once levels and the graph reflect everything appended so far. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the embedded product: every service in one process, the PGlite event store under DATA_DIR,
 * the in-memory graph rebuilt from the log, GraphQL on PORT (0 = any free port).
 */
export async function startEmbeddedSkillsGraph(config: SkillsGraphConfig, logger: Logger = pino({ level: config.LOG_LEVEL }), options: EmbeddedOptions = {}): Promise<RunningSkillsGraph> {
  compileEmbeddedDatabase(config.PGLITE_OPTIMISING_COMPILER);
  const app = await NestFactory.create<NestExpressApplication>(EmbeddedAppModule.forRoot(config, options), { logger: new PinoNestLogger(logger), abortOnError: false });
  app.enableShutdownHooks();
  const store = app.get<EventStore>(EVENT_STORE);
  const projector = app.get(GraphProjector);
  const recomputer = app.get(LevelRecomputer);

  // HTTP first: liveness (/health) answers at once; /ready and /graphql answer 503 until the graph and
  // levels have caught up with the log (and the demo is seeded).
  const readiness = app.get(StartupReadiness);
  const graphql = await app.get(GraphqlGateway).requestListener();
  serveGraphqlBeside(app.getHttpServer(), (req, res) => {
    if (readiness.started()) return graphql(req, res); // after start-up, a dependency down is answered per request (UNAVAILABLE naming it)
    sendNodeError(res, 503, 'UNAVAILABLE', 'Skills Graph is starting', { 'retry-after': '5' });
  });
  keepConnectionsAlive(app.getHttpServer(), config.HTTP_KEEP_ALIVE_TIMEOUT_MS);
  await app.listen(config.PORT, config.HOST);
  const metrics: MetricsServer | null = config.METRICS_PORT === undefined ? null : await startMetricsServer(config.METRICS_HOST, config.METRICS_PORT);

  // A dependency away (Neo4j, Kafka, the event store) is logged once by the dependency checks; each retry of a batch meanwhile is a debug line.
  const onError = (component: string) => (error: unknown) =>
    asDependencyUnavailable(error) ? logger.debug({ err: error, component }, `${component} failed on a batch (a dependency is away); retrying`) : logger.error({ err: error, component }, `${component} failed on a batch; retrying`);
  const relay = app.get(IntegrationEventRelay);
  // One process holds every lease (the same code as the distributed followers): each starts at once. The demo
  // is seeded with them running, so the level recomputer handles its evidence in small batches, in the order
  // of their dates: it stamps the level changes of one batch with that batch's last event time, so seeding
  // first and folding afterwards in large batches would collapse the demo's level history onto a few instants.
  await recomputer.start(onError('assessment'));
  await projector.start(onError('projector'));
  await relay.start(onError('relay'));
  registerMetrics(projector);

  // The recomputer appends levels while handling a batch, before its position passes that batch; so once
  // it has caught up, every level caused so far is in the log, and the projector's catch-up includes it.
  const settled = async () => {
    await recomputer.caughtUp();
    await projector.caughtUp();
  };

  if (config.SEED_DEMO) {
    const started = Date.now();
    const report = await seedDemoOrganisation(store, {
      engineers: config.DEMO_ENGINEERS,
      onProgress: (done, total) => logger.info({ done, total }, `seeding the demo organisation: ${done}/${total} streams`),
    });
    logger.info({ ...report, ms: Date.now() - started }, report.skipped ? 'demo organisation already seeded' : 'demo organisation seeded');
  }
  await settled();

  // The HRIS consumer joins its Kafka group in the background (seconds after a crash): nothing waits for it.
  const hris = app.get(HrisPeopleConsumer);
  hris.start().catch((error: unknown) => logger.error({ err: error, component: 'hris' }, 'the HRIS consumer failed to start'));
  // Readiness from here on: every dependency and the HRIS consumer up, probed in the background; each
  // dependency's loss and return logged once (docs/reliability.md).
  const health = app.get(ServiceHealth);
  const readModel = app.get<SkillsGraphReadModel>(READ_MODEL);
  health.registerDependency(config.EVENT_STORE === 'postgres' ? 'postgres' : 'event-store', () => store.headPosition());
  if (config.READ_MODEL === 'neo4j') health.registerDependency('neo4j', () => readModel.checkpoint());
  const kafka = config.KAFKA_BROKERS && (config.BUS === 'kafka' || config.COMMAND_TRANSPORT === 'kafka') ? kafkaProbe(config.KAFKA_BROKERS, 'skills-graph-embedded-health', config.DEPENDENCY_CHECK_TIMEOUT_MS) : undefined;
  if (kafka) health.registerDependency('kafka', kafka.probe, { neededByMutations: config.COMMAND_TRANSPORT === 'kafka' });
  if (config.BUS === 'kafka') health.register('hris-consumer', () => hris.health());
  const commands = app.get<CommandSender>(COMMAND_SENDER);
  if (commands instanceof BackgroundKafkaCommandSender) health.register('command-transport', () => commands.health());
  const refreshReadiness = async () => {
    const report = await health.report();
    readiness.set(report.status === 'ready', notUp(report));
  };
  health.watch(logger, { intervalMs: config.DEPENDENCY_CHECK_INTERVAL_MS, probeTimeoutMs: config.DEPENDENCY_CHECK_TIMEOUT_MS });
  const readinessTimer = setInterval(() => void refreshReadiness().catch(() => readiness.set(false, 'the dependency checks failed')), config.DEPENDENCY_CHECK_INTERVAL_MS);
  readinessTimer.unref();
  await refreshReadiness();
  readiness.markReady();
  const address = app.getHttpServer().address() as AddressInfo;
  const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  const url = `http://${host}:${address.port}`;
  logger.info({ url: `${url}/graphql`, metrics: metrics?.url ?? null, position: String(await store.headPosition()) }, 'Skills Graph is ready');
  return {
    app,
    url,
    metricsUrl: metrics?.url ?? null,
    store,
    projector,
    recomputer,
    relay,
    settled,
    async close() {
      logger.info({}, 'Skills Graph is stopping');
      clearInterval(readinessTimer);
      health.unwatch();
      await kafka?.close();
      await metrics?.close();
      await app.close();
      if (commands instanceof BackgroundKafkaCommandSender) await commands.close();
      await app.get<MessageBus>(MESSAGE_BUS).close();
      await app.get<SkillsGraphReadModel>(READ_MODEL).close();
      await app.get<OpenedEventStore>(OPENED_EVENT_STORE).close();
      logger.info({}, 'Skills Graph stopped');
    },
  };
}

function registerMetrics(projector: GraphProjector): void {
  register.clear();
  collectDefaultMetrics();
  new Gauge({
    name: 'skills_graph_projector_lag_events',
    help: 'Events appended but not yet applied to the graph read model',
    async collect() {
      this.set(Number((await projector.status()).lagEvents));
    },
  });
  new Gauge({
    name: 'skills_graph_projector_position',
    help: 'Global position of the last event applied to the graph read model',
    async collect() {
      this.set(Number((await projector.status()).position));
    },
  });
  new Gauge({
    name: 'skills_graph_projector_lag_seconds',
    help: 'Age of the newest applied event when the projector applied it',
    async collect() {
      this.set((await projector.status()).lastLagSeconds);
    },
  });
}
