import type { OutgoingMessage } from './integration-events/to-integration-event.js';

export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/**
 * Outside messaging, behind one port: Kafka between processes and HR systems, an in-process bus in
 * embedded mode. Both pass testing/message-bus.contract.ts.
 */
export interface MessageBus {
  /** Resolves once the broker acknowledged every message (all in-sync replicas on Kafka). */
  publish(messages: readonly OutgoingMessage[]): Promise<void>;
  /**
   * Delivers each message of the topics to handle(), one at a time per partition, committing its offset
   * after handle() resolves; a handler that throws gets the message again (at least once).
   */
  consume(groupId: string, topics: readonly string[], handle: (message: IncomingMessage) => Promise<void>, options?: ConsumeOptions): Promise<{ stop(): Promise<void> }>;
  close(): Promise<void>;
}

export interface ConsumeOptions {
  /**
   * Called once when the consumer stops by itself (on Kafka: a handler kept failing past the client's
   * retries, or the broker connection was lost for good). With it, the bus does not restart the consumer:
   * the caller decides (log, readiness, backoff, consume again). Not called after stop().
   */
  onStop?: (reason: unknown) => void;
}

/** The broker refused a message as too large for the topic (Kafka MESSAGE_TOO_LARGE / RECORD_LIST_TOO_LARGE). */
export class MessageTooLargeError extends Error {
  constructor(
    readonly topic: string,
    readonly bytes: number,
    cause: unknown,
  ) {
    super(`${topic} refused a message of ${bytes} bytes as too large (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
    this.name = 'MessageTooLargeError';
  }
}

export const MESSAGE_BUS = Symbol('MessageBus');
