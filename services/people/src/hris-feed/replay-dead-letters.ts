import { createHash, randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { deploymentNames } from '@skills-graph/config';
import { hrisPeopleDeadLetterTopic, hrisPeopleTopic } from '@skills-graph/messaging';
import type { DeadLetterReference } from './hris-people-consumer.js';

/** One message of the dead-letter topic: its body kept, or only a reference to where it came from. */
export interface DeadLetter {
  at: { partition: number; offset: string };
  origin: { topic: string; partition: number; offset: string };
  kind: 'body' | 'reference';
  reason: string;
  key: string | null;
  bytes: number;
  sha256: string;
  /** The message itself (kind body), with its original headers. */
  value?: string;
  headers?: Record<string, string>;
}

export interface ReplayOutcome {
  deadLetter: DeadLetter;
  result: 'replayed' | 'would-replay' | 'gone' | 'hash-mismatch';
  detail: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const headersOf = (raw: Record<string, unknown> | undefined) => Object.fromEntries(Object.entries(raw ?? {}).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
const dlqHeader = (name: string) => name.startsWith('x-dlq-') || name.startsWith('x-original-');

/** Reads a whole topic as it stands now (up to each partition's end when called), from the given offsets on. */
async function readTopic(kafka: Kafka, topic: string, from: Map<number, bigint> | undefined, wanted: (partition: number, offset: bigint) => boolean, timeoutMs: number) {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const remaining = new Map<number, bigint>();
  for (const p of ends) {
    const start = from ? from.get(p.partition) : BigInt(p.low);
    if (start === undefined) continue;
    const first = start > BigInt(p.low) ? start : BigInt(p.low);
    if (BigInt(p.high) > first) remaining.set(p.partition, BigInt(p.high) - 1n);
  }
  const found: { partition: number; offset: string; key: string | null; value: string | null; headers: Record<string, string> }[] = [];
  if (remaining.size === 0) return { found, ends };
  const consumer: Consumer = kafka.consumer({ groupId: `skills-graph-hris-replay-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const offset = BigInt(message.offset);
        if (wanted(partition, offset)) found.push({ partition, offset: message.offset, key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers: headersOf(message.headers) });
        const last = remaining.get(partition);
        if (last !== undefined && offset >= last) remaining.delete(partition);
        if (remaining.size === 0) done();
      },
    });
    if (from) for (const [partition, offset] of from) if (remaining.has(partition)) consumer.seek({ topic, partition, offset: String(offset) });
    const unwanted = ends.map((p) => p.partition).filter((p) => !remaining.has(p));
    if (unwanted.length > 0) consumer.pause([{ topic, partitions: unwanted }]);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([finished, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${topic}: not read to its end within ${timeoutMs} ms`)), timeoutMs)))]).finally(() => clearTimeout(timer));
  } finally {
    await consumer.disconnect();
  }
  return { found, ends };
}

/** Every dead letter of the deployment's HRIS dead-letter topic, oldest first per partition. */
export async function listDeadLetters(brokers: readonly string[], deploymentName?: string, timeoutMs = 60_000): Promise<DeadLetter[]> {
  const kafka = new Kafka({ clientId: 'skills-graph-hris-replay', brokers: [...brokers], logLevel: logLevel.NOTHING, connectionTimeout: 5_000, requestTimeout: 15_000, retry: { retries: 3 } });
  const topic = deploymentNames({ DEPLOYMENT_NAME: deploymentName }).topic(hrisPeopleDeadLetterTopic);
  const { found } = await readTopic(kafka, topic, undefined, () => true, timeoutMs);
  return found.map((m) => toDeadLetter(m));
}

function toDeadLetter(m: { partition: number; offset: string; key: string | null; value: string | null; headers: Record<string, string> }): DeadLetter {
  const at = { partition: m.partition, offset: m.offset };
  if (m.headers['x-dlq-body'] === 'omitted') {
    const ref = JSON.parse(m.value ?? '{}') as DeadLetterReference;
    return { at, origin: { topic: ref.topic, partition: ref.partition, offset: ref.offset }, kind: 'reference', reason: ref.reason, key: ref.key, bytes: ref.bytes, sha256: ref.sha256 };
  }
  const value = m.value ?? '';
  return {
    at,
    origin: { topic: m.headers['x-original-topic'] ?? '', partition: Number(m.headers['x-original-partition']), offset: m.headers['x-original-offset'] ?? '' },
    kind: 'body',
    reason: m.headers['x-dlq-reason'] ?? '',
    key: m.key,
    bytes: Buffer.byteLength(value),
    sha256: sha256(value),
    value,
    headers: Object.fromEntries(Object.entries(m.headers).filter(([k]) => !dlqHeader(k))),
  };
}

