export interface KafkaForTests {
  brokers: string[];
  stop(): Promise<void>;
}

/**
 * A real Kafka for one test file: KAFKA_BROKERS when given, else a fresh single-node KRaft broker
 * started by deploy/kafka (Apache Kafka from Maven Central, free loopback ports, temporary log folder)
 * and stopped afterwards.
 */
export async function kafkaForTests(): Promise<KafkaForTests> {
  const given = process.env['KAFKA_BROKERS'];
  if (given) return { brokers: given.split(','), stop: async () => {} };
  const launcher = new URL('../../../../deploy/kafka/kafka-server.mjs', import.meta.url).href;
  const { startKafka } = (await import(launcher)) as { startKafka(options?: object): Promise<{ brokers: string[]; stop(): Promise<void> }> };
  return startKafka();
}
