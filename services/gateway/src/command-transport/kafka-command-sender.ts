import { ClientKafka, Transport, type ClientKafkaProxy } from '@nestjs/microservices';
import { ClientProxyFactory } from '@nestjs/microservices';
import { Logger } from '@nestjs/common';
import type { Command } from '@nestjs/cqrs';
import { kafkaLogCreator, type KafkaLogSink } from '@skills-graph/messaging';
import { TimeoutError, firstValueFrom, timeout } from 'rxjs';
import { DependencyUnavailableError } from '@skills-graph/config';
import { commandPattern, commandPatterns, isTransportedError, reviveDomainError, toCommandPayload, type CommandSender } from '@skills-graph/contracts';
import { RemoteInputError } from '../errors/gateway-error.js';

/** The bounds of the command transport (docs/errors.md): kafkajs timeouts and retries, and the wait for a reply. */
export interface KafkaCommandTimeouts {
  /** KAFKA_TIMEOUT_MS: connecting to a broker and one request; retries of a send stop after about twice this. */
  kafkaTimeoutMs: number;
  /** COMMAND_TIMEOUT_MS: from sending a command until its reply. */
  commandTimeoutMs: number;
}

const defaultTimeouts: KafkaCommandTimeouts = { kafkaTimeoutMs: 5_000, commandTimeoutMs: 10_000 };

/**
 * Distributed mode: commands travel to the owning service over Kafka (request-reply through
 * @nestjs/microservices); refusals come back as the same errors the in-process handlers raise. A broker
 * that cannot be reached, or a reply that does not come within commandTimeoutMs, is a
 * DependencyUnavailableError('kafka') (UNAVAILABLE): the command may still be applied later, and a retry
 * with the same id or idempotencyKey changes nothing the second time.
 */
export class KafkaCommandSender implements CommandSender {
  private constructor(
    private readonly client: ClientKafkaProxy,
    private readonly topic: (pattern: string) => string,
    private readonly timeouts: KafkaCommandTimeouts,
  ) {}

  /** `topic` maps a command pattern to its topic (the deployment prefix, DEPLOYMENT_NAME). */
  static async connect(brokers: readonly string[], clientId: string, topic: (pattern: string) => string = (p) => p, timeouts: KafkaCommandTimeouts = defaultTimeouts): Promise<KafkaCommandSender> {
    const retry = { retries: 3, initialRetryTime: 200, maxRetryTime: timeouts.kafkaTimeoutMs };
    const client = ClientProxyFactory.create({
      transport: Transport.KAFKA,
      options: {
        client: { clientId, brokers: [...brokers], logCreator: kafkaLogCreator(nestSink(new Logger('KafkaCommandSender')), 'command-sender'), connectionTimeout: Math.min(timeouts.kafkaTimeoutMs, 3_000), requestTimeout: timeouts.kafkaTimeoutMs, retry },
        consumer: { groupId: `${clientId}-replies`, allowAutoTopicCreation: true },
        producer: { allowAutoTopicCreation: true, retry },
        producerOnlyMode: false,
      },
    }) as unknown as ClientKafka;
    for (const pattern of commandPatterns) client.subscribeToResponseOf(topic(pattern));
    try {
      await client.connect();
    } catch (error) {
      // A half-made connection (producer up, reply consumer refused) is not left behind for the caller's retry.
      await client.close().catch(() => undefined);
      throw error;
    }
    return new KafkaCommandSender(client as unknown as ClientKafkaProxy, topic, timeouts);
  }

  async send<R>(command: Command<R>): Promise<R> {
    const ms = this.timeouts.commandTimeoutMs;
    try {
      return (await firstValueFrom(this.client.send(this.topic(commandPattern(command)), toCommandPayload(command)).pipe(timeout({ first: ms })))) as R;
    } catch (error) {
      if (error instanceof TimeoutError) throw new DependencyUnavailableError('kafka', `kafka did not answer the command within ${ms} ms`);
      if (isTransportedError(error)) {
        if (error.kind === 'DomainError') throw reviveDomainError(error);
        if (error.kind === 'InputError') throw new RemoteInputError(error.message, error.field, error.details ?? {});
        if (error.kind === 'Unavailable') throw new DependencyUnavailableError(String(error.details?.['dependency'] ?? 'event-store'), error.message);
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/** kafkajs lines through Nest's logger (pino in the product), benign ones at debug (kafkaLogCreator). */
function nestSink(logger: Logger): KafkaLogSink {
  const line = (details: Record<string, unknown>, message: string) => `${message} ${JSON.stringify(details)}`;
  return {
    debug: (details, message) => logger.debug(line(details, message)),
    info: (details, message) => logger.log(line(details, message)),
    warn: (details, message) => logger.warn(line(details, message)),
    error: (details, message) => logger.error(line(details, message)),
  };
}
