import { describe, expect, it } from '@jest/globals';
import type { Command } from '@nestjs/cqrs';
import { DependencyUnavailableError } from '@skills-graph/config';
import type { CommandSender } from '@skills-graph/contracts';
import { toClientError } from '../errors/gateway-error.js';
import { BoundedCommandSender } from './bounded-command-sender.js';

const command = {} as Command<string>;
const sender = (send: () => Promise<unknown>): CommandSender => ({ send: send as CommandSender['send'] });

describe('BoundedCommandSender', () => {
  it('Given a dependency known down, When a command is sent, Then UNAVAILABLE naming it at once and nothing is sent', async () => {
    let sent = 0;
    const bounded = new BoundedCommandSender(
      sender(async () => {
        sent += 1;
        return 'done';
      }),
      { timeoutMs: 1_000, transport: 'kafka', status: { unavailableForMutations: () => [{ dependency: 'neo4j', detail: 'no answer within 2000 ms' }] } },
    );
    const error = await bounded.send(command).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect(toClientError(error).extensions).toEqual({ code: 'UNAVAILABLE', dependency: 'neo4j', retryAfterSeconds: 5 });
    expect(sent).toBe(0);
  });

  it('Given a transport that does not answer, Then UNAVAILABLE naming the transport once the bound has passed, saying a retry is safe', async () => {
    const bounded = new BoundedCommandSender(sender(() => new Promise(() => undefined)), { timeoutMs: 50, transport: 'kafka' });
    const error = await bounded.send(command).catch((e: unknown) => e);
    expect(error).toMatchObject({ dependency: 'kafka', message: expect.stringMatching(/within 50 ms; it may still be applied: retry with the same id/) });
  });

  it('Given a kafkajs error, Then UNAVAILABLE naming kafka; Given a refusal of the domain, Then that refusal', async () => {
    const kafkaError = Object.assign(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092'), { name: 'KafkaJSNumberOfRetriesExceeded' });
    const failing = new BoundedCommandSender(sender(() => Promise.reject(kafkaError)), { timeoutMs: 1_000, transport: 'kafka' });
    expect(toClientError(await failing.send(command).catch((e: unknown) => e)).extensions).toMatchObject({ code: 'UNAVAILABLE', dependency: 'kafka' });
    const refused = new BoundedCommandSender(sender(() => Promise.reject(new Error('a bug'))), { timeoutMs: 1_000, transport: 'event-store' });
    expect(toClientError(await refused.send(command).catch((e: unknown) => e)).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('Given a transport that answers in time, Then its answer', async () => {
    const bounded = new BoundedCommandSender(sender(async () => 'stored'), { timeoutMs: 1_000, transport: 'event-store', status: { unavailableForMutations: () => [] } });
    await expect(bounded.send(command)).resolves.toBe('stored');
  });
});