/**
 * Sends chosen dead letters again to the HRIS topic, after a fix (the missing engineer now exists, the
 * handler is corrected...): a dead letter with its body is re-sent as it was; one by reference is read
 * again from its origin (topic, partition, offset) in the HRIS topic, checked against its sha-256, and
 * re-sent; if the HRIS topic no longer holds that offset (retention), it is reported `gone` and nothing
 * is sent. Each copy carries `x-replayed-from: <topic>/<partition>/<offset>`. The consumer applies it
 * like any message: its messageId is the idempotency key, so replaying twice changes nothing more.
 * The dead-letter topic is left as it is (it is the record of what happened).
 */
export async function replayDeadLetters(options: { brokers: readonly string[]; deploymentName?: string; select: (letter: DeadLetter) => boolean; dryRun?: boolean; timeoutMs?: number }): Promise<ReplayOutcome[]> {
  const { brokers, deploymentName, select, dryRun = false, timeoutMs = 60_000 } = options;
  const kafka = new Kafka({ clientId: 'skills-graph-hris-replay', brokers: [...brokers], logLevel: logLevel.NOTHING, connectionTimeout: 5_000, requestTimeout: 15_000, retry: { retries: 3 } });
  const names = deploymentNames({ DEPLOYMENT_NAME: deploymentName });
  const source = names.topic(hrisPeopleTopic);
  const chosen = (await listDeadLetters(brokers, deploymentName, timeoutMs)).filter(select);
  const byReference = chosen.filter((l) => l.kind === 'reference' && l.origin.topic === source);
  const bodies = new Map<string, { key: string | null; value: string | null; headers: Record<string, string> }>();
  let low = new Map<number, bigint>();
  if (byReference.length > 0) {
    const from = new Map<number, bigint>();
    for (const l of byReference) {
      const offset = BigInt(l.origin.offset);
      if (!from.has(l.origin.partition) || offset < from.get(l.origin.partition)!) from.set(l.origin.partition, offset);
    }
    const wanted = new Set(byReference.map((l) => `${l.origin.partition}/${l.origin.offset}`));
    const { found, ends } = await readTopic(kafka, source, from, (p, o) => wanted.has(`${p}/${o}`), timeoutMs);
    for (const m of found) bodies.set(`${m.partition}/${m.offset}`, m);
    low = new Map(ends.map((e) => [e.partition, BigInt(e.low)]));
  }
  const outcomes: ReplayOutcome[] = [];
  const toSend: { letter: DeadLetter; key: string | null; value: string; headers: Record<string, string> }[] = [];
  for (const letter of chosen) {
    const from = `${letter.origin.topic}/${letter.origin.partition}/${letter.origin.offset}`;
    if (letter.kind === 'body') {
      toSend.push({ letter, key: letter.key, value: letter.value ?? '', headers: { ...letter.headers, 'x-replayed-from': from } });
      continue;
    }
    const body = letter.origin.topic === source ? bodies.get(`${letter.origin.partition}/${letter.origin.offset}`) : undefined;
    if (!body) {
      const earliest = low.get(letter.origin.partition);
      outcomes.push({ deadLetter: letter, result: 'gone', detail: `${from} is no longer in ${source}${earliest !== undefined ? ` (partition ${letter.origin.partition} starts at ${earliest})` : ''}: the body was not kept, nothing to replay` });
      continue;
    }
    const value = body.value ?? '';
    if (sha256(value) !== letter.sha256) {
      outcomes.push({ deadLetter: letter, result: 'hash-mismatch', detail: `${from} now holds a different message (sha256 ${sha256(value)}, expected ${letter.sha256}): not replayed` });
      continue;
    }
    toSend.push({ letter, key: body.key, value, headers: { ...body.headers, 'x-replayed-from': from } });
  }
  if (!dryRun && toSend.length > 0) {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      for (const m of toSend) await producer.send({ topic: source, acks: -1, timeout: 15_000, messages: [{ key: m.key, value: m.value, headers: m.headers }] });
    } finally {
      await producer.disconnect();
    }
  }
  for (const m of toSend)
    outcomes.push({ deadLetter: m.letter, result: dryRun ? 'would-replay' : 'replayed', detail: `${m.letter.origin.topic}/${m.letter.origin.partition}/${m.letter.origin.offset} (${m.letter.kind}, ${m.letter.bytes} bytes) ${dryRun ? 'would be sent' : 'sent'} to ${source}` });
  return outcomes;
}
