import { Controller, Module, type DynamicModule, type INestMicroservice, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { MessagePattern, RpcException, Transport, type MicroserviceOptions } from '@nestjs/microservices';
import type { Consumer } from 'kafkajs';
import type { Logger } from 'pino';
import { deploymentNames, type SkillsGraphConfig } from '@skills-graph/config';
import { commandPatterns, reviveCommand, type CommandPattern, type CommandPayload, type TransportedError } from '@skills-graph/contracts';
import { DomainError } from '@skills-graph/domain';
import { InvalidAppendError, OPENED_EVENT_STORE, WrongExpectedRevisionError, type OpenedEventStore } from '@skills-graph/event-store';
import { CalibrationModule } from '@skills-graph/assessment';
import { EvidenceServiceModule } from '@skills-graph/evidence';
import { FrameworkServiceModule } from '@skills-graph/framework';
import { FrameworkImportError } from '@skills-graph/framework-import';
import { KafkaMessageBus, kafkaLogCreator, watchConsumer } from '@skills-graph/messaging';
import { asDependencyUnavailable } from '@skills-graph/gateway';
import { PeopleServiceModule } from '@skills-graph/people';
import { EmbeddedInfrastructureModule } from './embedded-infrastructure.module.js';
import { PinoNestLogger } from './pino-nest-logger.js';

export const commandServicesGroup = 'skills-graph-command-services';

/** The topics of commands over Kafka: each command's, and the one its replies come back on (Nest's `.reply`). */
export const commandTopics = (patterns: readonly string[], topic: (pattern: string) => string): string[] => patterns.flatMap((p) => [topic(p), `${topic(p)}.reply`]);

/** Which service process runs each command's handler (the embedded host and startCommandServices run them all). */
export const commandOwners = {
  framework: ['skills.commands.import-framework', 'skills.commands.publish-framework', 'skills.commands.register-skill'],
  people: [
    'skills.commands.record-joiner',
    'skills.commands.record-mover',
    'skills.commands.record-leaver',
    'skills.commands.erase-engineer',
    'skills.commands.import-people',
    'skills.commands.delegate-approvals',
    'skills.commands.revoke-delegation',
  ],
  evidence: ['skills.commands.submit-evidence', 'skills.commands.review-evidence', 'skills.commands.amend-evidence'],
  assessment: ['skills.commands.calibrate-level'],
} satisfies Record<string, CommandPattern[]>;

/**
 * A controller receiving the given commands over Kafka (request-reply) and running them on the same
 * handlers as embedded mode. `topic` maps a pattern to its topic (the deployment prefix).
 */
export function commandMessagesController(patterns: readonly CommandPattern[], topic: (pattern: string) => string = (p) => p): Type<unknown> {
  @Controller()
  class CommandMessagesController {
    constructor(readonly commandBus: CommandBus) {}

    async execute(pattern: CommandPattern, payload: CommandPayload): Promise<unknown> {
      try {
        return await this.commandBus.execute(reviveCommand(pattern, payload));
      } catch (error) {
        throw new RpcException(toTransportedError(error));
      }
    }
  }
  // One handler per command pattern, each delegating to execute().
  for (const pattern of patterns) {
    const key = `handle:${pattern}`;
    Object.defineProperty(CommandMessagesController.prototype, key, {
      value: function (this: CommandMessagesController, payload: CommandPayload) {
        return this.execute(pattern, payload);
      },
      writable: true,
    });
    MessagePattern(topic(pattern))(CommandMessagesController.prototype, key, Object.getOwnPropertyDescriptor(CommandMessagesController.prototype, key)!);
  }
  return CommandMessagesController;
}

function toTransportedError(error: unknown): TransportedError {
  if (error instanceof DomainError) return { kind: 'DomainError', code: error.code, message: error.message, field: error.field ?? null };
  if (error instanceof WrongExpectedRevisionError) return { kind: 'DomainError', code: 'CONFLICT', message: 'Someone else changed this at the same time; try again', field: null };
  if (error instanceof FrameworkImportError) {
    return { kind: 'InputError', code: 'BAD_USER_INPUT', message: error.message, field: 'input.content', details: { format: error.format, line: error.line, column: error.column, path: error.path, expected: error.expected } };
  }
  if (error instanceof InvalidAppendError) return { kind: 'InputError', code: 'BAD_USER_INPUT', message: error.message, field: error.field };
  const unavailable = asDependencyUnavailable(error);
  if (unavailable) return { kind: 'Unavailable', code: 'UNAVAILABLE', message: unavailable.message, field: null, details: { dependency: unavailable.dependency } };
  return { kind: 'Unexpected', code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', field: null };
}

@Module({})
class CommandServicesModule {
  static forRoot(config: SkillsGraphConfig): DynamicModule {
    return {
      module: CommandServicesModule,
      imports: [CqrsModule.forRoot(), EmbeddedInfrastructureModule.forRoot(config), FrameworkServiceModule, PeopleServiceModule, EvidenceServiceModule, CalibrationModule],
      controllers: [commandMessagesController(commandPatterns, deploymentNames(config).topic)],
    };
  }
}

/**
 * The command side as its own process: framework, people, evidence and calibration handlers behind a Kafka
 * microservice. Gateways send to it with COMMAND_TRANSPORT=kafka. Topics and the consumer group carry the
 * DEPLOYMENT_NAME prefix, as in the gateway's sender. A start that Kafka refuses (a broker not there yet, a
 * topic whose metadata has not spread) is one warning and a retry 2 s later, not an exit.
 */
export async function startCommandServices(config: SkillsGraphConfig, logger: Logger): Promise<{ close(): Promise<void> }> {
  const brokers = config.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is required for the command services');
  const names = deploymentNames(config);
  const group = names.consumerGroup(commandServicesGroup);
  const retryLater = async (error: unknown, attempt: number) => {
    logger.warn({ err: error, attempt }, 'the command services could not start on Kafka yet; retrying');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  };
  let app: INestMicroservice | undefined;
  for (let attempt = 1; !app; attempt += 1) {
    const topics = new KafkaMessageBus(brokers, 'skills-graph-topic-setup', { timeoutMs: config.KAFKA_TIMEOUT_MS });
    try {
      await topics.ensureTopics(commandTopics(commandPatterns, names.topic));
    } catch (error) {
      await retryLater(error, attempt);
      continue;
    } finally {
      await topics.close().catch(() => undefined);
    }
    // Not retried: the event store unreachable or a bad setting exits 1, as every service does (docs/operations.md).
    const made = await NestFactory.createMicroservice<MicroserviceOptions>(CommandServicesModule.forRoot(config), {
      transport: Transport.KAFKA,
      options: {
        client: { clientId: 'skills-graph-command-services', brokers, logCreator: kafkaLogCreator(logger, 'command-services'), connectionTimeout: Math.min(config.KAFKA_TIMEOUT_MS, 3_000), requestTimeout: config.KAFKA_TIMEOUT_MS },
        consumer: { groupId: group },
      },
      logger: new PinoNestLogger(logger),
    });
    try {
      await made.listen();
      app = made;
    } catch (error) {
      await closeCommandServices(made).catch(() => undefined);
      await retryLater(error, attempt);
    }
  }
  const started = app;
  const [, consumer] = started.unwrap<[unknown, Consumer]>();
  watchConsumer(consumer, logger, 'the command consumer', { started: true });
  logger.info({ group }, 'the command services receive their commands over Kafka');
  return {
    async close() {
      logger.info({}, 'the command services are stopping');
      await closeCommandServices(started);
    },
  };
}

async function closeCommandServices(app: INestMicroservice): Promise<void> {
  const store = app.get<OpenedEventStore>(OPENED_EVENT_STORE);
  await app.close();
  await store.close();
}
