import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real server of the test's own that it can stop and start again on the same port and data, for outage tests. */
export interface RestartableServer {
  /** Stops the server process (SIGTERM), keeping its port(s) and its data folder. */
  halt(): Promise<void>;
  /** Starts it again on the same port(s) and data (same Kafka cluster id and topics; same Neo4j graph). */
  resume(): Promise<void>;
  /** Stops it for good and removes its data. */
  stop(): Promise<void>;
}

const launcher = (path: string) => new URL(`../../../../deploy/${path}`, import.meta.url).href;

export interface RestartableKafka extends RestartableServer {
  brokers: string[];
}

export interface RestartableNeo4j extends RestartableServer {
  connection: { uri: string; username: string; password: string };
}

/** Kafka from deploy/kafka (never KAFKA_BROKERS: the test stops it), its log folder kept across restarts. */
export async function restartableKafka(): Promise<RestartableKafka> {
  type Started = { brokers: string[]; port: number; controllerPort: number; stop(): Promise<void> };
  const { startKafka } = (await import(launcher('kafka/kafka-server.mjs'))) as { startKafka(options?: object): Promise<Started> };
  const logDir = await mkdtemp(join(tmpdir(), 'sg-outage-kafka-'));
  let current: Started | undefined = await startKafka({ logDir });
  const { port, controllerPort, brokers } = current;
  return {
    brokers,
    async halt() {
      await current?.stop();
      current = undefined;
    },
    async resume() {
      current ??= await startKafka({ port, controllerPort, logDir });
    },
    async stop() {
      await current?.stop();
      current = undefined;
      await rm(logDir, { recursive: true, force: true });
    },
  };
}

/** Neo4j from deploy/neo4j (never NEO4J_URI: the test stops it), its data folder kept across restarts. */
export async function restartableNeo4j(): Promise<RestartableNeo4j> {
  type Started = { uri: string; username: string; password: string; port: number; stop(): Promise<void> };
  const { startNeo4j } = (await import(launcher('neo4j/neo4j-server.mjs'))) as { startNeo4j(options?: object): Promise<Started> };
  const dataDir = await mkdtemp(join(tmpdir(), 'sg-outage-neo4j-'));
  let current: Started | undefined = await startNeo4j({ dataDir });
  const { port, uri, username, password } = current;
  return {
    connection: { uri, username, password },
    async halt() {
      await current?.stop();
      current = undefined;
    },
    async resume() {
      current ??= await startNeo4j({ port, dataDir });
    },
    async stop() {
      await current?.stop();
      current = undefined;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
