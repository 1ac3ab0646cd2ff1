import { ClientKafka, Transport, type ClientKafkaProxy } from '@nestjs/microservices';
import { ClientProxyFactory } from '@nestjs/microservices';
import type { Command } from '@nestjs/cqrs';
import { firstValueFrom } from 'rxjs';
import { commandPattern, commandPatterns, isTransportedError, reviveDomainError, toCommandPayload, type CommandSender } from '@skills-graph/contracts';
import { RemoteInputError } from '../errors/gateway-error.js';

/**
 * Distributed mode: commands travel to the owning service over Kafka (request-reply through
 * @nestjs/microservices); refusals come back as the same errors the in-process handlers raise.
 */
export class KafkaCommandSender implements CommandSender {
  private constructor(
    private readonly client: ClientKafkaProxy,
    private readonly topic: (pattern: string) => string,
  ) {}

  /** `topic` maps a command pattern to its topic (the deployment prefix, DEPLOYMENT_NAME). */
  static async connect(brokers: readonly string[], clientId: string, topic: (pattern: string) => string = (p) => p): Promise<KafkaCommandSender> {
    const client = ClientProxyFactory.create({
      transport: Transport.KAFKA,
      options: {
        client: { clientId, brokers: [...brokers] },
        consumer: { groupId: `${clientId}-replies`, allowAutoTopicCreation: true },
        producer: { allowAutoTopicCreation: true },
        producerOnlyMode: false,
      },
    }) as unknown as ClientKafka;
    for (const pattern of commandPatterns) client.subscribeToResponseOf(topic(pattern));
    await client.connect();
    return new KafkaCommandSender(client as unknown as ClientKafkaProxy, topic);
  }

  async send<R>(command: Command<R>): Promise<R> {
    try {
      return (await firstValueFrom(this.client.send(this.topic(commandPattern(command)), toCommandPayload(command)))) as R;
    } catch (error) {
      if (isTransportedError(error)) {
        if (error.kind === 'DomainError') throw reviveDomainError(error);
        if (error.kind === 'InputError') throw new RemoteInputError(error.message, error.field, error.details ?? {});
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
