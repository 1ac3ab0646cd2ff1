import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Consumer } from 'kafkajs';
import type { Logger } from 'pino';
import { deploymentNames, type ServiceName, type SkillsGraphConfig } from '@skills-graph/config';
import { AssessmentServiceModule, LevelRecomputer } from '@skills-graph/assessment';
import { COMMAND_SENDER, type CommandSender } from '@skills-graph/contracts';
import { OPENED_EVENT_STORE, type FollowerState, type LogFollower, type OpenedEventStore } from '@skills-graph/event-store';
import { EvidenceServiceModule } from '@skills-graph/evidence';
import { FrameworkServiceModule } from '@skills-graph/framework';
import { DEPENDENCY_STATUS, GatewayModule, asDependencyUnavailable, GraphqlGateway, InProcessCommandSender, keepConnectionsAlive, serveGraphqlBeside } from '@skills-graph/gateway';
import { KafkaMessageBus, MESSAGE_BUS, kafkaLogCreator, watchConsumer, type ConsumerState, type MessageBus } from '@skills-graph/messaging';
import { HrisPeopleConsumer, PeopleServiceModule } from '@skills-graph/people';
import { GraphProjector, ProjectorServiceModule } from '@skills-graph/projector';
import { PROJECTION_PROGRESS, READ_MODEL, type SkillsGraphReadModel } from '@skills-graph/read-model';
import { IntegrationEventRelay, RelayServiceModule } from '@skills-graph/relay';
import { commandMessagesController, commandOwners, commandTopics } from '../command-services.js';
import { EmbeddedInfrastructureModule } from '../embedded-infrastructure.module.js';
import { PinoNestLogger } from '../pino-nest-logger.js';
import { StartupReadiness } from '../startup-readiness.js';
import { kafkaProbe } from './dependency-probes.js';
import { HealthChecksController, SERVICE_NAME, ServiceHealth, ServiceHealthController, notUp } from './service-health.js';
import { PolledProjectionProgress } from './polled-projection-progress.js';
import { BackgroundKafkaCommandSender } from '../background-kafka-command-sender.js';

/** The service modules each process hosts: the same ones the embedded host puts together. */
const serviceModules: Record<ServiceName, Type<unknown>[]> = {
  gateway: [GatewayModule],
  framework: [FrameworkServiceModule],
  people: [PeopleServiceModule],
  evidence: [EvidenceServiceModule],
  assessment: [AssessmentServiceModule],
  projector: [ProjectorServiceModule],
  relay: [RelayServiceModule],
};

/** Commands each service receives over Kafka. */
export function ownedCommands(service: ServiceName): readonly string[] {
  return service in commandOwners ? commandOwners[service as keyof typeof commandOwners] : [];
}

/** Consumer group of a command service on Kafka (Nest appends `-server`). */
export const commandGroupOf = (service: ServiceName, config: Pick<SkillsGraphConfig, 'DEPLOYMENT_NAME'>) => deploymentNames(config).consumerGroup(`skills-graph-${service}-commands`);

@Module({})
class ServiceHostModule {
  static forRoot(service: ServiceName, config: SkillsGraphConfig, logger: Logger, onFollowerState: (state: FollowerState, name: string) => void): DynamicModule {
    const owned = ownedCommands(service);
    const providers: DynamicModule['providers'] = [{ provide: SERVICE_NAME, useValue: service }, ServiceHealth, { provide: DEPENDENCY_STATUS, useExisting: ServiceHealth }, InProcessCommandSender];
    const exports: DynamicModule['exports'] = [ServiceHealth];
    if (service === 'gateway' || service === 'people') {
      providers.push({
        provide: COMMAND_SENDER,
        useFactory: (inProcess: InProcessCommandSender) => (config.COMMAND_TRANSPORT === 'kafka' ? new BackgroundKafkaCommandSender(config, `skills-graph-${service}-${process.pid}-${Date.now()}`, logger) : inProcess),
        inject: [InProcessCommandSender],
      });
      exports.push(COMMAND_SENDER);
    }
    if (service === 'gateway') {
      providers.push({ provide: PROJECTION_PROGRESS, useFactory: (readModel: SkillsGraphReadModel) => new PolledProjectionProgress(readModel), inject: [READ_MODEL] });
      exports.push(PROJECTION_PROGRESS);
    }
    return {
      module: ServiceHostModule,
      global: true,
      imports: [CqrsModule.forRoot(), EmbeddedInfrastructureModule.forRoot(config, { onFollowerState }), ...serviceModules[service]],
      providers,
      exports,
      controllers: [HealthChecksController, ...(service === 'gateway' ? [] : [ServiceHealthController]), ...(owned.length > 0 ? [commandMessagesController(owned as never, deploymentNames(config).topic)] : [])],
    };
  }
}

