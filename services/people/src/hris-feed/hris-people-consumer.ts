import { Inject, Injectable, Logger, Optional, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CONFIG, deploymentNames, type SkillsGraphConfig } from '@skills-graph/config';
import { COMMAND_SENDER, RecordJoinerCommand, RecordLeaverCommand, RecordMoverCommand, type CommandMeta, type CommandSender } from '@skills-graph/contracts';
import { DomainError, assertNever } from '@skills-graph/domain';
import {
  MESSAGE_BUS,
  hrisPeopleDeadLetterTopic,
  hrisPeopleTopic,
  parseHrisPeopleMessage,
  type HrisPeopleMessage,
  type IncomingMessage,
  type MessageBus,
} from '@skills-graph/messaging';

export const hrisConsumerGroup = 'skills-graph-people';

/**
 * Consumes joiners, movers and leavers from `hris.people.v1` and sends them as commands over the
 * command transport (COMMAND_SENDER: Kafka when COMMAND_TRANSPORT=kafka, else the in-process bus). The
 * group and topics carry DEPLOYMENT_NAME when it is set. Each message is validated where it
 * enters; one that cannot be parsed, validated or applied goes to `hris.people.v1.dlq` unchanged, with
 * the reason and its origin in headers, and the consumer moves on. Redelivered messages change nothing
 * (their messageId is the commands' idempotency key).
 */
@Injectable()
export class HrisPeopleConsumer implements OnApplicationShutdown {
  private readonly logger = new Logger(HrisPeopleConsumer.name);
  private subscription: { stop(): Promise<void> } | undefined;
  private readonly names: ReturnType<typeof deploymentNames>;
  private stopped = false;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly commandBus: CommandBus,
    @Optional() @Inject(COMMAND_SENDER) private readonly sender?: CommandSender,
    @Optional() @Inject(CONFIG) config?: Pick<SkillsGraphConfig, 'DEPLOYMENT_NAME'>,
  ) {
    this.names = deploymentNames(config ?? {});
  }

  /** True once it consumes (joined its group on Kafka). */
  get running(): boolean {
    return this.subscription !== undefined;
  }

  async start(): Promise<void> {
    const subscription = await this.bus.consume(this.names.consumerGroup(hrisConsumerGroup), [this.names.topic(hrisPeopleTopic)], (message) => this.handle(message));
    if (this.stopped) await subscription.stop();
    else this.subscription = subscription;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  async handle(incoming: IncomingMessage): Promise<void> {
    const parsed = parseHrisPeopleMessage(incoming.value);
    if (!parsed.ok) return this.deadLetter(incoming, parsed.reason);
    try {
      const command = toCommand(parsed.message);
      await (this.sender ? this.sender.send(command) : this.commandBus.execute(command));
    } catch (error) {
      if (error instanceof DomainError) return this.deadLetter(incoming, `${error.code}: ${error.message}`);
      throw error; // infrastructure trouble: not committed, delivered again
    }
  }

  private async deadLetter(incoming: IncomingMessage, reason: string): Promise<void> {
    this.logger.warn(`hris.people.v1 ${incoming.partition}/${incoming.offset} dead-lettered: ${reason}`);
    await this.bus.publish([
      {
        topic: this.names.topic(hrisPeopleDeadLetterTopic),
        key: incoming.key ?? '',
        value: incoming.value ?? '',
        headers: {
          ...incoming.headers,
          'x-dlq-reason': reason,
          'x-original-topic': incoming.topic,
          'x-original-partition': String(incoming.partition),
          'x-original-offset': incoming.offset,
        },
      },
    ]);
  }
}

function toCommand(message: HrisPeopleMessage) {
  const meta: CommandMeta = {
    actor: { id: `hris:${message.source}`, roles: ['system'] },
    correlationId: message.messageId,
    issuedAt: message.occurredAt,
    idempotencyKey: message.messageId,
  };
  switch (message.type) {
    case 'joiner': {
      const e = message.engineer;
      return new RecordJoinerCommand({ engineerId: e.id, name: e.name, email: e.email, title: e.title, teamId: e.teamId, teamName: e.teamName, managerId: e.managerId, joinedOn: message.effectiveDate }, meta);
    }
    case 'mover': {
      const e = message.engineer;
      return new RecordMoverCommand({ engineerId: e.id, teamId: e.teamId, teamName: e.teamName, managerId: e.managerId, title: e.title, movedOn: message.effectiveDate }, meta);
    }
    case 'leaver':
      return new RecordLeaverCommand({ engineerId: message.engineer.id, leftOn: message.effectiveDate }, meta);
    default:
      return assertNever(message);
  }
}
