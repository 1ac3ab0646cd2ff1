export interface KafkaForTests {
  brokers: string[];
  stop(): Promise<void>;
}

/**
 * A real Kafka for one test file: KAFKA_BROKERS when given (the test run's global setup exports it for a
 * broker it starts once, shared by the test files: each file uses topics and consumer groups of its own,
 * e.g. under a DEPLOYMENT_NAME of its own), else, or with alwaysStart (a broker the test may stop), a fresh
 * single-node KRaft broker started by deploy/kafka (Apache Kafka from Maven Central, free loopback ports,
 * temporary log folder) and stopped by stop().
 */
export async function kafkaForTests(options: { alwaysStart?: boolean } = {}): Promise<KafkaForTests> {
  const given = process.env['KAFKA_BROKERS'];
  if (given && !options.alwaysStart) return { brokers: given.split(','), stop: async () => {} };
  const launcher = new URL('../../../../deploy/kafka/kafka-server.mjs', import.meta.url).href;
  const { startKafka } = (await import(launcher)) as { startKafka(options?: object): Promise<{ brokers: string[]; stop(): Promise<void> }> };
  return startKafka();
}
