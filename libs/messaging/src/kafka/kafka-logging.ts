import { logLevel, type Consumer, type LogEntry, type logCreator } from 'kafkajs';

/** Where the lines go: pino's shape (a details object, then the message); Nest's Logger through an adapter. */
export interface KafkaLogSink {
  debug(details: Record<string, unknown>, message: string): void;
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

/**
 * kafkajs errors that are part of a normal start or a rebalance, not faults: a topic or group coordinator
 * that is not ready yet, a leader election, a rejoin. They are retried by kafkajs and logged at debug;
 * if they persist, the retries give up with an error that is logged as one.
 */
const benignDuringStart = [
  /group coordinator is not available/i,
  /coordinator is (loading|not available)/i,
  /does not host this topic-partition/i,
  /no leader for this topic-partition/i,
  /leadership election/i,
  /group is rebalancing/i,
  /not the leader for that topic-partition/i,
  /not aware of this member/i,
  /Response GroupCoordinator|Response Metadata|Response JoinGroup|Response SyncGroup|Response Heartbeat|Response OffsetFetch/,
];

/**
 * Errors while a broker is away: each retry of each client would log one. The loss and return of Kafka are
 * logged once by the dependency check, and a consumer's stop and restart once by watchConsumer.
 */
const coveredByHealth = [/ECONNREFUSED|ECONNRESET|Connection error|Connection timeout|Failed to connect|broker not connected|Closed connection|KafkaJSConnection|KafkaJSNumberOfRetriesExceeded|^Crash:|^Restarting the consumer/i];

/**
 * kafkajs's own log lines through pino (instead of Nest's logger, which prints every kafkajs ERROR, benign
 * or not): errors known to be benign while a group forms go to debug, other errors to error, warnings to
 * warn, kafkajs's chatty info to debug.
 */
export function kafkaLogCreator(logger: KafkaLogSink, component: string): logCreator {
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, timestamp: _timestamp, logger: _logger, ...details } = log as LogEntry['log'] & { logger?: unknown };
      const line = { component, kafka: namespace, ...details };
      const text = `kafkajs [${namespace}] ${message}`;
      if (level === logLevel.ERROR || level === logLevel.NOTHING) {
        const benign = [...benignDuringStart, ...coveredByHealth].some((p) => p.test(message) || p.test(String(details['error'] ?? '')));
        if (benign) logger.debug(line, text);
        else logger.error(line, text);
      } else if (level === logLevel.WARN) logger.warn(line, text);
      else logger.debug(line, text);
    };
}

export type ConsumerState = { state: 'running' } | { state: 'stopped'; reason: string } | { state: 'restarting'; reason: string } | { state: 'starting' };

/**
 * One log line per stop and per restart of a kafkajs consumer, with the reason, and its state for
 * readiness: a crash kafkajs will restart from is `restarting` (not ready), one it will not is `stopped`,
 * the group joined again is `running` (logged as a restart when it follows a crash). While it is down, the
 * crashes of each further attempt are debug lines (the first one said why). stop() at shutdown is a debug
 * line too: the process logs its own stopping.
 *
 * `started`: the consumer is watched only after it started (Nest's startAllMicroservices/listen resolved),
 * when its first GROUP_JOIN may already have fired; it then starts as `running`, not `starting` (which it
 * would otherwise stay in until a rebalance: a process that was never ready).
 */
export function watchConsumer(consumer: Pick<Consumer, 'on' | 'events'>, logger: KafkaLogSink, name: string, options: { started?: boolean } = {}): () => ConsumerState {
  let state: ConsumerState = options.started ? { state: 'running' } : { state: 'starting' };
  consumer.on(consumer.events.GROUP_JOIN, () => {
    if (state.state === 'restarting' || state.state === 'stopped') logger.info({ consumer: name }, `${name} restarted (joined its group again)`);
    state = { state: 'running' };
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    const reason = payload.error instanceof Error ? `${payload.error.name}: ${payload.error.message}` : String(payload.error);
    const alreadyDown = state.state === 'restarting' || state.state === 'stopped';
    if (payload.restart) {
      if (alreadyDown) logger.debug({ consumer: name, reason }, `${name} failed to restart: ${reason}; kafkajs tries again`);
      else logger.warn({ consumer: name, reason }, `${name} stopped: ${reason}; kafkajs restarts it`);
      state = { state: 'restarting', reason };
    } else {
      logger.error({ consumer: name, reason }, `${name} stopped for good: ${reason}`);
      state = { state: 'stopped', reason };
    }
  });
  consumer.on(consumer.events.STOP, () => logger.debug({ consumer: name }, `${name} stopped its fetch loop`));
  return () => state;
}