export interface RunningService {
  service: ServiceName;
  app: NestExpressApplication;
  url: string;
  close(): Promise<void>;
}

/** Retries a start-up step in the background until it succeeds (a dependency may come up later). */
function inBackground(logger: Logger, what: string, step: () => Promise<void>, isClosed: () => boolean): void {
  void (async () => {
    for (let attempt = 1; !isClosed(); attempt += 1) {
      try {
        await step();
        return;
      } catch (error) {
        logger.warn({ err: error, attempt }, `${what} failed to start; retrying`);
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    }
  })();
}

function followerCheck(follower: () => LogFollower | undefined) {
  return () => {
    const state = follower()?.state ?? 'idle';
    if (state === 'active') return { status: 'up' as const, detail: 'active' };
    if (state === 'standby') return { status: 'standby' as const, detail: 'waiting for the lease' };
    return { status: 'starting' as const, detail: state };
  };
}

/**
 * One service of the product as its own process: the service's modules on the shared infrastructure
 * (event store, read model, Kafka), HTTP at once (liveness /health, readiness /ready, details at
 * /health/checks), then in the background its Kafka command consumer, its log follower (waiting for the
 * lease on a standby replica) or its HRIS consumer.
 */
export async function startService(service: ServiceName, config: SkillsGraphConfig, logger: Logger): Promise<RunningService> {
  const onFollowerState = (state: FollowerState, name: string) => logger.info({ follower: name, state }, `follower ${name} is ${state}`);
  const app = await NestFactory.create<NestExpressApplication>(ServiceHostModule.forRoot(service, config, logger, onFollowerState), { logger: new PinoNestLogger(logger), abortOnError: false });
  // SIGTERM and SIGINT close the process through close() (runServiceMain): followers release their leases.
  let closed = false;
  const isClosed = () => closed;
  const health = app.get(ServiceHealth);
  const opened = app.get<OpenedEventStore>(OPENED_EVENT_STORE);
  const readModel = app.get<SkillsGraphReadModel>(READ_MODEL);
  health.registerDependency(config.EVENT_STORE === 'postgres' ? 'postgres' : 'event-store', () => opened.store.headPosition());
  if (config.READ_MODEL === 'neo4j') health.registerDependency('neo4j', () => readModel.checkpoint());
  let kafka: ReturnType<typeof kafkaProbe> | undefined;
  if (config.KAFKA_BROKERS && (config.BUS === 'kafka' || config.COMMAND_TRANSPORT === 'kafka' || ownedCommands(service).length > 0)) {
    kafka = kafkaProbe(config.KAFKA_BROKERS, `skills-graph-${service}-health`, config.DEPENDENCY_CHECK_TIMEOUT_MS);
    health.registerDependency('kafka', kafka.probe);
  }
  // Each dependency's loss and return logged once, whether or not anyone asks /ready.
  health.watch(logger, { intervalMs: config.DEPENDENCY_CHECK_INTERVAL_MS, probeTimeoutMs: config.DEPENDENCY_CHECK_TIMEOUT_MS });

  if (service === 'gateway') {
    serveGraphqlBeside(app.getHttpServer(), await app.get(GraphqlGateway).requestListener());
    const commands = app.get<CommandSender>(COMMAND_SENDER);
    if (commands instanceof BackgroundKafkaCommandSender) health.register('command-transport', () => commands.health());
    // The gateway module's /ready reads StartupReadiness: kept in step with the checks.
    const readiness = app.get(StartupReadiness);
    readiness.markReady();
    const refresh = async () => {
      const report = await health.report();
      readiness.set(report.status === 'ready', notUp(report));
    };
    const timer = setInterval(() => void refresh().catch(() => readiness.set(false)), config.DEPENDENCY_CHECK_INTERVAL_MS);
    timer.unref();
    void refresh();
  }

  keepConnectionsAlive(app.getHttpServer(), config.HTTP_KEEP_ALIVE_TIMEOUT_MS);
  await app.listen(config.PORT, config.HOST);
  const address = app.getHttpServer().address() as AddressInfo;
  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${address.port}`;
  logger.info({ service, url, deployment: config.DEPLOYMENT_NAME ?? null }, `${service} answers HTTP`);

  const owned = ownedCommands(service);
  if (owned.length > 0) {
    let listening = false;
    let consumerState: (() => ConsumerState) | undefined;
    health.register('command-consumer', () => {
      if (!listening) return { status: 'starting', detail: 'joining its Kafka group' };
      const current = consumerState?.() ?? { state: 'running' };
      if (current.state === 'running') return { status: 'up' };
      return { status: current.state === 'starting' ? 'starting' : 'down', detail: 'reason' in current ? current.reason : current.state };
    });
    const topic = deploymentNames(config).topic;
    const microservice = app.connectMicroservice<MicroserviceOptions>(
      {
        transport: Transport.KAFKA,
        options: {
          client: { clientId: `skills-graph-${service}`, brokers: config.KAFKA_BROKERS!, logCreator: kafkaLogCreator(logger, `${service}-commands`), connectionTimeout: Math.min(config.KAFKA_TIMEOUT_MS, 3_000), requestTimeout: config.KAFKA_TIMEOUT_MS },
          consumer: { groupId: commandGroupOf(service, config) },
        },
      },
      { inheritAppConfig: true },
    );
    inBackground(
      logger,
      'the command consumer',
      async () => {
        const topics = new KafkaMessageBus(config.KAFKA_BROKERS!, `skills-graph-${service}-topic-setup`);
        await topics.ensureTopics(commandTopics(owned, topic));
        await topics.close();
        await app.startAllMicroservices();
        const [, consumer] = microservice.unwrap<[unknown, Consumer]>();
        consumerState = watchConsumer(consumer, logger, `the ${service} command consumer`, { started: true });
        listening = true;
        logger.info({ service }, `${service} receives its commands over Kafka`);
      },
      isClosed,
    );
  }
  if (service === 'people') {
    const hris = app.get(HrisPeopleConsumer);
    health.register('hris-consumer', () => hris.health());
    void hris.start(); // never throws: stops and restarts are logged and retried with backoff by the consumer itself
  }
  // A dependency away (Neo4j, Kafka, the event store) is logged once by the dependency checks; each retry of a batch meanwhile is a debug line.
  const onError = (component: string) => (error: unknown) =>
    asDependencyUnavailable(error) ? logger.debug({ err: error, component }, `${component} failed on a batch (a dependency is away); retrying`) : logger.error({ err: error, component }, `${component} failed on a batch; retrying`);
  if (service === 'projector') {
    const projector = app.get(GraphProjector);
    health.register('follower', followerCheck(() => projector.logFollower));
    inBackground(logger, 'the projector', () => projector.start(onError('projector'), { waitUntilActive: false }), isClosed);
  }
  if (service === 'assessment') {
    const recomputer = app.get(LevelRecomputer);
    health.register('follower', followerCheck(() => recomputer.logFollower));
    inBackground(logger, 'the level recomputer', () => recomputer.start(onError('assessment'), { waitUntilActive: false }), isClosed);
  }
  if (service === 'relay') {
    const relay = app.get(IntegrationEventRelay);
    health.register('follower', followerCheck(() => relay.logFollower));
    inBackground(logger, 'the relay', () => relay.start(onError('relay'), { waitUntilActive: false }), isClosed);
  }

  return {
    service,
    app,
    url,
    async close() {
      closed = true;
      health.unwatch();
      const commands = service === 'gateway' || service === 'people' ? app.get<CommandSender>(COMMAND_SENDER) : undefined;
      const progress = service === 'gateway' ? app.get<PolledProjectionProgress>(PROJECTION_PROGRESS) : undefined;
      await app.close();
      progress?.close();
      if (commands instanceof BackgroundKafkaCommandSender) await commands.close();
      await kafka?.close();
      await app.get<MessageBus>(MESSAGE_BUS).close();
      await readModel.close();
      await opened.close();
    },
  };
}
