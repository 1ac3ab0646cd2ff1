import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, Optional, type OnApplicationShutdown } from '@nestjs/common';
import { Counter, register } from 'prom-client';
import { CommandBus } from '@nestjs/cqrs';
import { CONFIG, deploymentNames, type SkillsGraphConfig } from '@skills-graph/config';
import { COMMAND_SENDER, RecordJoinerCommand, RecordLeaverCommand, RecordMoverCommand, type CommandMeta, type CommandSender } from '@skills-graph/contracts';
import { DomainError, assertNever } from '@skills-graph/domain';
import {
  MESSAGE_BUS,
  MessageTooLargeError,
  hrisPeopleDeadLetterTopic,
  hrisPeopleTopic,
  parseHrisPeopleMessage,
  type HrisPeopleMessage,
  type IncomingMessage,
  type MessageBus,
} from '@skills-graph/messaging';

export const hrisConsumerGroup = 'skills-graph-people';

/** Restart delays after the consumer stopped: doubling from the first, capped at the last. */
export const hrisRestartBackoffMs = { first: 1_000, max: 30_000 };

/** Dead letters written by this process, by how (`body`: the message itself; `reference`: size, hash and origin only). */
export const hrisDeadLetters = new Counter({
  name: 'skills_graph_hris_dead_letters_total',
  help: 'HRIS messages sent to the dead-letter topic (kind=body: the message itself; kind=reference: too large for the topic, size, sha-256 and origin only)',
  labelNames: ['kind'] as const,
  registers: [],
});

/** What a dead letter by reference carries instead of the body (its value, as JSON). */
export interface DeadLetterReference {
  deadLetter: 'reference';
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  bytes: number;
  sha256: string;
  /** EMPTY_MESSAGE, NOT_JSON, INVALID_MESSAGE (hrisRejectionCodes) or the domain's code. */
  code: string;
  reason: string;
  refused: string;
}

export type HrisConsumerState =
  | { state: 'idle' }
  | { state: 'starting'; attempt: number }
  | { state: 'running'; since: string }
  | { state: 'stopped'; reason: string; restartInMs: number; attempt: number }
  | { state: 'closed' };

/**
 * Consumes joiners, movers and leavers from `hris.people.v1` and sends them as commands over the
 * command transport (COMMAND_SENDER: Kafka when COMMAND_TRANSPORT=kafka, else the in-process bus). The
 * group and topics carry DEPLOYMENT_NAME when it is set. Each message is validated where it
 * enters; one that cannot be parsed, validated or applied goes to `hris.people.v1.dlq` unchanged, with
 * the reason and its origin in headers, and the consumer moves on; one too large for the dead-letter
 * topic goes there by reference (size, sha-256, topic, partition, offset, reason; no body), counted in
 * skills_graph_hris_dead_letters_total. The consumer restarts itself with backoff after any stop, and
 * says so in one log line each time; readiness (health()) is down while it is stopped. Redelivered messages change nothing
 * (their messageId is the commands' idempotency key).
 */
