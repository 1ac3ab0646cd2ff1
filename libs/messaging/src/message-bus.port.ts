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
  consume(groupId: string, topics: readonly string[], handle: (message: IncomingMessage) => Promise<void>): Promise<{ stop(): Promise<void> }>;
  close(): Promise<void>;
}

export const MESSAGE_BUS = Symbol('MessageBus');
