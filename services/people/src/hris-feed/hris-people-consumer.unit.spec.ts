import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import { MessageTooLargeError, type ConsumeOptions, type IncomingMessage, type MessageBus } from '@skills-graph/messaging';
import type { OutgoingMessage } from '@skills-graph/messaging';
import { HrisPeopleConsumer, hrisRestartBackoffMs, type DeadLetterReference } from './hris-people-consumer.js';

/** A bus whose consumers the test stops (as kafkajs does after a crash) and whose publish refuses large values. */
class ScriptedBus implements MessageBus {
  readonly published: OutgoingMessage[] = [];
  readonly consumers: { onStop?: (reason: unknown) => void; stopped: boolean }[] = [];
  failConsume = 0;
  maxBytes = Infinity;
  brokerDown = false;

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (this.brokerDown) throw new Error('connection refused');
    for (const m of messages) if (Buffer.byteLength(m.value ?? '') > this.maxBytes) throw new MessageTooLargeError(m.topic, Buffer.byteLength(m.value ?? ''), new Error('MESSAGE_TOO_LARGE'));
    this.published.push(...messages);
  }
  async consume(_group: string, _topics: readonly string[], _handle: (m: IncomingMessage) => Promise<void>, options?: ConsumeOptions) {
    if (this.failConsume > 0) {
      this.failConsume -= 1;
      throw new Error('There is no leader for this topic-partition');
    }
    const consumer = { onStop: options?.onStop, stopped: false };
    this.consumers.push(consumer);
    return { stop: async () => void (consumer.stopped = true) };
  }
  async close() {}
}

const noCommands = { execute: async () => undefined } as unknown as CommandBus;
const incoming = (value: string, offset = '7'): IncomingMessage => ({ topic: 'hris.people.v1', partition: 2, offset, key: 'k-1', value, headers: { 'x-source': 'workday' } });
const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
};

let logs: string[];
beforeEach(() => {
  logs = [];
  for (const level of ['log', 'warn', 'error'] as const) jest.spyOn(Logger.prototype, level).mockImplementation((message: unknown) => void logs.push(`${level} ${String(message)}`));
  hrisRestartBackoffMs.first = 10;
  hrisRestartBackoffMs.max = 40;
});
afterEach(() => {
  jest.restoreAllMocks();
  hrisRestartBackoffMs.first = 1_000;
  hrisRestartBackoffMs.max = 30_000;
});

describe('HrisPeopleConsumer', () => {
  it('restarts itself with a doubling backoff after every stop, logging one line each, and is down while stopped', async () => {
    const bus = new ScriptedBus();
    const consumer = new HrisPeopleConsumer(bus, noCommands);
    await consumer.start();
    expect(consumer.health().status).toBe('up');

    bus.failConsume = 2; // the stop, then two failed joins, then it joins again
    bus.consumers[0]!.onStop!(new Error('KafkaJSNumberOfRetriesExceeded: handler kept failing'));
    expect(consumer.health()).toEqual({ status: 'down', detail: expect.stringContaining('stopped (Error: KafkaJSNumberOfRetriesExceeded: handler kept failing); restart 2 in 10 ms') });
    await until(() => consumer.running);
    expect(bus.consumers).toHaveLength(2);
    expect(logs.filter((l) => l.includes('HRIS consumer'))).toEqual([
      'error HRIS consumer stopped: Error: KafkaJSNumberOfRetriesExceeded: handler kept failing; restarting in 10 ms (attempt 2)',
      'error HRIS consumer stopped: Error: There is no leader for this topic-partition; restarting in 20 ms (attempt 3)',
      'error HRIS consumer stopped: Error: There is no leader for this topic-partition; restarting in 40 ms (attempt 4)',
      'log HRIS consumer restarted (attempt 4) on hris.people.v1',
    ]);
    await consumer.onApplicationShutdown();
    expect(bus.consumers[1]!.stopped).toBe(true);
    expect(consumer.health().status).toBe('starting');
  });

  it('dead-letters a message the dead-letter topic refuses by reference: size, sha-256, origin and reason, no body', async () => {
    const bus = new ScriptedBus();
    bus.maxBytes = 1_000;
    const consumer = new HrisPeopleConsumer(bus, noCommands);
    const body = `{"type":"joiner","padding":"${'x'.repeat(5_000)}"}`;
    await consumer.handle(incoming(body));
    expect(bus.published).toHaveLength(1);
    const letter = bus.published[0]!;
    const reference = JSON.parse(letter.value!) as DeadLetterReference;
    expect(reference).toEqual({
      deadLetter: 'reference',
      topic: 'hris.people.v1',
      partition: 2,
      offset: '7',
      key: 'k-1',
      bytes: Buffer.byteLength(body),
      sha256: (await import('node:crypto')).createHash('sha256').update(body).digest('hex'),
      code: 'INVALID_MESSAGE',
      reason: expect.stringMatching(/^messageId: /),
      refused: expect.stringContaining('too large'),
    });
    expect(letter.value).not.toContain('xxxx');
    expect(letter.headers).toMatchObject({ 'x-dlq-code': 'INVALID_MESSAGE', 'x-dlq-body': 'omitted', 'x-original-offset': '7', 'x-original-partition': '2', 'x-original-bytes': String(Buffer.byteLength(body)) });
    expect(logs).toEqual([expect.stringMatching(/^warn hris\.people\.v1 2\/7 dead-lettered by reference to hris\.people\.v1\.dlq \(5\d{3} bytes, sha256 [0-9a-f]{64};/)]);
  });

  it('keeps the body when the dead-letter topic takes it, and rethrows when the broker is away (the message comes again)', async () => {
    const bus = new ScriptedBus();
    const consumer = new HrisPeopleConsumer(bus, noCommands);
    await consumer.handle(incoming('not json'));
    expect(bus.published.map((m) => [m.value, m.headers['x-dlq-code'], m.headers['x-dlq-reason']])).toEqual([['not json', 'NOT_JSON', expect.stringMatching(/^not JSON/)]]);
    bus.brokerDown = true;
    await expect(consumer.handle(incoming('not json either', '8'))).rejects.toThrow('connection refused');
  });
});