@Injectable()
export class HrisPeopleConsumer implements OnApplicationShutdown {
  private readonly logger = new Logger(HrisPeopleConsumer.name);
  private subscription: { stop(): Promise<void> } | undefined;
  private readonly names: ReturnType<typeof deploymentNames>;
  private stopped = false;
  private current: HrisConsumerState = { state: 'idle' };
  private failures = 0;
  private restartTimer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly commandBus: CommandBus,
    @Optional() @Inject(COMMAND_SENDER) private readonly sender?: CommandSender,
    @Optional() @Inject(CONFIG) config?: Pick<SkillsGraphConfig, 'DEPLOYMENT_NAME'>,
  ) {
    this.names = deploymentNames(config ?? {});
  }

  /** True while it consumes (joined its group on Kafka). */
  get running(): boolean {
    return this.current.state === 'running';
  }

  get status(): HrisConsumerState {
    return this.current;
  }

  /** For readiness: up only while consuming; a stopped consumer is down until it restarted. */
  health(): { status: 'up' | 'down' | 'starting'; detail: string } {
    const c = this.current;
    const deadLetters = `dead letters so far: ${deadLetterCount()}`;
    if (c.state === 'running') return { status: 'up', detail: `consuming since ${c.since}; ${deadLetters}` };
    if (c.state === 'stopped') return { status: 'down', detail: `stopped (${c.reason}); restart ${c.attempt} in ${c.restartInMs} ms; ${deadLetters}` };
    if (c.state === 'starting') return { status: 'starting', detail: c.attempt > 1 ? `restarting (attempt ${c.attempt})` : 'joining its Kafka group' };
    return { status: 'starting', detail: c.state };
  }

  /**
   * Joins the group; never throws: a failure to join, and any later stop (a handler failing past the
   * bus's retries, the broker gone), is logged once with its reason and retried with a doubling backoff.
   */
  async start(): Promise<void> {
    if (!register.getSingleMetric('skills_graph_hris_dead_letters_total')) register.registerMetric(hrisDeadLetters);
    if (this.stopped || this.current.state === 'starting' || this.current.state === 'running') return;
    const attempt = this.failures + 1;
    this.current = { state: 'starting', attempt };
    try {
      const subscription = await this.bus.consume(this.names.consumerGroup(hrisConsumerGroup), [this.names.topic(hrisPeopleTopic)], (message) => this.handle(message), { onStop: (reason) => this.onStopped(reason) });
      if (this.stopped) {
        await subscription.stop();
        return;
      }
      this.subscription = subscription;
      this.current = { state: 'running', since: new Date().toISOString() };
      if (attempt > 1) this.logger.log(`HRIS consumer restarted (attempt ${attempt}) on ${this.names.topic(hrisPeopleTopic)}`);
    } catch (error) {
      this.onStopped(error);
    }
  }

  private onStopped(reason: unknown): void {
    this.subscription = undefined;
    if (this.stopped) return;
    this.failures += 1;
    const restartInMs = Math.min(hrisRestartBackoffMs.max, hrisRestartBackoffMs.first * 2 ** (this.failures - 1));
    const text = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
    this.current = { state: 'stopped', reason: text, restartInMs, attempt: this.failures + 1 };
    this.logger.error(`HRIS consumer stopped: ${text}; restarting in ${restartInMs} ms (attempt ${this.failures + 1})`);
    this.restartTimer = setTimeout(() => void this.start(), restartInMs);
    this.restartTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    const wasRunning = this.subscription !== undefined;
    await this.subscription?.stop();
    this.subscription = undefined;
    this.current = { state: 'closed' };
    if (wasRunning) this.logger.log('HRIS consumer stopped: the process is shutting down');
  }

  async handle(incoming: IncomingMessage): Promise<void> {
    const parsed = parseHrisPeopleMessage(incoming.value);
    if (!parsed.ok) return this.deadLetter(incoming, parsed.code, parsed.reason);
    try {
      const command = toCommand(parsed.message);
      await (this.sender ? this.sender.send(command) : this.commandBus.execute(command));
    } catch (error) {
      if (error instanceof DomainError) return this.deadLetter(incoming, error.code, `${error.code}: ${error.message}`);
      throw error; // infrastructure trouble: not committed, delivered again (after a restart if it persists)
    }
    this.failures = 0;
  }

  private async deadLetter(incoming: IncomingMessage, code: string, reason: string): Promise<void> {
    const origin = `${incoming.topic} ${incoming.partition}/${incoming.offset}`;
    const topic = this.names.topic(hrisPeopleDeadLetterTopic);
    const originHeaders = { 'x-dlq-code': code, 'x-dlq-reason': reason, 'x-original-topic': incoming.topic, 'x-original-partition': String(incoming.partition), 'x-original-offset': incoming.offset };
    try {
      await this.bus.publish([{ topic, key: incoming.key ?? '', value: incoming.value ?? '', headers: { ...incoming.headers, ...originHeaders } }]);
      countDeadLetter('body');
      this.logger.warn(`${origin} dead-lettered to ${topic}: ${reason}`);
    } catch (error) {
      if (!(error instanceof MessageTooLargeError)) throw error; // the broker is away: delivered again later
      const value = incoming.value ?? '';
      const reference: DeadLetterReference = {
        deadLetter: 'reference',
        topic: incoming.topic,
        partition: incoming.partition,
        offset: incoming.offset,
        key: incoming.key,
        bytes: Buffer.byteLength(value),
        sha256: createHash('sha256').update(value).digest('hex'),
        code,
        reason,
        refused: error.message,
      };
      await this.bus.publish([
        { topic, key: incoming.key ?? '', value: JSON.stringify(reference), headers: { ...originHeaders, 'x-dlq-body': 'omitted', 'x-original-bytes': String(reference.bytes), 'x-original-sha256': reference.sha256 } },
      ]);
      countDeadLetter('reference');
      this.logger.warn(`${origin} dead-lettered by reference to ${topic} (${reference.bytes} bytes, sha256 ${reference.sha256}; body too large for ${topic}): ${reason}`);
    }
  }
}

const deadLettersSoFar = { body: 0, reference: 0 };
function countDeadLetter(kind: 'body' | 'reference'): void {
  deadLettersSoFar[kind] += 1;
  hrisDeadLetters.inc({ kind });
}
function deadLetterCount(): string {
  return `${deadLettersSoFar.body} with body, ${deadLettersSoFar.reference} by reference`;
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
