import { describe, expect, it } from '@jest/globals';
import { logLevel } from 'kafkajs';
import { kafkaLogCreator, watchConsumer, type KafkaLogSink } from './kafka-logging.js';

const sink = () => {
  const lines: [string, string][] = [];
  const at = (level: string) => (_details: Record<string, unknown>, message: string) => void lines.push([level, message]);
  const logger: KafkaLogSink = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { lines, logger };
};

const entry = (level: logLevel, message: string, extra: Record<string, unknown> = {}) => ({ namespace: 'Connection', level, label: 'ERROR', log: { timestamp: '2026-12-02T10:00:00Z', message, ...extra } });

describe('kafkaLogCreator', () => {
  it('Given the errors of a normal start (coordinator and topic not ready yet), Then debug lines, not ERROR', () => {
    const { lines, logger } = sink();
    const log = kafkaLogCreator(logger, 'command-services')(logLevel.DEBUG);
    log(entry(logLevel.ERROR, 'Response GroupCoordinator(key: 10, version: 2)', { error: 'The group coordinator is not available' }));
    log(entry(logLevel.ERROR, 'Response Metadata(key: 3, version: 6)', { error: 'There is no leader for this topic-partition as we are in the middle of a leadership election' }));
    log(entry(logLevel.ERROR, 'Connection error: connect ECONNREFUSED 127.0.0.1:9092'));
    expect(lines.map(([level]) => level)).toEqual(['debug', 'debug', 'debug']);
  });

  it('Given another error or a warning, Then an error or a warning line; kafkajs info goes to debug', () => {
    const { lines, logger } = sink();
    const log = kafkaLogCreator(logger, 'gateway')(logLevel.DEBUG);
    log(entry(logLevel.ERROR, 'Not authorized to access topics: [skills.commands.register-skill]'));
    log(entry(logLevel.WARN, 'The producer is idempotent but retries exceeded'));
    log(entry(logLevel.INFO, 'Consumer has joined the group'));
    expect(lines).toEqual([
      ['error', 'kafkajs [Connection] Not authorized to access topics: [skills.commands.register-skill]'],
      ['warn', 'kafkajs [Connection] The producer is idempotent but retries exceeded'],
      ['debug', 'kafkajs [Connection] Consumer has joined the group'],
    ]);
  });
});

describe('watchConsumer', () => {
  it('Given a consumer that crashes, fails to restart three times, then joins again, Then one stop line with the reason and one restart line; down meanwhile', () => {
    const handlers = new Map<string, (event: { payload: Record<string, unknown> }) => void>();
    const consumer = { events: { GROUP_JOIN: 'join', CRASH: 'crash', STOP: 'stop' }, on: (event: string, handler: (e: { payload: Record<string, unknown> }) => void) => void handlers.set(event, handler) };
    const { lines, logger } = sink();
    const state = watchConsumer(consumer as never, logger, 'the people command consumer');
    handlers.get('join')!({ payload: {} });
    expect(state()).toEqual({ state: 'running' });
    handlers.get('stop')!({ payload: {} });
    const refused = Object.assign(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092'), { name: 'KafkaJSNumberOfRetriesExceeded' });
    for (let i = 0; i < 4; i += 1) handlers.get('crash')!({ payload: { error: refused, restart: true } });
    expect(state()).toEqual({ state: 'restarting', reason: 'KafkaJSNumberOfRetriesExceeded: Connection error: connect ECONNREFUSED 127.0.0.1:9092' });
    handlers.get('join')!({ payload: {} });
    expect(lines.filter(([level]) => level !== 'debug')).toEqual([
      ['warn', 'the people command consumer stopped: KafkaJSNumberOfRetriesExceeded: Connection error: connect ECONNREFUSED 127.0.0.1:9092; kafkajs restarts it'],
      ['info', 'the people command consumer restarted (joined its group again)'],
    ]);
    handlers.get('crash')!({ payload: { error: new Error('bad'), restart: false } });
    expect(state()).toEqual({ state: 'stopped', reason: 'Error: bad' });
    expect(lines.at(-1)).toEqual(['error', 'the people command consumer stopped for good: Error: bad']);
  });

  it('Given a consumer watched only after it started (its first join already past), Then it is running at once, and a later crash still makes it restarting', () => {
    const handlers = new Map<string, (event: { payload: Record<string, unknown> }) => void>();
    const consumer = { events: { GROUP_JOIN: 'join', CRASH: 'crash', STOP: 'stop' }, on: (event: string, handler: (e: { payload: Record<string, unknown> }) => void) => void handlers.set(event, handler) };
    const { logger } = sink();
    expect(watchConsumer(consumer as never, logger, 'the framework command consumer')()).toEqual({ state: 'starting' });
    const state = watchConsumer(consumer as never, logger, 'the framework command consumer', { started: true });
    expect(state()).toEqual({ state: 'running' });
    handlers.get('crash')!({ payload: { error: new Error('gone'), restart: true } });
    expect(state()).toEqual({ state: 'restarting', reason: 'Error: gone' });
  });
});
