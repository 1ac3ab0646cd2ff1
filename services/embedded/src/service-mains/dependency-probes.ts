import { Kafka, logLevel, type Admin } from 'kafkajs';

/**
 * A probe of the Kafka cluster for readiness: one admin connection kept open and asked for the cluster's
 * brokers, without retries (the probe's own timeout bounds it); a failed probe drops the connection so
 * the next one connects again.
 */
export function kafkaProbe(brokers: readonly string[], clientId: string, timeoutMs: number): { probe(): Promise<void>; close(): Promise<void> } {
  const admin: Admin = new Kafka({ clientId, brokers: [...brokers], logLevel: logLevel.NOTHING, connectionTimeout: Math.min(timeoutMs, 3_000), requestTimeout: timeoutMs, retry: { retries: 0 } }).admin();
  let connected = false;
  return {
    async probe() {
      try {
        if (!connected) {
          await admin.connect();
          connected = true;
        }
        await admin.describeCluster();
      } catch (error) {
        connected = false;
        await admin.disconnect().catch(() => undefined);
        throw error;
      }
    },
    async close() {
      await admin.disconnect().catch(() => undefined);
    },
  };
}
