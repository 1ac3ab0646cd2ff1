import { DependencyUnavailableError, deploymentNames, type SkillsGraphConfig } from '@skills-graph/config';
import { commandPatterns, type CommandSender } from '@skills-graph/contracts';
import { KafkaCommandSender } from '@skills-graph/gateway';
import { KafkaMessageBus } from '@skills-graph/messaging';
import { commandTopics } from './command-services.js';

/**
 * Commands over Kafka, connected in the background so the process answers HTTP at once and rides out a
 * broker that is not there yet, or a topic whose metadata has not spread yet (each failed attempt is one
 * warning, then a retry 2 s later). Until connected, a send is refused at once with UNAVAILABLE naming
 * kafka (nothing was sent); `connected` feeds readiness. Topics carry the DEPLOYMENT_NAME prefix and are
 * created first (3 partitions each, like every topic of the product). Used by a distributed gateway and
 * by the embedded host with COMMAND_TRANSPORT=kafka.
 */
export class BackgroundKafkaCommandSender implements CommandSender {
  private sender: KafkaCommandSender | undefined;
  private readonly connecting: Promise<KafkaCommandSender | undefined>;
  private closed = false;

  constructor(config: SkillsGraphConfig, clientId: string, logger: { warn(details: { err: unknown; attempt: number }, message: string): void }) {
    const topic = deploymentNames(config).topic;
    this.connecting = (async () => {
      for (let attempt = 1; !this.closed; attempt += 1) {
        try {
          const topics = new KafkaMessageBus(config.KAFKA_BROKERS!, `${clientId}-topic-setup`, { timeoutMs: config.KAFKA_TIMEOUT_MS });
          try {
            await topics.ensureTopics(commandTopics(commandPatterns, topic));
          } finally {
            await topics.close().catch(() => undefined);
          }
          this.sender = await KafkaCommandSender.connect(config.KAFKA_BROKERS!, clientId, topic, { kafkaTimeoutMs: config.KAFKA_TIMEOUT_MS, commandTimeoutMs: config.COMMAND_TIMEOUT_MS });
          if (this.closed) await this.sender.close();
          return this.sender;
        } catch (error) {
          logger.warn({ err: error, attempt }, 'the command transport is not connected yet; retrying');
          await new Promise((resolve) => setTimeout(resolve, 2_000));
        }
      }
      return undefined;
    })();
  }

  get connected(): boolean {
    return this.sender !== undefined;
  }

  /** The `command-transport` readiness check of the host that sends commands this way. */
  health(): { status: 'up' | 'starting'; detail?: string } {
    return this.connected ? { status: 'up' } : { status: 'starting', detail: 'connecting to Kafka' };
  }

  async send<R>(command: Parameters<CommandSender['send']>[0]): Promise<R> {
    // Not connected yet: refused at once (nothing was sent), not held until Kafka comes.
    if (!this.sender) throw new DependencyUnavailableError('kafka', this.closed ? 'the command transport is closed' : 'the command transport is not connected to Kafka yet');
    const sender = await this.connecting;
    if (!sender) throw new DependencyUnavailableError('kafka', 'the command transport is closed');
    return sender.send(command) as Promise<R>;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.sender?.close();
  }
}
