import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Issue #14 item 5: deploy/kafka and deploy/neo4j refuse a port another process holds, instead of
// reporting "ready" while clients talk to a stranger; and a started Kafka is ready only when the broker
// answering has the cluster id it was formatted with.

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
type Launched = { brokers?: string[]; clusterId?: string; pid: number; stop(): Promise<void> };
const kafkaLauncher = (await import(join(root, 'deploy/kafka/kafka-server.mjs'))) as { startKafka(o?: object): Promise<Launched> };
const neo4jLauncher = (await import(join(root, 'deploy/neo4j/neo4j-server.mjs'))) as { startNeo4j(o?: object): Promise<Launched> };

let stranger: Server;
let port: number;
beforeAll(async () => {
  stranger = createServer((socket) => socket.end());
  await new Promise<void>((resolve) => stranger.listen(0, '127.0.0.1', resolve));
  port = (stranger.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => stranger.close(() => resolve())));

describe('launchers that cannot lie', () => {
  it('the Kafka launcher refuses a taken port, as a module and on the command line (exit 1, a clear message)', async () => {
    const started = Date.now();
    await expect(kafkaLauncher.startKafka({ port })).rejects.toThrow(`Kafka port ${port} on 127.0.0.1 is already in use by another process (another Kafka?): refusing to start`);
    const cli = spawnSync(process.execPath, [join(root, 'deploy/kafka/kafka-server.mjs'), '--port', String(port)], { encoding: 'utf8', timeout: 60_000 });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain(`Kafka port ${port} on 127.0.0.1 is already in use`);
    expect(cli.stdout).not.toContain('127.0.0.1:');
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it('the Neo4j launcher refuses a taken Bolt port, as a module and on the command line', async () => {
    await expect(neo4jLauncher.startNeo4j({ port })).rejects.toThrow(`Bolt port ${port} on 127.0.0.1 is already in use by another process (another Neo4j?): refusing to start`);
    const cli = spawnSync(process.execPath, [join(root, 'deploy/neo4j/neo4j-server.mjs'), '--port', String(port)], { encoding: 'utf8', timeout: 60_000 });
    expect(cli.status).not.toBe(0);
    expect(cli.stderr).toContain(`Bolt port ${port} on 127.0.0.1 is already in use`);
    expect(cli.stdout).not.toContain('is ready');
  }, 60_000);

  it('a Kafka it starts is ready only as its own broker: its cluster id answers and its JVM is alive', async () => {
    const kafka = await kafkaLauncher.startKafka();
    try {
      const { Kafka, logLevel } = await import('kafkajs');
      const admin = new Kafka({ clientId: 'launcher-test', brokers: kafka.brokers!, logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      expect((await admin.describeCluster()).clusterId).toBe(kafka.clusterId);
      await admin.disconnect();
      expect(() => process.kill(kafka.pid, 0)).not.toThrow();
    } finally {
      await kafka.stop();
    }
  }, 120_000);
});
